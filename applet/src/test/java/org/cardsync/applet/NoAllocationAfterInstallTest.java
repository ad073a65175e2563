package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * No allocation after install, checked on the applet's class files: every instruction that allocates
 * (new, newarray, anewarray, JCSystem.makeTransient*Array, KeyBuilder.buildKey, Cipher / MessageDigest
 * getInstance) sits in a constructor or in {@code install}, and the applet's constructors are called
 * only from constructors and from {@code install}. (ISOException.throwIt throws the runtime's own
 * exception object; the applet never executes {@code new} on an exception.) On a card, memory allocated in process() is never given back (no garbage
 * collection is guaranteed), so one allocation per APDU would fill the card.
 */
class NoAllocationAfterInstallTest {

    private static final Set<String> ALLOCATING_CALLS = Set.of(
            "javacard/framework/JCSystem.makeTransientByteArray",
            "javacard/framework/JCSystem.makeTransientShortArray",
            "javacard/framework/JCSystem.makeTransientBooleanArray",
            "javacard/framework/JCSystem.makeTransientObjectArray",
            "javacard/security/KeyBuilder.buildKey",
            "javacardx/crypto/Cipher.getInstance",
            "javacard/security/MessageDigest.getInstance",
            "javacard/security/Signature.getInstance",
            "javacard/security/RandomData.getInstance");

    @Test
    void everyAllocation_isInAConstructor_andConstructorsRunOnlyFromInstall() throws IOException {
        List<String> outside = new ArrayList<>();
        int allocationSites = 0;
        for (ClassNode type : appletClasses()) {
            for (MethodNode method : type.methods) {
                boolean constructor = method.name.equals("<init>");
                boolean install = method.name.equals("install") && (method.access & Opcodes.ACC_STATIC) != 0;
                for (AbstractInsnNode insn : method.instructions) {
                    String site = type.name + "." + method.name + method.desc;
                    if (allocates(insn)) {
                        allocationSites++;
                        if (!constructor && !install) {
                            outside.add(site + ": " + describe(insn));
                        }
                    }
                    if (insn instanceof MethodInsnNode call && call.name.equals("<init>")
                            && call.owner.startsWith("org/cardsync/applet/") && !constructor && !install) {
                        outside.add(site + ": calls constructor of " + call.owner);
                    }
                }
            }
        }
        assertThat(allocationSites).as("allocation sites found").isGreaterThan(20);
        assertThat(outside).isEmpty();
    }

    private static boolean allocates(AbstractInsnNode insn) {
        int opcode = insn.getOpcode();
        if (opcode == Opcodes.NEWARRAY || opcode == Opcodes.ANEWARRAY || opcode == Opcodes.MULTIANEWARRAY) {
            return true;
        }
        if (opcode == Opcodes.NEW) {
            return true;
        }
        return insn instanceof MethodInsnNode call && ALLOCATING_CALLS.contains(call.owner + "." + call.name);
    }

    private static String describe(AbstractInsnNode insn) {
        if (insn instanceof TypeInsnNode type) {
            return "new " + type.desc;
        }
        if (insn instanceof MethodInsnNode call) {
            return call.owner + "." + call.name;
        }
        return "array allocation";
    }

    private static List<ClassNode> appletClasses() throws IOException {
        Path classes = Path.of(CardsyncApplet.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<ClassNode> nodes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes.resolve("org/cardsync/applet"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    ClassNode node = new ClassNode();
                    new ClassReader(in).accept(node, 0);
                    nodes.add(node);
                }
            }
        }
        assertThat(nodes).hasSizeGreaterThanOrEqualTo(14);
        return nodes;
    }
}
