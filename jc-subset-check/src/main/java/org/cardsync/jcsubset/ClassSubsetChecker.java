package org.cardsync.jcsubset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.cardsync.jcsubset.Violation.Rule;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;

/**
 * Checks one class against the Java Card 3.0.x classic language subset and API. The rules, and
 * where they come from, are in docs/javacard-subset.md.
 */
final class ClassSubsetChecker {

    /** Highest class file major version the converter reads: Java 8. */
    static final int MAX_MAJOR_VERSION = 52;

    private static final Set<String> STRING_CLASSES =
            Set.of("java/lang/String", "java/lang/StringBuilder", "java/lang/StringBuffer");

    private final Map<String, ClassNode> scannedClasses;

    /**
     * @param scannedClasses every class being checked together, by internal name: the applet's own
     *                       classes, which it may of course use
     */
    ClassSubsetChecker(Map<String, ClassNode> scannedClasses) {
        this.scannedClasses = Map.copyOf(scannedClasses);
    }

    List<Violation> check(ClassNode classNode) {
        String className = JavaCardApi.javaName(classNode.name);
        List<Violation> violations = new ArrayList<>();

        int major = classNode.version & 0xFFFF;
        if (major > MAX_MAJOR_VERSION) {
            violations.add(Violation.atClass(className, Rule.CLASS_VERSION, "class file major version " + major
                    + " (Java " + (major - 44) + "): converter 3.2 accepts Java 8 class files (major "
                    + MAX_MAJOR_VERSION + ") at most; compile with --release 8"));
        }
        if (classNode.superName != null) {
            for (Problem problem : classReferenceProblems(classNode.superName, "superclass")) {
                violations.add(Violation.atClass(className, problem.rule(), problem.reason()));
            }
        }
        for (String anInterface : classNode.interfaces) {
            for (Problem problem : classReferenceProblems(anInterface, "interface")) {
                violations.add(Violation.atClass(className, problem.rule(), problem.reason()));
            }
        }
        for (FieldNode field : classNode.fields) {
            violations.addAll(checkField(className, field));
        }
        for (MethodNode method : classNode.methods) {
            violations.addAll(checkMethod(classNode.name, className, method));
        }
        return violations;
    }

    private List<Violation> checkField(String className, FieldNode field) {
        String member = field.name + ":" + field.desc;
        Set<Violation> violations = new LinkedHashSet<>();
        for (Problem problem : typeProblems(Type.getType(field.desc), "field type")) {
            violations.add(Violation.atMember(className, member, problem.rule(), problem.reason()));
        }
        if ((field.access & Opcodes.ACC_VOLATILE) != 0) {
            violations.add(Violation.atMember(className, member, Rule.LANGUAGE,
                    "volatile field: the volatile keyword is not in the Java Card subset"));
        }
        if ((field.access & Opcodes.ACC_TRANSIENT) != 0) {
            violations.add(Violation.atMember(className, member, Rule.LANGUAGE,
                    "transient field: the transient keyword is not in the Java Card subset"
                            + " (use JCSystem.makeTransient*Array for transient data)"));
        }
        return List.copyOf(violations);
    }

    private List<Violation> checkMethod(String owner, String className, MethodNode method) {
        String member = method.name + method.desc;
        Set<Violation> declared = new LinkedHashSet<>();
        if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            declared.add(Violation.atMember(className, member, Rule.SYNCHRONIZED,
                    "synchronized method: Java Card has no threads and no monitors"));
        }
        if ((method.access & Opcodes.ACC_NATIVE) != 0) {
            declared.add(Violation.atMember(className, member, Rule.LANGUAGE,
                    "native method: the native keyword is not in the Java Card subset"));
        }
        Type methodType = Type.getMethodType(method.desc);
        Type[] parameters = methodType.getArgumentTypes();
        for (int i = 0; i < parameters.length; i++) {
            for (Problem problem : typeProblems(parameters[i], "parameter " + (i + 1) + " type")) {
                declared.add(Violation.atMember(className, member, problem.rule(), problem.reason()));
            }
        }
        for (Problem problem : typeProblems(methodType.getReturnType(), "return type")) {
            declared.add(Violation.atMember(className, member, problem.rule(), problem.reason()));
        }
        if (method.localVariables != null) {
            for (LocalVariableNode local : method.localVariables) {
                String what = "local variable '" + local.name + "' type";
                for (Problem problem : typeProblems(Type.getType(local.desc), what)) {
                    declared.add(Violation.atMember(className, member, problem.rule(), problem.reason()));
                }
            }
        }
        for (TryCatchBlockNode handler : method.tryCatchBlocks) {
            if (handler.type != null) {
                for (Problem problem : classReferenceProblems(handler.type, "exception handler type")) {
                    declared.add(Violation.atMember(className, member, problem.rule(), problem.reason()));
                }
            }
        }

