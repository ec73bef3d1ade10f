package io.risbnn.report;

import io.risbnn.eval.metrics.ClassificationMetrics;
import io.risbnn.eval.metrics.ReliabilityBins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Reliability diagram of one or more classification predictives (e.g. "sampled" and "mean-var"), as one
 * 800×500 PNG. Top panel: for each of the {@value ClassificationMetrics#DEFAULT_ECE_BINS} equal-width
 * confidence bins of {@link ReliabilityBins} (the ECE's bins), the accuracy of the bin against its mean
 * confidence, one line per predictive, with the diagonal of perfect calibration; the ECE of each
 * predictive is in the title and the legend. Bottom panel: the number of examples in each bin, on a
 * log axis (most examples sit in the top bin), so that a bin of three examples is not read like one
 * of thousands. Empty bins are left out.
 */
public final class ReliabilityPlot {
    static {
        ChartFiles.ensureHeadless();
    }

    private static final int COUNT_PANEL_HEIGHT = 150;

    private final String title;
    private final List<Predictive> predictives = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();

    private record Predictive(String name, ReliabilityBins bins) {}

    /**
     * An empty reliability diagram.
     *
     * @param title the chart's title
     */
    public ReliabilityPlot(String title) {
        this.title = title;
    }

    /**
     * Adds a predictive: probabilities [N][C] (rows summing to 1) and labels [N] in [0, C).
     *
     * @param name the predictive's legend name
     * @param probabilities [N][C]
     * @param labels [N]
     * @return this plot
     * @throws IllegalArgumentException if the shapes disagree, a label is out of range or the name is taken
     */
    public ReliabilityPlot add(String name, double[][] probabilities, int[] labels) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate predictive name '" + name + "'");
        }
        predictives.add(new Predictive(name, ReliabilityBins.of(probabilities, labels, ClassificationMetrics.DEFAULT_ECE_BINS)));
        return this;
    }

    /**
     * The ECE shown for each predictive, in the order added (the same number as {@link ClassificationMetrics#ece}).
     *
     * @return one ECE per predictive
     */
    public double[] eces() {
        return predictives.stream().mapToDouble(p -> p.bins().ece()).toArray();
    }

    /**
     * Writes the diagram as PNG, atomically.
     *
     * @param file the PNG file
     * @throws IllegalArgumentException if no predictive was added
     */
    public void savePng(Path file) {
        if (predictives.isEmpty()) {
            throw new IllegalArgumentException("reliability diagram '" + title + "' has no predictive");
        }
        ChartFiles.savePngStacked(file, reliabilityPanel(), countPanel());
    }

    private XYChart reliabilityPanel() {
        StringBuilder heading = new StringBuilder(title).append(" — ECE");
        for (int k = 0; k < predictives.size(); k++) {
            heading.append(k == 0 ? " " : ", ").append(predictives.get(k).name()).append(' ').append(ece(k));
        }
        XYChart chart = ChartFiles.newXyChart(heading.toString(), "", "accuracy in bin",
                ChartFiles.HEIGHT - COUNT_PANEL_HEIGHT);
        ChartFiles.unitSquare(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        ChartFiles.addReference(chart, "perfect calibration", new double[] {0, 1}, new double[] {0, 1});
        for (int k = 0; k < predictives.size(); k++) {
            ReliabilityBins bins = predictives.get(k).bins();
            XYSeries s = chart.addSeries(predictives.get(k).name() + " (ECE " + ece(k) + ")",
                    perBin(bins, ReliabilityBins::meanConfidence), perBin(bins, ReliabilityBins::accuracy));
            style(s, k, chart);
        }
        return chart;
    }

    private XYChart countPanel() {
        XYChart chart = ChartFiles.newXyChart("", "confidence (max predicted probability), "
                + ClassificationMetrics.DEFAULT_ECE_BINS + " equal-width bins", "examples", COUNT_PANEL_HEIGHT);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setXAxisDecimalPattern("0.0#");
        chart.getStyler().setYAxisLogarithmic(true).setYAxisLogarithmicDecadeOnly(true).setYAxisDecimalPattern("#");
        chart.getStyler().setLegendVisible(false);
        for (int k = 0; k < predictives.size(); k++) {
            ReliabilityBins bins = predictives.get(k).bins();
            XYSeries s = chart.addSeries(predictives.get(k).name(), perBin(bins, ReliabilityBins::meanConfidence),
                    perBin(bins, (b, bin) -> b.count(bin)));
            style(s, k, chart);
        }
        return chart;
    }

    private static void style(XYSeries s, int k, XYChart chart) {
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(ChartFiles.color(chart, k));   // the same colour in both panels
        s.setMarkerColor(ChartFiles.color(chart, k));
        s.setMarker(chart.getStyler().getSeriesMarkers()[k % chart.getStyler().getSeriesMarkers().length]);
    }

    /** A per-bin value of the non-empty bins. */
    private static double[] perBin(ReliabilityBins bins, BinValue value) {
        List<Double> out = new ArrayList<>();
        for (int b = 0; b < bins.bins(); b++) {
            if (bins.count(b) > 0) {
                out.add(value.of(bins, b));
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private interface BinValue {
        double of(ReliabilityBins bins, int bin);
    }

    private String ece(int k) {
        return String.format(Locale.ROOT, "%.3f", predictives.get(k).bins().ece());
    }
}
