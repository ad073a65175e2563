package org.cardsync.cardsim.tearing;

/**
 * A deliberately broken variant of an applet, made by the instrumenting loader, to prove that tear tests
 * catch a write left outside its transaction. Each variant changes one method of one class.
 */
public sealed interface BrokenVariant permits TransactionRemoved, CallMovedAfterCommit {

    /** The binary name of the class that declares the method ({@code org.example.MyApplet}). */
    String className();

    /** The method's name (every overload). */
    String methodName();

    /** Whether this variant changes {@code method} of the class {@code internalClassName} (a/b/C form). */
    default boolean appliesTo(String internalClassName, String method) {
        return className().replace('.', '/').equals(internalClassName) && methodName().equals(method);
    }
}
