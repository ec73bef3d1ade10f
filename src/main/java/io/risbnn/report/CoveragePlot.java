package io.risbnn.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Interval coverage of regression predictives, 800×500 PNG: the nominal level of the central
 * predictive interval (e.g. 0.05 … 0.95) against the observed fraction of test targets inside it, one
 * line per predictive, with the diagonal of perfect calibration (below it: intervals too narrow,
 * overconfident). With {@link #optSampleSize(int)}, a grey band of ±2 binomial standard errors
 * √(p(1−p)/N) around the diagonal shows how far a calibrated predictive strays by chance. The observed
 * coverage comes from {@link io.risbnn.eval.metrics.IntervalCoverage}.
 */
public final class CoveragePlot {
    static {
        ChartFiles.ensureHeadless();
    }

    private final String title;
    private final List<Series> series = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private int sampleSize;

    private record Series(String name, double[] levels, double[] observed) {}

    /**
     * An empty coverage plot (observed against nominal coverage of central intervals).
     *
     * @param title the chart's title
     */
    public CoveragePlot(String title) {
        this.title = title;
    }

    /**
     * Adds a predictive's observed coverage at each nominal level (both in [0, 1]); the arrays are copied.
     *
     * @throws IllegalArgumentException if lengths differ, the series is empty, a value is outside [0, 1]
     *     or the name is taken
     * @param name the predictive's legend name
     * @param levels the nominal levels
     * @param observed the observed coverage at each level
     * @return this plot
     */
    public CoveragePlot addSeries(String name, double[] levels, double[] observed) {
        if (levels.length != observed.length || levels.length == 0) {
            throw new IllegalArgumentException("series '" + name + "': " + levels.length + " levels and "
                    + observed.length + " coverages (expected the same number, at least one)");
        }
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] >= 0 && levels[i] <= 1 && observed[i] >= 0 && observed[i] <= 1)) {
                throw new IllegalArgumentException("series '" + name + "': level " + levels[i] + ", coverage "
                        + observed[i] + " (expected both in [0, 1])");
            }
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate series name '" + name + "'");
        }
        series.add(new Series(name, levels.clone(), observed.clone()));
        return this;
    }

    /**
     * Draw the ±2 standard-error band of a calibrated predictive on {@code n} test targets (0: none).
     *
     * @param n the number of test targets, ≥ 0
     * @return this plot
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public CoveragePlot optSampleSize(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("sample size must be >= 0, got " + n);
        }
        this.sampleSize = n;
        return this;
    }

    /**
     * Writes the chart as PNG, atomically.
     *
     * @param file the PNG file
     * @throws IllegalArgumentException if no series was added
     */
    public void savePng(Path file) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("coverage plot '" + title + "' has no series");
        }
        XYChart chart = ChartFiles.newXyChart(title, "nominal level of the central predictive interval",
                "observed fraction of targets inside");
        ChartFiles.unitSquare(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        if (sampleSize > 0) {
            addChanceBand(chart);
        }
        ChartFiles.addReference(chart, "perfect calibration", new double[] {0, 1}, new double[] {0, 1});
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            XYSeries xy = chart.addSeries(s.name(), s.levels(), s.observed());
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            xy.setLineColor(ChartFiles.color(chart, k));
            xy.setMarkerColor(ChartFiles.color(chart, k));
            xy.setMarker(chart.getStyler().getSeriesMarkers()[k % chart.getStyler().getSeriesMarkers().length]);
        }
        ChartFiles.savePng(chart, file);
    }

    private void addChanceBand(XYChart chart) {
        int points = 101;
        double[] x = new double[2 * points];
        double[] y = new double[2 * points];
        for (int i = 0; i < points; i++) {
            double p = (double) i / (points - 1);
            double halfWidth = 2 * Math.sqrt(p * (1 - p) / sampleSize);
            x[i] = p;
            y[i] = Math.min(1, p + halfWidth);
            x[2 * points - 1 - i] = p;
            y[2 * points - 1 - i] = Math.max(0, p - halfWidth);
        }
        XYSeries band = chart.addSeries("±2 s.e. of a calibrated predictive (N = " + sampleSize + ")", x, y);
        band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        band.setMarker(SeriesMarkers.NONE);
        band.setFillColor(new java.awt.Color(0, 0, 0, 30));
        band.setLineColor(new java.awt.Color(0, 0, 0, 0));
    }
}
