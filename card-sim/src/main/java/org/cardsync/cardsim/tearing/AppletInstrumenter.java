package org.cardsync.cardsim.tearing;

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
 *       not in constructors and static initialisers (they run at installation, outside any command:
 *       see allocations below);</li>
 *   <li>{@code BASTORE}, {@code SASTORE}, {@code IASTORE}, {@code AASTORE}: replaced by a hook that
 *       stores (transient arrays untouched, persistent ones counted and journaled);</li>
 *   <li>the Java Card library calls that write, that write into an array the applet passes, or that
 *       delimit transactions ({@link LibraryCalls}): replaced by the hook of the same signature (plus
 *       the receiver for instance methods);</li>
 *   <li>library calls that write persistent memory this model does not know ({@code OwnerPIN}, other
 *       key setters) or that may write into an array they are given and are not routed: refused when
 *       the class is loaded, so nothing escapes the journal unnoticed; so is a {@code catch} of
 *       Throwable or Error, which could swallow the power loss;</li>
 *   <li>{@code NEW}, {@code NEWARRAY}, {@code ANEWARRAY}, {@code MULTIANEWARRAY}: preceded by a hook that
 *       refuses an allocation while a command runs. This is what makes skipping constructors sound: every
 *       object, hence every constructor run, dates from the installation, when nothing is counted and no
 *       transaction is open.</li>
 * </ul>
 */
final class AppletInstrumenter {

    private static final String HOOKS = Type.getInternalName(TearingHooks.class);

    private AppletInstrumenter() {
    }

    /** The instrumented class file. */
    static byte[] instrument(byte[] classFile, String appletPackage, BrokenVariant variant) {
        String packagePrefix = appletPackage.replace('.', '/') + "/";
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
                boolean changed = variant != null && variant.appliesTo(className, name);
                return new Rewriter(next, className + "." + name, packagePrefix, name.equals("<init>"),
                        changed ? variant : null);
            }
        }, 0);
        return writer.toByteArray();
    }

    private static final class Rewriter extends MethodVisitor {
        private final String method;
        private final String packagePrefix;
        private final boolean constructor;
        /** The broken variant's change to this method, or null. */
        private final BrokenVariant variant;

        Rewriter(MethodVisitor next, String method, String packagePrefix, boolean constructor, BrokenVariant variant) {
            super(Opcodes.ASM9, next);
            this.method = method;
            this.packagePrefix = packagePrefix;
            this.constructor = constructor;
            this.variant = variant;
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.NEW || opcode == Opcodes.ANEWARRAY) {
                beforeAllocation();
            }
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            if (opcode == Opcodes.NEWARRAY) {
                beforeAllocation();
            }
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            beforeAllocation();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }

        private void beforeAllocation() {
            super.visitLdcInsn(method);
            hook("beforeAllocation", "(Ljava/lang/String;)V");
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
            if (variant instanceof TransactionRemoved
                    && (key.equals("javacard/framework/JCSystem.beginTransaction()V")
                    || key.equals("javacard/framework/JCSystem.commitTransaction()V"))) {
                return;
            }
            boolean instanceCall = opcode == Opcodes.INVOKEVIRTUAL
                    || opcode == Opcodes.INVOKESPECIAL && !name.equals("<init>");
            if (variant instanceof CallMovedAfterCommit moved && instanceCall
                    && name.equals(moved.calledMethod()) && descriptor.equals("()V")) {
                super.visitLdcInsn(name);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, Type.getInternalName(VariantHooks.class),
                        "callAfterCommit", "(Ljava/lang/Object;Ljava/lang/String;)V", false);
                return;
            }
            String[] hook = LibraryCalls.hook(key);
            if (hook != null) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, hook[0], hook[1], hook[2], false);
                return;
            }
            if (!owner.startsWith(packagePrefix) && !owner.startsWith("[")) {
                String refusal = LibraryCalls.refusal(method, owner, name, descriptor);
                if (refusal != null) {
                    throw new IllegalStateException(refusal);
                }
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        private void hook(String name, String descriptor) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, name, descriptor, false);
        }
    }
}
