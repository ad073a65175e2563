package org.cardsync.cardsim.tearing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * What the instrumented code of a broken variant ({@link BrokenVariant}) calls instead of the call it
 * moves. Public only because the applet's classes must be able to call it.
 */
public final class VariantHooks {

    private VariantHooks() {
    }

    /** A broken variant's moved call ({@link CallMovedAfterCommit}): {@code target.method()} just after the next commit. */
    public static void callAfterCommit(Object target, String method) {
        Journal.current().deferUntilCommit(() -> invoke(target, method));
    }

    private static void invoke(Object target, String name) {
        Method method = null;
        for (Class<?> type = target.getClass(); method == null && type != null; type = type.getSuperclass()) {
            try {
                method = type.getDeclaredMethod(name);
            } catch (NoSuchMethodException e) {
                // declared in a superclass
            }
        }
        if (method == null) {
            throw new IllegalStateException("no method " + name + "() in " + target.getClass().getName());
        }
        try {
            method.setAccessible(true);
            method.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call " + method, e);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (RuntimeException) e.getCause();
        }
    }
}
