package org.cardsync.jcsubset;

import java.util.List;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicInterpreter;
import org.objectweb.asm.tree.analysis.BasicValue;

/**
 * Finds int intermediate values that the Java Card converter rejects.
 *
 * <p>The JVM has no short arithmetic: javac compiles {@code (short) (a + b)} to {@code iadd; i2s}.
 * The converter maps that to {@code sadd} because the cast throws the high bits away, so the int
 * result never matters. Without the cast ({@code buf[a + b]}, {@code if (a + b > c)}) the full int
 * result is used, and on a card without int support the converter refuses the class ("unsupported
 * int type of intermediate value, must cast intermediate value to type short or byte").
 *
 * <p>Every int-typed stack or local value is therefore tracked as {@link IntValue#NARROW} (it fits
 * in a short: loaded from a byte/short/boolean variable, field, array element or method result, a
 * constant in short range, a cast result, a bitwise combination of narrow values) or
 * {@link IntValue#WIDE} (the result of arithmetic that can leave short range, or a constant outside
 * it). A wide value may flow only into a cast to byte/short or into further arithmetic; any other
 * use is reported through {@link Reporter}. Merging narrow and wide gives wide.
 *
 * <p>The analyzer visits instructions again until the frames are stable, so the same use can be
 * reported more than once; the {@link Reporter} must deduplicate. Because merging only ever widens,
 * every report made on the way is also true of the final frames.
 */
final class IntWidthInterpreter extends BasicInterpreter {

    /** Receives each use of a wide int value. */
    interface Reporter {
        void wideIntUsed(AbstractInsnNode insn, String use);
    }

    /** An int-typed value, narrow (fits in a short) or wide (may not). */
    static final class IntValue extends BasicValue {
        static final IntValue NARROW = new IntValue(false);
        static final IntValue WIDE = new IntValue(true);

        private final boolean wide;

        private IntValue(boolean wide) {
            super(Type.INT_TYPE);
            this.wide = wide;
        }

        boolean isWide() {
            return wide;
        }

        @Override
        public boolean equals(Object other) {
            return other == this;
        }

        @Override
        public int hashCode() {
            return wide ? 1 : 0;
        }

        @Override
        public String toString() {
            return wide ? "I(wide)" : "I(narrow)";
        }
    }

    private final Reporter reporter;

    IntWidthInterpreter(Reporter reporter) {
        super(Opcodes.ASM9);
        this.reporter = reporter;
    }

    /**
     * Every int-typed value that does not come out of an arithmetic instruction starts narrow: byte,
     * short and boolean variables, fields, parameters and method results all fit in a short. An int
     * one is reported where it is declared, so it is taken as narrow here to report the cause once
     * rather than again at each use.
     */
    @Override
    public BasicValue newValue(Type type) {
        return narrowIfInt(super.newValue(type));
    }

    @Override
    public BasicValue newOperation(AbstractInsnNode insn) throws AnalyzerException {
        if (insn instanceof LdcInsnNode ldc && ldc.cst instanceof Integer constant && !fitsInShort(constant)) {
            return IntValue.WIDE;
        }
        return narrowIfInt(super.newOperation(insn));
    }

