package org.cardsync.jcsubset;

import java.util.Objects;

/**
 * One place where a class file leaves the Java Card classic subset.
 *
 * <p>A violation is found at one of three levels: an instruction ({@code member}, {@code insnIndex},
 * {@code opcode} and {@code line} set), a field or method declaration ({@code member} set, no
 * instruction), or the class itself (class version, superclass, interfaces: no member).
 *
 * @param className the class, as a Java binary name ({@code org.cardsync.applet.Foo})
 * @param member    the method as {@code name(descriptor)}, the field as {@code name:descriptor}, or
 *                  {@code null} for a class-level violation
 * @param insnIndex index of the instruction among the method's real instructions (labels, line numbers
 *                  and frames not counted), 0-based; -1 when not at an instruction
 * @param opcode    the instruction's mnemonic ({@code IADD}), or {@code null}
 * @param line      source line of the instruction, or -1 when unknown or not at an instruction
 * @param rule      the subset rule that is broken
 * @param reason    what is wrong, for a person to read
 */
public record Violation(String className, String member, int insnIndex, String opcode, int line, Rule rule,
                        String reason) {

    /** The subset rules the checker enforces; see docs/javacard-subset.md. */
    public enum Rule {
        /** Class file major version above what the converter reads. */
        CLASS_VERSION,
        /** long, float, double: not in the Java Card VM. */
        LONG_FLOAT_DOUBLE,
        /** char: not in the Java Card VM. */
        CHAR,
        /** int: optional in the Java Card VM, and this applet must run where it is absent. */
        INT,
        /** java.lang.String, string literals, StringBuilder. */
        STRING,
        /** synchronized methods, monitorenter/monitorexit. */
        SYNCHRONIZED,
        /** invokedynamic: lambdas, method references, indy string concatenation. */
        INVOKEDYNAMIC,
        /** A class or member outside the Java Card API and outside the scanned classes. */
        API,
        /** Other language features outside the subset: multidimensional arrays, native, volatile, transient. */
        LANGUAGE
    }

    public Violation {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
    }

    static Violation atClass(String className, Rule rule, String reason) {
        return new Violation(className, null, -1, null, -1, rule, reason);
    }

    static Violation atMember(String className, String member, Rule rule, String reason) {
        return new Violation(className, member, -1, null, -1, rule, reason);
    }

    /** The report line: {@code VIOLATION <class> <method><descriptor> insn #<index> <OPCODE> (line <n>): <reason>}. */
    public String toReportLine() {
        StringBuilder text = new StringBuilder("VIOLATION ").append(className);
        if (member != null) {
            text.append(' ').append(member);
        }
        if (opcode != null) {
            text.append(" insn #").append(insnIndex).append(' ').append(opcode)
                    .append(" (line ").append(line < 0 ? "?" : Integer.toString(line)).append(')');
        }
        return text.append(": ").append(reason).toString();
    }
}
