package org.cardsync.jcsubset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import javacard.framework.Applet;

/**
 * Compiles the fixture sources under src/test/resources/fixtures the way the applet is compiled
 * (javac with --release 8 and debug information), against jcardsim's javacard.* classes.
 */
final class FixtureCompiler {

    private FixtureCompiler() {
    }

    /** Compiles one fixture into {@code outputDir} and returns that directory. */
    static Path compile(String fixtureFile, Path outputDir) {
        return compile(fixtureFile, outputDir, "8");
    }

    static Path compile(String fixtureFile, Path outputDir, String release) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, null)) {
            List<String> options = List.of("--release", release, "-g", "-nowarn", "-implicit:none",
                    "-classpath", javacardApiJar().toString(), "-d", outputDir.toString());
            Boolean compiled = compiler.getTask(diagnostics, files, null, options, null,
                    files.getJavaFileObjects(resource("fixtures/" + fixtureFile))).call();
            assertThat(compiled).as("compiling %s: %s", fixtureFile, diagnostics).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return outputDir;
    }

    private static Path javacardApiJar() {
        try {
            return Path.of(Applet.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) {
        URL url = FixtureCompiler.class.getClassLoader().getResource(name);
        assertThat(url).as("test resource %s", name).isNotNull();
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
