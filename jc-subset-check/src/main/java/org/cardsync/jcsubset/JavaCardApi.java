package org.cardsync.jcsubset;

import java.util.Map;
import java.util.Set;

/**
 * Which classes and members outside the applet's own classes a Java Card 3.0.x classic applet may
 * use: the Java Card API packages, and the few java.lang and java.rmi classes that the Java Card
 * API specification keeps, with only the members it keeps (Java Card's {@code Object} has a
 * constructor and {@code equals}, nothing else: no {@code hashCode}, {@code getClass}, {@code clone}).
 */
final class JavaCardApi {

    private static final String NO_ARG_CONSTRUCTOR = "<init>()V";

    /** java.* classes in the Java Card API, each with the members it has there. */
    private static final Map<String, Set<String>> JAVA_CLASSES = Map.ofEntries(
            Map.entry("java/lang/Object", Set.of(NO_ARG_CONSTRUCTOR, "equals(Ljava/lang/Object;)Z")),
            Map.entry("java/lang/Throwable", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/lang/Exception", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/lang/RuntimeException", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/lang/ArithmeticException", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/lang/ArrayIndexOutOfBoundsException", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/lang/ArrayStoreException", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/lang/ClassCastException", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/lang/IndexOutOfBoundsException", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/lang/NegativeArraySizeException", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/lang/NullPointerException", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/lang/SecurityException", Set.of(NO_ARG_CONSTRUCTOR)),
            Map.entry("java/rmi/Remote", Set.of()),
            Map.entry("java/rmi/RemoteException", Set.of(NO_ARG_CONSTRUCTOR)));

    private JavaCardApi() {
    }

    /** Whether an internal class name is part of the Java Card API. */
    static boolean isApiClass(String internalName) {
        return internalName.startsWith("javacard/")
                || internalName.startsWith("javacardx/")
                || JAVA_CLASSES.containsKey(internalName);
    }

    /**
     * Whether a member of an API class is part of the Java Card API. Only the java.* classes are
     * checked member by member; for javacard.* and javacardx.* the compiler has already resolved the
     * member against the API jar.
     *
     * @param owner internal name of an API class (see {@link #isApiClass}) or of the class where the
     *              member is looked up; an array type counts as {@code java/lang/Object}, which is
     *              where {@code clone()} on an array resolves
     */
    static boolean isApiMember(String owner, String name, String descriptor) {
        Set<String> members = JAVA_CLASSES.get(owner.startsWith("[") ? "java/lang/Object" : owner);
        if (members == null || members.contains(name + descriptor)) {
            return true;
        }
        // Every class inherits Object's methods (Java Card's Object has only equals); constructors
        // are not inherited.
        return !name.equals("<init>") && JAVA_CLASSES.get("java/lang/Object").contains(name + descriptor);
    }

    static String javaName(String internalName) {
        return internalName.replace('/', '.');
    }
}
