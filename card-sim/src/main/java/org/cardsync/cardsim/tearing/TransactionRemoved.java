package org.cardsync.cardsim.tearing;

import java.util.Objects;

/**
 * A broken variant without a transaction: the instrumenting loader drops every
 * {@code JCSystem.beginTransaction()} and {@code commitTransaction()} call of one method, so that the
 * writes between them happen outside any transaction.
 *
 * @param className  the binary name of the class that declares the method ({@code org.example.MyApplet})
 * @param methodName the method's name (every overload)
 */
public record TransactionRemoved(String className, String methodName) implements BrokenVariant {

    public TransactionRemoved {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
    }
}