        InstructionPositions positions = new InstructionPositions(method);
        Set<Violation> atInstructions = new LinkedHashSet<>();
        for (AbstractInsnNode insn : method.instructions) {
            if (insn.getOpcode() >= 0) {
                for (Problem problem : instructionProblems(insn)) {
                    atInstructions.add(positions.violation(className, member, insn, problem.rule(), problem.reason()));
                }
            }
        }
        if (method.instructions.size() > 0) {
            IntWidthInterpreter interpreter = new IntWidthInterpreter((insn, use) -> atInstructions.add(
                    positions.violation(className, member, insn, Rule.INT, "int intermediate value " + use
                            + ": cast it to short or byte first (the converter rejects unsupported int"
                            + " intermediate values)")));
            try {
                new Analyzer<>(interpreter).analyze(owner, method);
            } catch (AnalyzerException e) {
                // Fail closed: code that cannot be analysed cannot be shown to be in the subset.
                declared.add(Violation.atMember(className, member, Rule.LANGUAGE,
                        "bytecode could not be analysed: " + e.getMessage()));
            }
        }

        List<Violation> violations = new ArrayList<>(declared);
        atInstructions.stream()
                .sorted(Comparator.comparingInt(Violation::insnIndex))
                .forEachOrdered(violations::add);
        return violations;
    }

    private List<Problem> instructionProblems(AbstractInsnNode insn) {
        int opcode = insn.getOpcode();
        List<Problem> problems = new ArrayList<>();
        if (isLongFloatDoubleOpcode(opcode)) {
            problems.add(new Problem(Rule.LONG_FLOAT_DOUBLE,
                    "long, float or double operation: Java Card has no long, float or double"));
        }
        switch (opcode) {
            case Opcodes.CALOAD, Opcodes.CASTORE, Opcodes.I2C -> problems.add(new Problem(Rule.CHAR,
                    "char operation: Java Card has no char"));
            case Opcodes.IALOAD, Opcodes.IASTORE -> problems.add(new Problem(Rule.INT,
                    "int array access: use a short or byte array"));
            case Opcodes.MONITORENTER, Opcodes.MONITOREXIT -> problems.add(new Problem(Rule.SYNCHRONIZED,
                    "synchronized block: Java Card has no threads and no monitors"));
            case Opcodes.NEWARRAY -> newArrayProblem(((IntInsnNode) insn).operand).ifPresent(problems::add);
            case Opcodes.LDC -> problems.addAll(constantProblems(((LdcInsnNode) insn).cst));
            case Opcodes.NEW, Opcodes.CHECKCAST, Opcodes.INSTANCEOF ->
                    problems.addAll(classReferenceProblems(((TypeInsnNode) insn).desc, "type"));
            case Opcodes.ANEWARRAY -> {
                String elementType = ((TypeInsnNode) insn).desc;
                if (elementType.startsWith("[")) {
                    problems.add(multidimensionalArray("new array"));
                }
                problems.addAll(classReferenceProblems(elementType, "array element type"));
            }
            case Opcodes.MULTIANEWARRAY -> {
                problems.add(multidimensionalArray("new array"));
                problems.addAll(classReferenceProblems(((MultiANewArrayInsnNode) insn).desc, "array type"));
            }
            case Opcodes.GETFIELD, Opcodes.PUTFIELD, Opcodes.GETSTATIC, Opcodes.PUTSTATIC -> {
                FieldInsnNode access = (FieldInsnNode) insn;
                problems.addAll(memberReferenceProblems(access.owner, access.name, access.desc, "field"));
            }
            case Opcodes.INVOKEVIRTUAL, Opcodes.INVOKESPECIAL, Opcodes.INVOKESTATIC, Opcodes.INVOKEINTERFACE -> {
                MethodInsnNode call = (MethodInsnNode) insn;
                problems.addAll(memberReferenceProblems(call.owner, call.name, call.desc, "method"));
            }
            case Opcodes.INVOKEDYNAMIC -> {
                Handle bootstrap = ((InvokeDynamicInsnNode) insn).bsm;
                problems.add(new Problem(Rule.INVOKEDYNAMIC, "invokedynamic (bootstrap "
                        + JavaCardApi.javaName(bootstrap.getOwner()) + "." + bootstrap.getName()
                        + "): lambdas, method references and indy string concatenation are not in the"
                        + " Java Card subset"));
            }
            default -> {
            }
        }
        return problems;
    }

    private static boolean isLongFloatDoubleOpcode(int opcode) {
        return switch (opcode) {
            case Opcodes.LCONST_0, Opcodes.LCONST_1, Opcodes.FCONST_0, Opcodes.FCONST_1, Opcodes.FCONST_2,
                    Opcodes.DCONST_0, Opcodes.DCONST_1,
                    Opcodes.LLOAD, Opcodes.FLOAD, Opcodes.DLOAD, Opcodes.LSTORE, Opcodes.FSTORE, Opcodes.DSTORE,
                    Opcodes.LALOAD, Opcodes.FALOAD, Opcodes.DALOAD, Opcodes.LASTORE, Opcodes.FASTORE,
                    Opcodes.DASTORE,
                    Opcodes.LADD, Opcodes.FADD, Opcodes.DADD, Opcodes.LSUB, Opcodes.FSUB, Opcodes.DSUB,
                    Opcodes.LMUL, Opcodes.FMUL, Opcodes.DMUL, Opcodes.LDIV, Opcodes.FDIV, Opcodes.DDIV,
                    Opcodes.LREM, Opcodes.FREM, Opcodes.DREM, Opcodes.LNEG, Opcodes.FNEG, Opcodes.DNEG,
                    Opcodes.LSHL, Opcodes.LSHR, Opcodes.LUSHR, Opcodes.LAND, Opcodes.LOR, Opcodes.LXOR,
                    Opcodes.I2L, Opcodes.I2F, Opcodes.I2D, Opcodes.L2I, Opcodes.L2F, Opcodes.L2D,
                    Opcodes.F2I, Opcodes.F2L, Opcodes.F2D, Opcodes.D2I, Opcodes.D2L, Opcodes.D2F,
                    Opcodes.LCMP, Opcodes.FCMPL, Opcodes.FCMPG, Opcodes.DCMPL, Opcodes.DCMPG,
                    Opcodes.LRETURN, Opcodes.FRETURN, Opcodes.DRETURN -> true;
            default -> false;
        };
    }

    private static Optional<Problem> newArrayProblem(int elementType) {
        return switch (elementType) {
            case Opcodes.T_INT -> Optional.of(new Problem(Rule.INT,
                    "new int array: use a short or byte array"));
            case Opcodes.T_CHAR -> Optional.of(new Problem(Rule.CHAR,
                    "new char array: Java Card has no char"));
            case Opcodes.T_LONG, Opcodes.T_FLOAT, Opcodes.T_DOUBLE -> Optional.of(new Problem(
                    Rule.LONG_FLOAT_DOUBLE, "new long, float or double array: Java Card has no long, float or double"));
            default -> Optional.empty();
        };
    }

    private static List<Problem> constantProblems(Object constant) {
        if (constant instanceof String text) {
            return List.of(new Problem(Rule.STRING, "string literal \"" + abbreviate(text)
                    + "\": Java Card has no String (use a byte array)"));
        }
        if (constant instanceof Long || constant instanceof Float || constant instanceof Double) {
            return List.of(new Problem(Rule.LONG_FLOAT_DOUBLE, "long, float or double constant " + constant
                    + ": Java Card has no long, float or double"));
        }
        if (constant instanceof Type type && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)) {
            return List.of(new Problem(Rule.API, "class literal " + type.getClassName()
                    + ".class: java.lang.Class is not in the Java Card API"));
        }
        if (constant instanceof Integer) {
            return List.of();
        }
        return List.of(new Problem(Rule.API, "constant of type " + constant.getClass().getSimpleName()
                + ": method types, method handles and dynamic constants are not in the Java Card subset"));
    }

    /**
     * Problems of a reference to a field or method of another class: the owner must be one of the
     * scanned classes or in the API; a java.* API class has only the members Java Card keeps; and a
     * member of a class outside the scanned set must not have a type outside the subset (the
     * scanned classes' own declarations are reported where they are declared).
     */
    private List<Problem> memberReferenceProblems(String owner, String name, String descriptor, String kind) {
        List<Problem> ownerProblems = classReferenceProblems(owner, "owner");
        if (!ownerProblems.isEmpty()) {
            return ownerProblems;
        }
        if (scannedClasses.containsKey(owner)) {
            // javac names the receiver's static type as owner, so this.hashCode() in an applet class
            // is a call on the applet class: find where the member really comes from.
            if (declaredInScannedHierarchy(owner, name, descriptor, new HashSet<>())) {
                return List.of();
            }
            String apiSuperclass = firstSuperclassOutsideScanned(owner);
            if (JavaCardApi.isApiMember(apiSuperclass, name, descriptor)) {
                return List.of();
            }
            return List.of(new Problem(Rule.API, kind + " " + name + descriptor + " (inherited from "
                    + JavaCardApi.javaName(apiSuperclass) + ") is not in the Java Card API"));
        }
        if (!JavaCardApi.isApiMember(owner, name, descriptor)) {
            String ownerName = owner.startsWith("[") ? "array" : JavaCardApi.javaName(owner);
            return List.of(new Problem(Rule.API, kind + " " + ownerName + "." + name + descriptor
                    + " is not in the Java Card API"));
        }
        List<Problem> problems = new ArrayList<>();
        if (kind.equals("field")) {
            problems.addAll(typeProblems(Type.getType(descriptor), "field " + name + " type"));
        } else {
            for (Type argument : Type.getArgumentTypes(descriptor)) {
                problems.addAll(typeProblems(argument, "method " + name + " parameter type"));
            }
            problems.addAll(typeProblems(Type.getReturnType(descriptor), "method " + name + " return type"));
        }
        return problems;
    }

    private boolean declaredInScannedHierarchy(String owner, String name, String descriptor, Set<String> visited) {
        ClassNode classNode = scannedClasses.get(owner);
        if (classNode == null || !visited.add(owner)) {
            return false;
        }
        boolean declared = classNode.methods.stream().anyMatch(m -> m.name.equals(name) && m.desc.equals(descriptor))
                || classNode.fields.stream().anyMatch(f -> f.name.equals(name) && f.desc.equals(descriptor));
        if (declared || (classNode.superName != null
                && declaredInScannedHierarchy(classNode.superName, name, descriptor, visited))) {
            return true;
        }
        return classNode.interfaces.stream()
                .anyMatch(anInterface -> declaredInScannedHierarchy(anInterface, name, descriptor, visited));
    }

    private String firstSuperclassOutsideScanned(String owner) {
        String current = owner;
        while (scannedClasses.containsKey(current)) {
            String superName = scannedClasses.get(current).superName;
            if (superName == null) {
                return "java/lang/Object";
            }
            current = superName;
        }
        return current;
    }

    /** Problems of a type that appears in a declaration (field, parameter, return, local variable). */
    private List<Problem> typeProblems(Type type, String what) {
        return switch (type.getSort()) {
            case Type.LONG, Type.FLOAT, Type.DOUBLE -> List.of(new Problem(Rule.LONG_FLOAT_DOUBLE,
                    what + " is " + type.getClassName() + ": Java Card has no long, float or double"));
            case Type.CHAR -> List.of(new Problem(Rule.CHAR, what + " is char: Java Card has no char"));
            case Type.INT -> List.of(new Problem(Rule.INT, what + " is int: use short or byte"));
            case Type.ARRAY -> {
                List<Problem> problems = new ArrayList<>();
                if (type.getDimensions() > 1) {
                    problems.add(multidimensionalArray(what));
                }
                problems.addAll(typeProblems(type.getElementType(), what + " (array element)"));
                yield problems;
            }
            case Type.OBJECT -> classReferenceProblems(type.getInternalName(), what);
            default -> List.of();
        };
    }

    /**
     * Problems of a reference to a class, given by internal name or, for arrays, by descriptor.
     */
    private List<Problem> classReferenceProblems(String internalNameOrArray, String what) {
        if (internalNameOrArray.startsWith("[")) {
            return typeProblems(Type.getType(internalNameOrArray), what);
        }
        if (STRING_CLASSES.contains(internalNameOrArray)) {
            return List.of(new Problem(Rule.STRING, what + " " + JavaCardApi.javaName(internalNameOrArray)
                    + ": Java Card has no String"));
        }
        if (scannedClasses.containsKey(internalNameOrArray) || JavaCardApi.isApiClass(internalNameOrArray)) {
            return List.of();
        }
        return List.of(new Problem(Rule.API, what + " " + JavaCardApi.javaName(internalNameOrArray)
                + " is not in the Java Card API"));
    }

    private static Problem multidimensionalArray(String what) {
        return new Problem(Rule.LANGUAGE, what + " is a multidimensional array: Java Card arrays have one dimension");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private record Problem(Rule rule, String reason) {
    }

    /** Index among real instructions and source line of each instruction of one method. */
    private static final class InstructionPositions {
        private final Map<AbstractInsnNode, int[]> positions = new IdentityHashMap<>();

        InstructionPositions(MethodNode method) {
            int index = 0;
            int line = -1;
            for (AbstractInsnNode insn : method.instructions) {
                if (insn instanceof LineNumberNode lineNumber) {
                    line = lineNumber.line;
                } else if (insn.getOpcode() >= 0) {
                    positions.put(insn, new int[] {index++, line});
                }
            }
        }

        Violation violation(String className, String member, AbstractInsnNode insn, Rule rule, String reason) {
            int[] position = positions.get(insn);
            return new Violation(className, member, position[0], OpcodeNames.of(insn.getOpcode()), position[1],
                    rule, reason);
        }
    }
}
