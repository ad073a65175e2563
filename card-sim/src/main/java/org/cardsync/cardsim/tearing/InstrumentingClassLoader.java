package org.cardsync.cardsim.tearing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes of one applet package (and its subpackages) itself, instrumented by
 * {@link AppletInstrumenter}; every other class (javacard.*, jcardsim, the JDK, this harness) comes from
 * the parent, so that the applet runs on the one jcardsim runtime and calls the one {@link TearingHooks}.
 * One loader per card: each card gets its own copy of the applet's classes, as each card has its own
 * static fields.
 */
final class InstrumentingClassLoader extends ClassLoader {

    /** Instrumented class files by variant and name: instrumenting once is enough for every card. */
    private static final Map<String, byte[]> INSTRUMENTED = new ConcurrentHashMap<>();

    static {
        registerAsParallelCapable();
    }

    private final String packagePrefix;
    private final BrokenVariant variant;

    InstrumentingClassLoader(ClassLoader parent, String appletPackage, BrokenVariant variant) {
        super("tearing:" + appletPackage, parent);
        this.packagePrefix = appletPackage + ".";
        this.variant = variant;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(packagePrefix)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] classFile;
                try {
                    classFile = INSTRUMENTED.computeIfAbsent(variant + "|" + name, key -> instrumented(name));
                } catch (IllegalStateException refused) {
                    // A class first used inside a command: jcardsim would turn the exception into a
                    // status word, so the card must report it itself.
                    throw Journal.refuseWhereverRunning(refused);
                }
                loaded = defineClass(name, classFile, 0, classFile.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private byte[] instrumented(String name) {
        String resource = name.replace('.', '/') + ".class";
        try (InputStream in = getParent().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no class file " + resource + " on the class path");
            }
            return AppletInstrumenter.instrument(in.readAllBytes(), packagePrefix.substring(0, packagePrefix.length() - 1), variant);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
