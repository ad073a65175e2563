package org.cardsync.loadgen.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuClockTest {
    @TempDir
    Path proc;

    /** A stat line as proc(5) gives it; utime, stime, cutime, cstime are fields 14 to 17. */
    private void process(long pid, String name, long parent, long utime, long stime, long cutime, long cstime)
            throws IOException {
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(pid + "/stat"), pid + " (" + name + ") S " + parent + " " + pid + " " + pid
                + " 0 -1 4194304 5661 51428 0 0 " + utime + " " + stime + " " + cutime + " " + cstime
                + " 20 0 1 0 2954820 224833536 6017 18446744073709551615 1 1 0 0 0 0 0 4096 16903 0 0 0 17 1 0 0 0 0 0\n");
    }

    @Test
    void parse_readsTheTimesAfterACommandNameWithSpacesAndParentheses() {
        ProcStat stat = ProcStat.parse("4242 (postgres: a (b) c) R 17 4242 4242 0 -1 4194560 1 0 0 0 "
                + "123 45 6 7 20 0 1 0 100 0 0 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0");

        assertThat(stat.pid()).isEqualTo(4242);
        assertThat(stat.parentPid()).isEqualTo(17);
        assertThat(stat.ownTicks()).isEqualTo(168);
        assertThat(stat.reapedChildrenTicks()).isEqualTo(13);
    }

    @Test
    void parse_refusesALineThatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcStat.parse("not a stat line")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcStat.parse("12 (java) S 1 2 3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clusterTicks_countsTheRootItsLiveChildrenAndTheChildrenItReaped_notOtherProcesses() throws IOException {
        process(100, "postgres", 1, 10, 5, 100, 50);
        process(101, "postgres: checkpointer", 100, 7, 3, 0, 0);
        process(102, "postgres: cardsync cardsync 127.0.0.1(5432) idle", 100, 2, 1, 0, 0);
        process(200, "java", 1, 1000, 1000, 0, 0);
        process(201, "grandchild of postgres", 101, 500, 500, 0, 0);
        Files.createDirectories(proc.resolve("self"));

        assertThat(new CpuClock(proc).clusterTicks(100)).isEqualTo(10 + 5 + 100 + 50 + 7 + 3 + 2 + 1);
        assertThat(new CpuClock(proc).processTicks(200)).isEqualTo(2000);
    }

    @Test
    void clusterTicks_keepsTheTimeOfAServerProcessThatEndedInTheWindow() throws IOException {
        process(100, "postgres", 1, 10, 5, 0, 0);
        process(101, "postgres: client backend", 100, 30, 10, 0, 0);
        CpuClock clock = new CpuClock(proc);
        long before = clock.clusterTicks(100);

        // the client's server process works 60 more ticks, exits and is reaped: its 100 ticks move to cutime+cstime
        Files.delete(proc.resolve("101/stat"));
        Files.delete(proc.resolve("101"));
        process(100, "postgres", 1, 10, 5, 70, 30);

        assertThat(clock.clusterTicks(100) - before).isEqualTo(60);
    }

    @Test
    void processTicks_ofAProcessThatIsGone_says_so() {
        assertThatThrownBy(() -> new CpuClock(proc).processTicks(999)).hasMessageContaining("no process 999");
    }
}
