package org.cardsync.jcsubset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.cardsync.jcsubset.Violation.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.Opcodes;

class JavaCardSubsetCheckTest {

    @TempDir
    Path classes;

    @Test
    void cleanAppletWithCastShortArithmeticAndByteSwitch_hasNoViolation() throws IOException {
        List<Violation> violations = check("CleanApplet.java");

        assertThat(violations).isEmpty();
    }

    @Test
    void longArithmetic_isReportedAtTheLongAddition() throws IOException {
        List<Violation> violations = check("LongArithmetic.java");

        assertThat(violations)
                .filteredOn(v -> v.opcode() != null)
                .extracting(Violation::className, Violation::member, Violation::opcode, Violation::line,
                        Violation::rule)
                .contains(
                        tuple("fixture.LongArithmetic", "addAsLong(SS)S", "I2L", 5, Rule.LONG_FLOAT_DOUBLE),
                        tuple("fixture.LongArithmetic", "addAsLong(SS)S", "LADD", 5, Rule.LONG_FLOAT_DOUBLE),
                        tuple("fixture.LongArithmetic", "addAsLong(SS)S", "LSTORE", 5, Rule.LONG_FLOAT_DOUBLE),
                        tuple("fixture.LongArithmetic", "addAsLong(SS)S", "L2I", 6, Rule.LONG_FLOAT_DOUBLE));
        assertThat(violations)
                .filteredOn(v -> v.opcode() == null)
                .extracting(Violation::member, Violation::reason)
                .containsExactly(tuple("addAsLong(SS)S",
                        "local variable 'sum' type is long: Java Card has no long, float or double"));
    }

    @Test
    void intLocalUsedInComparison_isReportedAtStoreAndComparison() throws IOException {
        List<Violation> violations = check("IntLocalComparison.java");

        assertThat(violations)
                .extracting(Violation::member, Violation::opcode, Violation::line, Violation::rule,
                        Violation::reason)
                .containsExactly(
                        tuple("exceedsLimit(SS)Z", null, -1, Rule.INT,
                                "local variable 'total' type is int: use short or byte"),
                        tuple("exceedsLimit(SS)Z", "ISTORE", 5, Rule.INT, "int intermediate value stored in a local"
                                + " variable: cast it to short or byte first (the converter rejects unsupported int"
                                + " intermediate values)"),
                        tuple("exceedsLimit(SS)Z", "IF_ICMPLE", 6, Rule.INT, "int intermediate value used in a"
                                + " comparison: cast it to short or byte first (the converter rejects unsupported"
                                + " int intermediate values)"));
    }

