package org.cardsync.cardsim.tearing;

import java.util.Objects;

/**
 * A broken variant with one write moved out of its transaction: in one method, every call of the
 * no-argument instance method {@code calledMethod} (for example a counter's {@code increment}) runs just
 * after the method's next {@code JCSystem.commitTransaction()} instead of where it stands, as if the line
 * had been moved below the commit. The rest of the transaction stays as it is.
 *
 * @param className    the binary name of the class that declares the method ({@code org.example.MyApplet})
 * @param methodName   the method's name (every overload)
 * @param calledMethod the name of the no-argument, void method whose calls move
 */
public record CallMovedAfterCommit(String className, String methodName, String calledMethod) implements BrokenVariant {

    public CallMovedAfterCommit {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(methodName, "methodName");
        Objects.requireNonNull(calledMethod, "calledMethod");
    }
}