    @Override
    public BasicValue copyOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
        if (insn.getOpcode() == Opcodes.ISTORE) {
            checkUse(insn, value, "stored in a local variable");
        }
        return super.copyOperation(insn, value);
    }

    @Override
    public BasicValue unaryOperation(AbstractInsnNode insn, BasicValue value) throws AnalyzerException {
        switch (insn.getOpcode()) {
            case Opcodes.INEG, Opcodes.IINC:
                return IntValue.WIDE;
            case Opcodes.I2B, Opcodes.I2S, Opcodes.I2C:
                return IntValue.NARROW;
            case Opcodes.IFEQ, Opcodes.IFNE, Opcodes.IFLT, Opcodes.IFGE, Opcodes.IFGT, Opcodes.IFLE:
                checkUse(insn, value, "used in a comparison");
                break;
            case Opcodes.TABLESWITCH, Opcodes.LOOKUPSWITCH:
                checkUse(insn, value, "used as a switch key");
                break;
            case Opcodes.IRETURN:
                checkUse(insn, value, "returned");
                break;
            case Opcodes.PUTSTATIC:
                checkUse(insn, value, "stored in a static field");
                break;
            case Opcodes.NEWARRAY, Opcodes.ANEWARRAY:
                checkUse(insn, value, "used as an array size");
                break;
            default:
                break;
        }
        return narrowIfInt(super.unaryOperation(insn, value));
    }

    @Override
    public BasicValue binaryOperation(AbstractInsnNode insn, BasicValue value1, BasicValue value2)
            throws AnalyzerException {
        switch (insn.getOpcode()) {
            case Opcodes.IADD, Opcodes.ISUB, Opcodes.IMUL, Opcodes.IDIV, Opcodes.IREM, Opcodes.ISHL,
                    Opcodes.IUSHR:
                return IntValue.WIDE;
            case Opcodes.IAND, Opcodes.IOR, Opcodes.IXOR, Opcodes.ISHR:
                return isWide(value1) || isWide(value2) ? IntValue.WIDE : IntValue.NARROW;
            case Opcodes.IALOAD, Opcodes.LALOAD, Opcodes.FALOAD, Opcodes.DALOAD, Opcodes.AALOAD,
                    Opcodes.BALOAD, Opcodes.CALOAD, Opcodes.SALOAD:
                checkUse(insn, value2, "used as an array index");
                break;
            case Opcodes.IF_ICMPEQ, Opcodes.IF_ICMPNE, Opcodes.IF_ICMPLT, Opcodes.IF_ICMPGE,
                    Opcodes.IF_ICMPGT, Opcodes.IF_ICMPLE:
                if (!checkUse(insn, value1, "used in a comparison")) {
                    checkUse(insn, value2, "used in a comparison");
                }
                break;
            case Opcodes.PUTFIELD:
                checkUse(insn, value2, "stored in a field");
                break;
            default:
                break;
        }
        return narrowIfInt(super.binaryOperation(insn, value1, value2));
    }

    @Override
    public BasicValue ternaryOperation(AbstractInsnNode insn, BasicValue value1, BasicValue value2,
                                       BasicValue value3) throws AnalyzerException {
        // xASTORE: value1 the array, value2 the index, value3 the element.
        if (!checkUse(insn, value2, "used as an array index")) {
            checkUse(insn, value3, "stored in an array");
        }
        return super.ternaryOperation(insn, value1, value2, value3);
    }

    @Override
    public BasicValue naryOperation(AbstractInsnNode insn, List<? extends BasicValue> values)
            throws AnalyzerException {
        String use = insn.getOpcode() == Opcodes.MULTIANEWARRAY
                ? "used as an array size"
                : "passed as an argument"
                        + (insn instanceof MethodInsnNode call ? " to " + call.name : "");
        for (BasicValue value : values) {
            if (checkUse(insn, value, use)) {
                break;
            }
        }
        return narrowIfInt(super.naryOperation(insn, values));
    }

    @Override
    public BasicValue merge(BasicValue value1, BasicValue value2) {
        if (value1 instanceof IntValue first && value2 instanceof IntValue second) {
            return first.isWide() || second.isWide() ? IntValue.WIDE : IntValue.NARROW;
        }
        return super.merge(value1, value2);
    }

    private boolean checkUse(AbstractInsnNode insn, BasicValue value, String use) {
        if (isWide(value)) {
            reporter.wideIntUsed(insn, use);
            return true;
        }
        return false;
    }

    private static boolean isWide(BasicValue value) {
        return value instanceof IntValue intValue && intValue.isWide();
    }

    private static BasicValue narrowIfInt(BasicValue value) {
        return value == BasicValue.INT_VALUE ? IntValue.NARROW : value;
    }

    private static boolean fitsInShort(int value) {
        return value >= Short.MIN_VALUE && value <= Short.MAX_VALUE;
    }
}
