package io.risbnn.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A regression predictive over a one-dimensional input, 800×500 PNG: the data points (x, y), and for
 * each predictive its mean as a line and its predictive interval as a shaded band, both sorted by x.
 * Several predictives may be overlaid, each in its own colour.
 */
public final class PredictiveBandPlot {
    static {
        ChartFiles.ensureHeadless();
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final double[] x;
    private final double[] y;
    private final int[] order;
    private final List<String> names = new ArrayList<>();
    private final Set<String> taken = new LinkedHashSet<>();
    private final List<PredictiveIntervals> predictives = new ArrayList<>();

    /**
     * A plot of predictive bands over a one-dimensional input.
     *
     * @param title the chart's title
     * @param xLabel the input axis's label
     * @param yLabel the target axis's label
     * @param x the input of each example [N]; copied
     * @param y the target of each example [N], drawn as points; copied
     */
    public PredictiveBandPlot(String title, String xLabel, String yLabel, double[] x, double[] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("plot '" + title + "': " + x.length + " inputs and " + y.length
                    + " targets (expected the same number, at least one)");
        }
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
        this.x = x.clone();
        this.y = y.clone();
        this.order = java.util.stream.IntStream.range(0, x.length).boxed()
                .sorted(Comparator.comparingDouble(i -> x[i])).mapToInt(Integer::intValue).toArray();
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
    public PredictiveBandPlot addGaussian(String name, double[] mean, double[] std, double level) {
        PredictiveIntervals.requireLength(name, "mean", mean.length, x.length);
        return add(name, PredictiveIntervals.gaussian(name, mean, std, level));
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
    public PredictiveBandPlot addInterval(String name, double[] mean, double[] lower, double[] upper,
                                          String intervalDescription) {
        PredictiveIntervals.requireLength(name, "mean", mean.length, x.length);
        return add(name, PredictiveIntervals.bounds(name, mean, lower, upper, intervalDescription));
    }

    private PredictiveBandPlot add(String name, PredictiveIntervals p) {
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
        XYChart chart = ChartFiles.newXyChart(title, xLabel, yLabel);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        double[] sortedX = sorted(x);
        // bands first, then the means and the data on top of them
        for (int k = 0; k < predictives.size(); k++) {
            PredictiveIntervals p = predictives.get(k);
            double[] bandX = new double[2 * x.length];
            double[] bandY = new double[2 * x.length];
            double[] lower = sorted(p.lower());
            double[] upper = sorted(p.upper());
            for (int i = 0; i < x.length; i++) {
                bandX[i] = sortedX[i];
                bandY[i] = upper[i];
                bandX[2 * x.length - 1 - i] = sortedX[i];   // back along the lower edge closes the polygon
                bandY[2 * x.length - 1 - i] = lower[i];
            }
            XYSeries band = chart.addSeries(names.get(k) + " " + p.description(), bandX, bandY);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setMarker(SeriesMarkers.NONE);
            band.setFillColor(ChartFiles.faint(ChartFiles.color(chart, k)));
            band.setLineColor(new java.awt.Color(0, 0, 0, 0));
        }
        for (int k = 0; k < predictives.size(); k++) {
            XYSeries mean = chart.addSeries(names.get(k) + " mean", sortedX, sorted(predictives.get(k).mean()));
            mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            mean.setMarker(SeriesMarkers.NONE);
            mean.setLineColor(ChartFiles.color(chart, k));
            mean.setLineWidth(2f);
        }
        XYSeries data = chart.addSeries("data", sortedX, sorted(y));
        data.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        data.setMarker(SeriesMarkers.CIRCLE);
        data.setMarkerColor(java.awt.Color.BLACK);
        ChartFiles.savePng(chart, file);
    }

    /** The values in the order of increasing x. */
    private double[] sorted(double[] values) {
        return Arrays.stream(order).mapToDouble(i -> values[i]).toArray();
    }
}
