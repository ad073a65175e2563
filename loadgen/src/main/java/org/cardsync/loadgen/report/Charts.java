package org.cardsync.loadgen.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * A run's charts as SVG files (JFreeChart drawn on JFreeSVG's Graphics2D): throughput against terminals, REQUEST and
 * ACK latency percentiles, and CPU per session split between the backend, PostgreSQL and the load generator.
 */
final class Charts {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 420;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    private Charts() {
    }

    /** Writes the three charts into {@code directory} as {@code <prefix>-*.svg}; returns their file names. */
    static List<String> write(List<RunPoint> points, Path directory, String prefix) throws IOException {
        Files.createDirectories(directory);
        String throughput = prefix + "-throughput.svg";
        String latency = prefix + "-latency.svg";
        String cpu = prefix + "-cpu.svg";
        svg(throughput(points), directory.resolve(throughput));
        svg(latency(points), directory.resolve(latency));
        svg(cpu(points), directory.resolve(cpu));
        return List.of(throughput, latency, cpu);
    }

    static JFreeChart throughput(List<RunPoint> points) {
        XYSeries sessions = new XYSeries("card sessions/s");
        XYSeries pgbench = new XYSeries("pgbench TPC-B TPS");
        for (RunPoint p : points) {
            sessions.add(p.terminals(), p.sessions().sessionsPerSecond());
            if (p.pgbench() != null) {
                pgbench.add(p.terminals(), p.pgbench().tps());
            }
        }
        XYSeriesCollection dataset = new XYSeriesCollection(sessions);
        if (pgbench.getItemCount() > 0) {
            dataset.addSeries(pgbench);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Throughput against terminals (pgbench: as many clients)",
                "terminals", "per second (log scale)", dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogAxis perSecond = new LogAxis("per second (log scale)");
        perSecond.setSmallestValue(1);
        // one tick per power of ten, labelled with its value (1, 10, 100, 1,000), not as 10^x
        perSecond.setTickUnit(new NumberTickUnit(1));
        perSecond.setNumberFormatOverride(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        plot.setRangeAxis(perSecond);
        NumberAxis terminals = (NumberAxis) plot.getDomainAxis();
        terminals.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x2171b5));
        renderer.setSeriesPaint(1, new Color(0x969696));
        renderer.setDefaultStroke(new BasicStroke(2f));
        renderer.setAutoPopulateSeriesStroke(false);
        plot.setRenderer(renderer);
        return style(chart);
    }

    static JFreeChart latency(List<RunPoint> points) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (RunPoint p : points) {
            String column = p.terminals() + (p.terminals() == 1 ? " terminal" : " terminals");
            dataset.addValue(p.sessions().latencyMs().request().p50(), "REQUEST p50", column);
            dataset.addValue(p.sessions().latencyMs().request().p90(), "REQUEST p90", column);
            dataset.addValue(p.sessions().latencyMs().request().p99(), "REQUEST p99", column);
            dataset.addValue(p.sessions().latencyMs().ack().p50(), "ACK p50", column);
            dataset.addValue(p.sessions().latencyMs().ack().p90(), "ACK p90", column);
            dataset.addValue(p.sessions().latencyMs().ack().p99(), "ACK p99", column);
        }
        JFreeChart chart = bars(ChartFactory.createBarChart("REQUEST and ACK latency, as the terminal sees it", null,
                "ms", dataset, PlotOrientation.VERTICAL, true, false, false));
        // one hue per message, darker for the higher percentile
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        Color[] shades = {new Color(0x9ecae1), new Color(0x4292c6), new Color(0x08519c),
            new Color(0xfdae6b), new Color(0xf16913), new Color(0xa63603)};
        for (int i = 0; i < shades.length; i++) {
            renderer.setSeriesPaint(i, shades[i]);
        }
        return chart;
    }

    static JFreeChart cpu(List<RunPoint> points) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        for (RunPoint p : points) {
            String column = p.terminals() + (p.terminals() == 1 ? " terminal" : " terminals");
            add(dataset, p.backendCpuMs(), "backend", column);
            add(dataset, p.postgresCpuMs(), "PostgreSQL", column);
            add(dataset, p.loadgenCpuMs(), "load generator (terminals, cards)", column);
        }
        JFreeChart chart = bars(ChartFactory.createStackedBarChart("CPU per complete session", null,
                "ms of one core", dataset, PlotOrientation.VERTICAL, true, false, false));
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setSeriesPaint(0, new Color(0x2171b5));
        renderer.setSeriesPaint(1, new Color(0x6baed6));
        renderer.setSeriesPaint(2, new Color(0xbdbdbd));
        return chart;
    }

    private static void add(DefaultCategoryDataset dataset, double value, String row, String column) {
        if (!Double.isNaN(value)) {
            dataset.addValue(value, row, column);
        }
    }

    private static JFreeChart bars(JFreeChart chart) {
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        return style(chart);
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TITLE);
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setRangeGridlinePaint(Color.LIGHT_GRAY);
            xy.setDomainGridlinePaint(Color.LIGHT_GRAY);
        } else if (chart.getPlot() instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(Color.LIGHT_GRAY);
        }
        return chart;
    }

    private static void svg(JFreeChart chart, Path file) throws IOException {
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        // A fixed prefix for the SVG's internal ids: the same figures give the same file (no churn in docs/images).
        g2.setDefsKeyPrefix("perf");
        chart.draw(g2, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        Files.writeString(file, g2.getSVGDocument(), StandardCharsets.UTF_8);
    }
}
