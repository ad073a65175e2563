package org.cardsync.jcsubset;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;

/**
 * Checks that class files use only the Java Card 3.0.x classic language subset and API.
 *
 * <p>Run on the applet's compiled classes in the build (phase process-classes), so that code the
 * CAP converter would refuse fails the build at once, although it runs fine on jcardsim. Usage:
 * {@code JavaCardSubsetCheck <classes-dir>...}; prints one {@code VIOLATION} line per violation and
 * a summary line; exits 0 when there is none, 1 when there are, 2 on a usage or I/O error. A
 * directory that does not exist holds no class: Maven does not create target/classes for a module
 * without sources.
 */
public final class JavaCardSubsetCheck {

    private JavaCardSubsetCheck() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The whole command, with its exit status returned instead of passed to System.exit. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: JavaCardSubsetCheck <classes-dir>...");
            return 2;
        }
        List<Path> roots = new ArrayList<>();
        for (String arg : args) {
            Path root = Path.of(arg);
            if (Files.exists(root)) {
                roots.add(root);
            } else {
                // Maven creates no output directory for a module without sources yet; an empty
                // applet is in the subset. The summary's class count shows what was checked.
                out.println("jc-subset-check: " + root + " does not exist: no classes there to check");
            }
        }
        List<ClassNode> classes;
        try {
            classes = loadClasses(roots);
        } catch (IOException | UncheckedIOException e) {
            err.println("jc-subset-check: cannot read classes: " + e);
            return 2;
        }
        List<Violation> violations = checkClasses(classes);
        violations.forEach(violation -> out.println(violation.toReportLine()));
        if (violations.isEmpty()) {
            out.println("jc-subset-check: " + count(classes.size(), "class", "classes")
                    + " checked, no violation of the Java Card subset");
            return 0;
        }
        long classesWithViolations = violations.stream().map(Violation::className).distinct().count();
        out.println("jc-subset-check: " + count(classes.size(), "class", "classes") + " checked, "
                + count(violations.size(), "violation", "violations") + " of the Java Card subset in "
                + count(classesWithViolations, "class", "classes"));
        return 1;
    }

    private static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    /**
     * Checks every class file under the given directories (a path may also be a single class file).
     * The classes found are checked as one set: each may use the others.
     *
     * @throws NoSuchFileException when a path does not exist
     */
    public static List<Violation> check(List<Path> roots) throws IOException {
        return checkClasses(loadClasses(roots));
    }

    static List<Violation> checkClasses(List<ClassNode> classes) {
        Map<String, ClassNode> byName = new LinkedHashMap<>();
        classes.forEach(classNode -> byName.put(classNode.name, classNode));
        ClassSubsetChecker checker = new ClassSubsetChecker(byName);
        List<Violation> violations = new ArrayList<>();
        classes.stream()
                .sorted(Comparator.comparing((ClassNode classNode) -> classNode.name))
                .forEachOrdered(classNode -> violations.addAll(checker.check(classNode)));
        return List.copyOf(violations);
    }

    static List<ClassNode> loadClasses(List<Path> roots) throws IOException {
        List<ClassNode> classes = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                throw new NoSuchFileException(root.toString());
            }
            List<Path> classFiles;
            try (Stream<Path> files = Files.walk(root)) {
                classFiles = files.filter(Files::isRegularFile)
                        .filter(file -> file.getFileName().toString().endsWith(".class"))
                        // module-info is not a class; it cannot occur with --release 8 anyway.
                        .filter(file -> !file.getFileName().toString().equals("module-info.class"))
                        .sorted()
                        .toList();
            }
            for (Path classFile : classFiles) {
                ClassNode classNode = new ClassNode();
                new ClassReader(Files.readAllBytes(classFile)).accept(classNode, 0);
                classes.add(classNode);
            }
        }
        return classes;
    }
}
