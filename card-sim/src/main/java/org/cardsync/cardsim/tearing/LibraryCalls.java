package org.cardsync.cardsim.tearing;

import java.util.Map;
import java.util.Set;

import org.objectweb.asm.Type;

/**
 * What {@link AppletInstrumenter} does with each call from the applet into a library (the Java Card API,
 * or anything else outside the applet's package): routed to the {@link TearingHooks} method of the same
 * signature (plus the receiver for an instance method), left alone, or refused when the class is loaded.
 *
 * <p>A library method that may write into an array the applet passes is either routed (the hooks journal
 * the write, or check that the array is transient and report the applet otherwise) or refused: every
 * library call with an array parameter that is in neither {@link #ROUTED} nor {@link #READS_ITS_ARRAYS}
 * is refused, so that a write into persistent memory cannot bypass the journal unnoticed.
 */
final class LibraryCalls {

    private static final String HOOKS = Type.getInternalName(TearingHooks.class);
    private static final String OUTPUT_HOOKS = Type.getInternalName(LibraryHooks.class);

    /** owner.name+descriptor of a library call, to the hook's class, name and descriptor. */
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
            routed("javacard/framework/APDU", "getCurrentAPDUBuffer", "()[B"),
            instance("javacard/framework/APDU", "getBuffer", "()[B"),
            output("javacard/security/AESKey", "setKey", "([BS)V"),
            // Library calls that write into the applet's array: the hooks refuse a persistent target.
            output("javacard/security/AESKey", "getKey", "([BS)B"),
            output("javacardx/crypto/Cipher", "doFinal", "([BSS[BS)S"),
            output("javacardx/crypto/Cipher", "update", "([BSS[BS)S"),
            output("javacard/security/MessageDigest", "doFinal", "([BSS[BS)S"),
            output("javacard/security/Signature", "sign", "([BSS[BS)S"),
            output("javacard/security/RandomData", "generateData", "([BSS)V"),
            output("javacard/security/RandomData", "nextBytes", "([BSS)S"),
            output("javacard/framework/AID", "getBytes", "([BS)B"));

    /** Library calls with an array parameter that they only read. */
    private static final Set<String> READS_ITS_ARRAYS = Set.of(
            "javacard/framework/Util.arrayCompare([BS[BSS)B",
            "javacard/framework/Util.getShort([BS)S",
            "javacard/framework/APDU.sendBytesLong([BSS)V",
            "javacard/framework/AID.equals([BSB)Z",
            "javacard/framework/AID.partialEquals([BSB)Z",
            "javacard/framework/AID.RIDEquals(Ljavacard/framework/AID;)Z",
            "javacard/framework/JCSystem.lookupAID([BSB)Ljavacard/framework/AID;",
            "javacard/framework/Applet.register([BSB)V",
            "javacard/security/MessageDigest.update([BSS)V",
            "javacard/security/Signature.update([BSS)V",
            "javacard/security/Signature.verify([BSS[BSS)Z",
            "javacard/security/Signature.init(Ljavacard/security/Key;B[BSS)V",
            "javacardx/crypto/Cipher.init(Ljavacard/security/Key;B[BSS)V",
            "javacard/security/RandomData.setSeed([BSS)V");

    private LibraryCalls() {
    }

    private static Map.Entry<String, String[]> routed(String owner, String name, String descriptor) {
        return Map.entry(owner + "." + name + descriptor, new String[] {HOOKS, name, descriptor});
    }

    /** An instance method, routed to a static hook that takes the receiver first. */
    private static Map.Entry<String, String[]> instance(String owner, String name, String descriptor) {
        return Map.entry(owner + "." + name + descriptor,
                new String[] {HOOKS, name, "(L" + owner + ";" + descriptor.substring(1)});
    }

    /** An instance method that writes into an array it is given, routed to {@link LibraryHooks}. */
    private static Map.Entry<String, String[]> output(String owner, String name, String descriptor) {
        return Map.entry(owner + "." + name + descriptor,
                new String[] {OUTPUT_HOOKS, name, "(L" + owner + ";" + descriptor.substring(1)});
    }

    /** The hook's class (internal name), name and descriptor for the call {@code key} (owner.name+descriptor), or null. */
    static String[] hook(String key) {
        return ROUTED.get(key);
    }

    /**
     * Why a call from {@code method} to the library method {@code owner.name+descriptor} (not routed) is
     * refused, or null if it may stay: it writes persistent memory this model does not know
     * ({@code OwnerPIN}, key setters other than AES, global arrays), or it may write into an array it
     * is given.
     */
    static String refusal(String method, String owner, String name, String descriptor) {
        String call = owner + "." + name + descriptor;
        boolean pinOrGlobal = owner.equals("javacard/framework/OwnerPIN")
                || owner.equals("javacard/framework/JCSystem") && name.equals("makeGlobalArray");
        if (pinOrGlobal && !name.startsWith("get") && !name.startsWith("is")
                || owner.startsWith("javacard/security/") && owner.endsWith("Key")
                && (name.startsWith("set") || name.equals("clearKey"))) {
            return method + " calls " + call + ", which writes persistent memory that TearingCard does not model";
        }
        if (owner.equals("java/lang/System")) {
            return method + " calls " + call + " (not Java Card; System.arraycopy would write unseen)";
        }
        if (hasArrayParameter(descriptor) && !READS_ITS_ARRAYS.contains(call)) {
            return method + " calls " + call + ", which may write into an array it is given, unseen by "
                    + "TearingCard's journal (route it in LibraryCalls, or list it as reading only)";
        }
        return null;
    }

    private static boolean hasArrayParameter(String descriptor) {
        for (Type parameter : Type.getArgumentTypes(descriptor)) {
            if (parameter.getSort() == Type.ARRAY) {
                return true;
            }
        }
        return false;
    }
}
