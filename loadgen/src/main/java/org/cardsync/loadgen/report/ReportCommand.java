package org.cardsync.loadgen.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report}: a run's JSON files (from {@code sessions} and {@code pgbench}) as markdown tables and SVG charts,
 * and one {@code BENCH sessions ...} line per terminal count on standard output.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Markdown tables, SVG charts and BENCH lines from a run's sessions-*.json and pgbench-*.json.")
public final class ReportCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "The run's directory of JSON files")
    Path run;

    @Option(names = "--out", required = true, paramLabel = "FILE.md", description = "The markdown report")
    Path out;

    @Option(names = "--charts", paramLabel = "DIR",
            description = "Where the charts go (default: beside the report); the report links them relatively")
    Path charts;

    @Option(names = "--prefix", defaultValue = "perf-sessions", description = "The charts' file name prefix (default: ${DEFAULT-VALUE})")
    String prefix;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        List<RunPoint> points = RunReader.read(run);
        Path reportDirectory = out.toAbsolutePath().getParent();
        Path chartDirectory = charts == null ? reportDirectory : charts.toAbsolutePath();
        List<String> files = Charts.write(points, chartDirectory, prefix).stream()
                .map(name -> reportDirectory.relativize(chartDirectory.resolve(name)).toString()).toList();
        Files.createDirectories(reportDirectory);
        Files.writeString(out, MarkdownReport.markdown(points, files), StandardCharsets.UTF_8);
        System.out.print(MarkdownReport.benchLines(points));
        return 0;
    }
}