    @Test
    void intSumUsedAsArrayIndex_isReportedAtTheArrayLoad() throws IOException {
        List<Violation> violations = check("IntSumArrayIndex.java");

        // aload buf, iload offset, iload delta, iadd, baload: the load is instruction #4.
        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.className()).isEqualTo("fixture.IntSumArrayIndex");
            assertThat(v.member()).isEqualTo("readAt([BSS)B");
            assertThat(v.insnIndex()).isEqualTo(4);
            assertThat(v.opcode()).isEqualTo("BALOAD");
            assertThat(v.line()).isEqualTo(5);
            assertThat(v.rule()).isEqualTo(Rule.INT);
            assertThat(v.reason()).startsWith("int intermediate value used as an array index");
        });
    }

    @Test
    void stringLiteral_isReportedAtTheLdc() throws IOException {
        List<Violation> violations = check("StringLiteral.java");

        assertThat(violations)
                .extracting(Violation::member, Violation::opcode, Violation::line, Violation::rule,
                        Violation::reason)
                .containsExactly(tuple("label()Ljava/lang/Object;", "LDC", 5, Rule.STRING,
                        "string literal \"purse\": Java Card has no String (use a byte array)"));
    }

    @Test
    void arrayListUse_isReportedWithTheReferencedClass() throws IOException {
        List<Violation> violations = check("ArrayListUse.java");

        assertThat(violations)
                .extracting(Violation::member, Violation::opcode, Violation::line, Violation::rule,
                        Violation::reason)
                .contains(
                        tuple("newPendingList()Ljava/lang/Object;", "NEW", 7, Rule.API,
                                "type java.util.ArrayList is not in the Java Card API"),
                        tuple("newPendingList()Ljava/lang/Object;", "INVOKEVIRTUAL", 8, Rule.API,
                                "owner java.util.ArrayList is not in the Java Card API"),
                        tuple("newPendingList()Ljava/lang/Object;", null, -1, Rule.API,
                                "local variable 'list' type java.util.ArrayList is not in the Java Card API"));
        assertThat(violations).allSatisfy(v -> assertThat(v.reason()).contains("java.util.ArrayList"));
    }

    @Test
    void synchronizedMethodAndBlock_areReported() throws IOException {
        List<Violation> violations = check("SynchronizedUse.java");

        assertThat(violations)
                .extracting(Violation::member, Violation::opcode, Violation::rule)
                .containsExactly(
                        tuple("increment()V", null, Rule.SYNCHRONIZED),
                        tuple("incrementInBlock()V", "MONITORENTER", Rule.SYNCHRONIZED),
                        tuple("incrementInBlock()V", "MONITOREXIT", Rule.SYNCHRONIZED),
                        tuple("incrementInBlock()V", "MONITOREXIT", Rule.SYNCHRONIZED));
        assertThat(violations.get(0).reason())
                .isEqualTo("synchronized method: Java Card has no threads and no monitors");
        assertThat(violations.get(1).line()).isEqualTo(11);
    }

    @Test
    void lambda_isReportedAtTheInvokedynamic() throws IOException {
        List<Violation> violations = check("LambdaUse.java");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.className()).isEqualTo("fixture.LambdaUse");
            assertThat(v.member()).isEqualTo("counting()Lfixture/LambdaUse$Action;");
            assertThat(v.opcode()).isEqualTo("INVOKEDYNAMIC");
            assertThat(v.line()).isEqualTo(11);
            assertThat(v.rule()).isEqualTo(Rule.INVOKEDYNAMIC);
            assertThat(v.reason()).contains("java.lang.invoke.LambdaMetafactory.metafactory");
        });
    }

    @Test
    void switchOnIntSum_isReportedAtTheSwitch() throws IOException {
        assertThat(check("IntSwitchAndConstants.java"))
                .filteredOn(v -> v.member().equals("dispatch(SS)S"))
                .extracting(Violation::opcode, Violation::line, Violation::reason)
                .singleElement()
                .satisfies(v -> assertThat(v.toList()).startsWith("LOOKUPSWITCH", 5)
                        .last().asString().startsWith("int intermediate value used as a switch key"));
    }

    @Test
    void comparisonWithConstantOutsideShortRange_isReported() throws IOException {
        assertThat(check("IntSwitchAndConstants.java"))
                .filteredOn(v -> v.member().equals("isSignBit(S)Z"))
                .extracting(Violation::opcode, Violation::line, Violation::rule)
                .containsExactly(tuple("IF_ICMPNE", 14, Rule.INT));
    }

    @Test
    void intLoopCounter_isReportedAtItsComparisonAfterTheLoopMerge() throws IOException {
        // i starts narrow (iconst_0); iinc makes it wide; the merge at the loop head makes it wide.
        assertThat(check("IntSwitchAndConstants.java"))
                .filteredOn(v -> v.member().equals("countTo(S)S"))
                .extracting(Violation::opcode, Violation::line, Violation::rule)
                .containsExactly(
                        tuple(null, -1, Rule.INT),
                        tuple("IF_ICMPGE", 19, Rule.INT));
    }

    @Test
    void objectHashCodeCall_isReported() throws IOException {
        assertThat(check("IntSwitchAndConstants.java"))
                .filteredOn(v -> v.member().equals("hashOfThis()I"))
                .extracting(Violation::opcode, Violation::rule, Violation::reason)
                .containsExactly(
                        tuple(null, Rule.INT, "return type is int: use short or byte"),
                        tuple("INVOKEVIRTUAL", Rule.API,
                                "method java.lang.Object.hashCode()I is not in the Java Card API"));
    }

    @Test
    void throwableMethodCalledThroughOwnExceptionClass_isReportedWithTheClassItComesFrom() throws IOException {
        // javac names the receiver's type (the applet's own exception class) as the owner.
        assertThat(check("IntSwitchAndConstants.java"))
                .filteredOn(v -> v.member().startsWith("messageOf("))
                .extracting(Violation::opcode, Violation::line, Violation::rule, Violation::reason)
                .containsExactly(tuple("INVOKEVIRTUAL", 33, Rule.API, "method getMessage()Ljava/lang/String;"
                        + " (inherited from java.lang.RuntimeException) is not in the Java Card API"));
    }

    @Test
    void classFileNewerThanJava8_isReported() throws IOException {
        FixtureCompiler.compile("IntSumArrayIndex.java", classes, "11");

        assertThat(JavaCardSubsetCheck.check(List.of(classes)))
                .filteredOn(v -> v.rule() == Rule.CLASS_VERSION)
                .singleElement()
                .satisfies(v -> {
                    assertThat(v.className()).isEqualTo("fixture.IntSumArrayIndex");
                    assertThat(v.member()).isNull();
                    assertThat(v.reason()).startsWith("class file major version 55 (Java 11)");
                });
    }

    @Test
    void run_withViolations_printsOneLinePerViolationAndReturnsOne() {
        FixtureCompiler.compile("IntSumArrayIndex.java", classes);

        CommandResult result = run(classes.toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.out().lines()).containsExactly(
                "VIOLATION fixture.IntSumArrayIndex readAt([BSS)B insn #4 BALOAD (line 5): int intermediate value"
                        + " used as an array index: cast it to short or byte first (the converter rejects"
                        + " unsupported int intermediate values)",
                "jc-subset-check: 1 class checked, 1 violation of the Java Card subset in 1 class");
    }

    @Test
    void run_onEmptyDirectory_passes() {
        CommandResult result = run(classes.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out().lines())
                .containsExactly("jc-subset-check: 0 classes checked, no violation of the Java Card subset");
    }

    @Test
    void run_onMissingDirectory_passesAndSaysSo() {
        // Maven creates no target/classes for a module without sources.
        Path absent = classes.resolve("absent");

        CommandResult result = run(absent.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "jc-subset-check: " + absent + " does not exist: no classes there to check",
                "jc-subset-check: 0 classes checked, no violation of the Java Card subset");
    }

    @Test
    void run_withoutArguments_failsWithUsageStatus() {
        CommandResult result = run();

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).startsWith("usage: JavaCardSubsetCheck");
    }

    @Test
    void opcodeNames_matchAsmOpcodeConstants() throws IllegalAccessException {
        int checked = 0;
        for (Field field : Opcodes.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == int.class
                    && !field.getName().matches("(ACC_|T_|H_|F_|V\\d|V_|ASM|SOURCE_).*")) {
                int opcode = field.getInt(null);
                if (opcode >= 0 && opcode < OpcodeNames.count()) {
                    assertThat(OpcodeNames.of(opcode)).as("opcode %d", opcode).isEqualTo(field.getName());
                    checked++;
                }
            }
        }
        assertThat(OpcodeNames.count()).isEqualTo(Opcodes.IFNONNULL + 1);
        // Opcodes has no xLOAD_n, xSTORE_n (20 each), LDC_W, LDC2_W, WIDE: ASM's tree never shows them.
        assertThat(checked).isEqualTo(Opcodes.IFNONNULL + 1 - 20 - 20 - 3);
    }

    private List<Violation> check(String fixtureFile) throws IOException {
        return JavaCardSubsetCheck.check(List.of(FixtureCompiler.compile(fixtureFile, classes)));
    }

    private static CommandResult run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = JavaCardSubsetCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CommandResult(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record CommandResult(int status, String out, String err) {
    }
}
