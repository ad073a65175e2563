package org.cardsync.cardsim.tearing;

import java.util.Map;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites one applet class so that every write to persistent memory and every transaction call goes
 * through {@link TearingHooks}:
 * <ul>
 *   <li>{@code PUTFIELD} / {@code PUTSTATIC}: a call to the hook is inserted before the store, which stays;
 *       not in constructors and static initialisers (an object being built is reachable from nowhere
 *       yet: RE spec 7.6.3; and they run at installation, outside any command);</li>
 *   <li>{@code BASTORE}, {@code SASTORE}, {@code IASTORE}, {@code AASTORE}: replaced by a hook that
 *       stores (transient arrays untouched, persistent ones counted and journaled);</li>
 *   <li>the Java Card library calls that write or delimit transactions ({@link #ROUTED}): replaced by
 *       the hook of the same signature (plus the receiver for instance methods);</li>
 *   <li>library calls that write persistent memory this model does not know ({@code OwnerPIN}, other
 *       key setters): refused when the class is loaded, so nothing escapes the journal unnoticed; so is
 *       a {@code catch} of Throwable or Error, which could swallow the power loss.</li>
 * </ul>
 */
final class AppletInstrumenter {

    private static final String HOOKS = Type.getInternalName(TearingHooks.class);

    /** owner.name+descriptor of a library call, to the hook's name and descriptor. */
    private static final Map<String, String[]> ROUTED = Map.ofEntries(
            routed("javacard/framework/JCSystem", "beginTransaction", "()V"),
            routed("javacard/framework/JCSystem", "commitTransaction", "()V"),
            routed("javacard/framework/JCSystem", "abortTransaction", "()V"),
            routed("javacard/framework/JCSystem", "makeTransientBooleanArray", "(SB)[Z"),
            routed("javacard/framework/JCSystem", "makeTransientByteArray", "(SB)[B"),
            routed("javacard/framework/JCSystem", "makeTransientShortArray", "(SB)[S"),
            routed("javacard/framework/JCSystem", "makeTransientObjectArray", "(SB)[Ljava/lang/Object;"),
            routed("javacard/framework/Util", "arrayCopy", "([BS[BSS)S"),
            routed("javacard/framework/Util", "arrayCopyNonAtomic", "([BS[BSS)S"),
            routed("javacard/framework/Util", "arrayFill", "([BSSB)S"),
            routed("javacard/framework/Util", "arrayFillNonAtomic", "([BSSB)S"),
            routed("javacard/framework/Util", "setShort", "([BSS)S"),
            Map.entry("javacard/framework/APDU.getBuffer()[B",
                    new String[] {"getBuffer", "(Ljavacard/framework/APDU;)[B"}),
            Map.entry("javacard/security/AESKey.setKey([BS)V",
                    new String[] {"setKey", "(Ljavacard/security/AESKey;[BS)V"}));

    private AppletInstrumenter() {
    }

    private static Map.Entry<String, String[]> routed(String owner, String name, String descriptor) {
        return Map.entry(owner + "." + name + descriptor, new String[] {name, descriptor});
    }

    /** The instrumented class file. */
    static byte[] instrument(byte[] classFile, TransactionRemoved defect) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            private String className;

            @Override
            public void visit(int version, int access, String name, String signature, String superName,
                              String[] interfaces) {
                className = name;
                super.visit(version, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
                if (name.equals("<clinit>")) {
                    return next;
                }
                boolean dropTransaction = defect != null && defect.appliesTo(className, name);
                return new Rewriter(next, className + "." + name, name.equals("<init>"), dropTransaction);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class Rewriter extends MethodVisitor {
        private final String method;
        private final boolean constructor;
        private final boolean dropTransaction;

        Rewriter(MethodVisitor next, String method, boolean constructor, boolean dropTransaction) {
            super(Opcodes.ASM9, next);
            this.method = method;
            this.constructor = constructor;
            this.dropTransaction = dropTransaction;
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            boolean store = opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC;
            if (store && !constructor) {
                if (Type.getType(descriptor).getSize() != 1) {
                    throw new IllegalStateException(method + " stores a long or double (not Java Card): " + name);
                }
                if (opcode == Opcodes.PUTFIELD) {
                    // [target, value] -> [target, value, target] for the hook, which leaves [target, value].
                    super.visitInsn(Opcodes.DUP2);
                    super.visitInsn(Opcodes.POP);
                    super.visitLdcInsn(Type.getObjectType(owner));
                    super.visitLdcInsn(name);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "beforePutField",
                            "(Ljava/lang/Object;Ljava/lang/Class;Ljava/lang/String;)V", false);
                } else {
                    super.visitLdcInsn(Type.getObjectType(owner));
                    super.visitLdcInsn(name);
                    super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "beforePutStatic",
                            "(Ljava/lang/Class;Ljava/lang/String;)V", false);
                }
            }
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        /**
         * A power loss is an {@link Error} thrown into the applet: code that catches Throwable or Error
         * could swallow it and go on writing as if the card had power, so such code is refused. A
         * {@code finally} may run, but the journal refuses every write once the power is gone.
         */
        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if ("java/lang/Throwable".equals(type) || "java/lang/Error".equals(type)) {
                throw new IllegalStateException(method + " catches " + type
                        + ": it could swallow the power loss that TearingCard throws into it");
            }
            super.visitTryCatchBlock(start, end, handler, type);
        }

        @Override
        public void visitInsn(int opcode) {
            switch (opcode) {
                case Opcodes.BASTORE -> hook("bastore", "(Ljava/lang/Object;II)V");
                case Opcodes.SASTORE -> hook("sastore", "([SIS)V");
                case Opcodes.IASTORE -> hook("iastore", "([III)V");
                case Opcodes.AASTORE -> hook("aastore", "([Ljava/lang/Object;ILjava/lang/Object;)V");
                case Opcodes.CASTORE, Opcodes.LASTORE, Opcodes.FASTORE, Opcodes.DASTORE ->
                        throw new IllegalStateException(method + " stores into a char, long, float or double array (not Java Card)");
                default -> super.visitInsn(opcode);
            }
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            String key = owner + "." + name + descriptor;
            if (dropTransaction && (key.equals("javacard/framework/JCSystem.beginTransaction()V")
                    || key.equals("javacard/framework/JCSystem.commitTransaction()V"))) {
                return;
            }
            String[] hook = ROUTED.get(key);
            if (hook != null) {
                hook(hook[0], hook[1]);
                return;
            }
            if (writesUnmodelledPersistentMemory(owner, name)) {
                throw new IllegalStateException(method + " calls " + owner + "." + name
                        + ", which writes persistent memory that TearingCard does not model");
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        private void hook(String name, String descriptor) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
        }

        private static boolean writesUnmodelledPersistentMemory(String owner, String name) {
            if (owner.equals("javacard/framework/OwnerPIN") || owner.equals("javacard/framework/JCSystem")
                    && name.equals("makeGlobalArray")) {
                return !name.startsWith("get") && !name.startsWith("is");
            }
            return owner.startsWith("javacard/security/") && owner.endsWith("Key")
                    && (name.startsWith("set") || name.equals("clearKey"));
        }
    }
}
