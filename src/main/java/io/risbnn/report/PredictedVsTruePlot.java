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
 * Regression predictions against the truth, 800×500 PNG: for each test example a point at (true
 * target, predictive mean) with a vertical bar over its predictive interval, and the line y = x. A
 * calibrated 90 % interval crosses the line for about 90 % of the points. Both axes share one range so
 * the line is the diagonal. Several predictives may be overlaid (each its own colour), though one or
 * two stay readable.
 */
public final class PredictedVsTruePlot {
    static {
        ChartFiles.ensureHeadless();
    }

    private final String title;
    private final String targetLabel;
    private final double[] truth;
    private final List<String> names = new ArrayList<>();
    private final Set<String> taken = new LinkedHashSet<>();
    private final List<PredictiveIntervals> predictives = new ArrayList<>();

    /**
     * A plot of predictions against the true targets.
     *
     * @param title the chart's title
     * @param targetLabel what the target is, with its unit (e.g. "strength (MPa)")
     * @param truth the true targets [N]; copied
     */
    public PredictedVsTruePlot(String title, String targetLabel, double[] truth) {
        if (truth.length == 0) {
            throw new IllegalArgumentException("plot '" + title + "': no targets");
        }
        this.title = title;
        this.targetLabel = targetLabel;
        this.truth = truth.clone();
    }

    /**
     * Adds a Gaussian predictive N(mean, std²) [N] with its central interval of probability {@code level}.
     *
     * @param name the predictive's legend name
     * @param mean the predictive means [N]
     * @param std the predictive standard deviations [N]
     * @param level the interval's probability, in (0, 1)
     * @return this plot
     */
    public PredictedVsTruePlot addGaussian(String name, double[] mean, double[] std, double level) {
        return add(name, mean, () -> PredictiveIntervals.gaussian(name, mean, std, level));
    }

    /**
     * Adds a predictive with given interval bounds [N]; {@code intervalDescription} names them, e.g. "5–95 % quantiles".
     *
     * @param name the predictive's legend name
     * @param mean the predictive means [N]
     * @param lower the intervals' lower bounds [N]
     * @param upper the intervals' upper bounds [N]
     * @param intervalDescription names the intervals in the legend
     * @return this plot
     */
    public PredictedVsTruePlot addInterval(String name, double[] mean, double[] lower, double[] upper,
                                           String intervalDescription) {
        return add(name, mean, () -> PredictiveIntervals.bounds(name, mean, lower, upper, intervalDescription));
    }

    private PredictedVsTruePlot add(String name, double[] mean, java.util.function.Supplier<PredictiveIntervals> intervals) {
        PredictiveIntervals.requireLength(name, "mean", mean.length, truth.length);
        PredictiveIntervals p = intervals.get();
        if (!taken.add(name)) {
            throw new IllegalArgumentException("duplicate predictive name '" + name + "'");
        }
        names.add(name);
        predictives.add(p);
        return this;
    }

    /**
     * Writes the chart as PNG, atomically.
     *
     * @param file the PNG file
     * @throws IllegalArgumentException if no predictive was added
     */
    public void savePng(Path file) {
        if (predictives.isEmpty()) {
            throw new IllegalArgumentException("plot '" + title + "' has no predictive");
        }
        XYChart chart = ChartFiles.newXyChart(title, "true " + targetLabel, "predicted " + targetLabel);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setMarkerSize(6);
        double[] range = sharedRange();
        chart.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]).setYAxisMin(range[0]).setYAxisMax(range[1]);
        ChartFiles.addReference(chart, "y = x", range, range);
        for (int k = 0; k < predictives.size(); k++) {
            PredictiveIntervals p = predictives.get(k);
            XYSeries bars = chart.addSeries(names.get(k) + " interval", barX(), barY(p));
            bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            bars.setMarker(SeriesMarkers.NONE);
            bars.setLineColor(ChartFiles.faint(ChartFiles.color(chart, k)));
            bars.setShowInLegend(false);
        }
        for (int k = 0; k < predictives.size(); k++) {
            PredictiveIntervals p = predictives.get(k);
            XYSeries points = chart.addSeries(names.get(k) + " (mean; bars: " + p.description() + ")", truth, p.mean());
            points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            points.setMarker(SeriesMarkers.CIRCLE);
            java.awt.Color c = ChartFiles.color(chart, k);
            points.setMarkerColor(new java.awt.Color(c.getRed(), c.getGreen(), c.getBlue(), 170));   // overlaid predictives show through
        }
        ChartFiles.savePng(chart, file);
    }

    /** The x of every bar: (t, t, NaN) per example, so one series draws N separate vertical bars. */
    private double[] barX() {
        double[] x = new double[3 * truth.length];
        for (int i = 0; i < truth.length; i++) {
            x[3 * i] = truth[i];
            x[3 * i + 1] = truth[i];
            x[3 * i + 2] = Double.NaN;
        }
        return x;
    }

    private static double[] barY(PredictiveIntervals p) {
        double[] y = new double[3 * p.size()];
        for (int i = 0; i < p.size(); i++) {
            y[3 * i] = p.lower()[i];
            y[3 * i + 1] = p.upper()[i];
            y[3 * i + 2] = Double.NaN;
        }
        return y;
    }

    /** One range for both axes covering every target and interval, with a 3 % margin. */
    private double[] sharedRange() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        List<double[]> all = new ArrayList<>(List.of(truth));
        for (PredictiveIntervals p : predictives) {
            all.add(p.lower());
            all.add(p.upper());
        }
        for (double[] values : all) {
            for (double v : values) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (!(min < max)) {
            min = Double.isFinite(min) ? min - 0.5 : 0;
            max = Double.isFinite(max) ? max + 0.5 : 1;
        }
        double margin = 0.03 * (max - min);
        return new double[] {min - margin, max + margin};
    }
}
