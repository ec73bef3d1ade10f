package io.risbnn.report;

import io.risbnn.RisbnnException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart (training curves, metric vs. setting) written as PNG or SVG, 800×500, legend
 * inside the top-right corner. Works without a display.
 *
 * <p>Long traces (≥ {@value RobustRange#MIN_POINTS} points) get a y range that leaves out their
 * first 2 % of steps when those would stretch the axis (see {@link RobustRange}); the y-axis title then
 * says so, and they are drawn as a moving average over their raw steps in grey ({@link MovingAverage}).
 * A logarithmic y axis spanning more than a decade is labelled at decades only, with plain
 * numbers.
 */
public final class LinePlot {
    static {
        ChartFiles.ensureHeadless();
    }

    /** Series longer than this are drawn without point markers, which would just smear. */
    static final int MAX_POINTS_WITH_MARKERS = 40;

    /** The raw steps under a moving average: light grey, so that the averages stand out. */
    private static final java.awt.Color RAW_STEPS = new java.awt.Color(205, 205, 205);

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private boolean logY;
    private boolean fullRange;
    private boolean smooth = true;

    private record Series(String name, double[] x, double[] y) {}

    /**
     * An empty line chart.
     *
     * @param title the chart's title
     * @param xLabel the x axis's label
     * @param yLabel the y axis's label
     */
    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * Adds a series; the arrays are copied. Non-finite values are drawn as gaps.
     *
     * @param name the series' legend name
     * @param x the x values
     * @param y the y values, as many as {@code x}
     * @return this plot
     * @throws IllegalArgumentException if lengths differ, the series is empty or the name is taken
     */
    public LinePlot addSeries(String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("series '" + name + "': x has " + x.length
                    + " values but y has " + y.length);
        }
        if (x.length == 0) {
            throw new IllegalArgumentException("series '" + name + "' is empty");
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate series name '" + name + "'");
        }
        series.add(new Series(name, x.clone(), y.clone()));
        return this;
    }

    /**
     * Logarithmic y axis; every finite y value must then be positive.
     *
     * @param logY true for a log axis
     * @return this plot
     */
    public LinePlot optLogY(boolean logY) {
        this.logY = logY;
        return this;
    }

    /**
     * Always show every value, including a long trace's first steps (off by default).
     *
     * @param fullRange true to fit the axis to every value
     * @return this plot
     */
    public LinePlot optFullRange(boolean fullRange) {
        this.fullRange = fullRange;
        return this;
    }

    /**
     * Draw long traces as a moving average over their raw steps in grey (on by default).
     *
     * @param smooth true to smooth long traces
     * @return this plot
     */
    public LinePlot optSmooth(boolean smooth) {
        this.smooth = smooth;
        return this;
    }

    /**
     * Writes the chart as PNG, atomically.
     *
     * @param file the PNG file
     */
    public void savePng(Path file) {
        ChartFiles.savePng(build(file), file);
    }

    /**
     * Writes the chart as SVG, atomically.
     *
     * @param file the SVG file
     */
    public void saveSvg(Path file) {
        ChartFiles.saveSvg(build(file), file);
    }

    private XYChart build(Path file) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("plot '" + title + "' has no series");
        }
        List<double[]> ys = new ArrayList<>();
        for (Series s : series) {
            double[] y = gapsForNonFinite(s.y());
            if (logY) {
                requirePositive(s.name(), y, file);
            }
            ys.add(y);
        }
        if (ys.stream().allMatch(LinePlot::allNaN)) {
            throw new RisbnnException("cannot plot " + file + ": no series has a finite value");
        }
        RobustRange.Range clipped = fullRange ? null : RobustRange.of(ys, logY);
        boolean anySmoothed = series.stream().anyMatch(this::smoothed);
        XYChart chart = ChartFiles.newXyChart(title,
                anySmoothed ? xLabel + " (lines: moving average over 2 % of the steps; grey: every step)" : xLabel,
                clipped == null ? yLabel : yLabel + " (clipped: first steps off scale)");
        chart.getStyler().setYAxisLogarithmic(logY);
        if (integralSteps()) {
            roundStepTicks(chart, ys);
        }
        drawSeries(chart, ys);
        if (clipped != null) {
            chart.getStyler().setYAxisMin(clipped.min()).setYAxisMax(clipped.max());
        }
        if (logY) {
            double[] range = clipped != null ? new double[] {clipped.min(), clipped.max()} : finiteRange(ys);
            logTicks(chart, range[0], range[1]);
        }
        return chart;
    }

    private void drawSeries(XYChart chart, List<double[]> ys) {
        // the raw steps first, in grey, so that every average is drawn on top of all of them
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            if (smoothed(s) && !allNaN(ys.get(k))) {
                line(chart, s.name() + " (every step)", s.x(), ys.get(k), RAW_STEPS).setShowInLegend(false);
            }
        }
        Marker[] markers = chart.getStyler().getSeriesMarkers();
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            double[] y = ys.get(k);
            if (allNaN(y)) {
                continue; // XChart cannot scale an axis with no finite value
            }
            double[] drawn = smoothed(s) ? MovingAverage.centred(y, MovingAverage.window(y.length)) : y;
            XYSeries xy = line(chart, s.name(), s.x(), drawn, ChartFiles.color(chart, k));
            if (smoothed(s)) {
                xy.setLineWidth(2.5f);
            }
            // set explicitly: the hidden helper series would otherwise shift the styler's marker cycle
            xy.setMarker(s.x().length > MAX_POINTS_WITH_MARKERS ? SeriesMarkers.NONE : markers[k % markers.length]);
        }
    }

    /**
     * XChart labels evenly spaced x data at every k-th data point (1, 502, 1003, … running into each
     * other); a hidden first series listing the x range backwards breaks the even spacing it looks for,
     * so it picks round ticks (0, 1000, 2000, …). Plain digits: step 1250, not 1,250.
     */
    private void roundStepTicks(XYChart chart, List<double[]> ys) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double y = Double.NaN;
        for (int k = 0; k < series.size(); k++) {
            for (double x : series.get(k).x()) {
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            for (double v : ys.get(k)) {
                y = Double.isFinite(v) ? v : y;   // the last finite value: inside any clipped range
            }
        }
        XYSeries ticks = line(chart, " ", new double[] {max, min}, new double[] {y, y}, new java.awt.Color(0, 0, 0, 0));
        ticks.setShowInLegend(false);
        chart.getStyler().setXAxisDecimalPattern("#");
    }

    /** Whether every x is a whole number and some series is long: a trace of steps. */
    private boolean integralSteps() {
        boolean anyLong = false;
        for (Series s : series) {
            anyLong |= s.x().length > MAX_POINTS_WITH_MARKERS;
            for (double x : s.x()) {
                if (x != Math.rint(x)) {
                    return false;
                }
            }
        }
        return anyLong;
    }

    /** Long traces are drawn as a moving average over their raw steps (see {@link MovingAverage}). */
    private boolean smoothed(Series s) {
        return smooth && s.x().length >= RobustRange.MIN_POINTS;
    }

    private static XYSeries line(XYChart chart, String name, double[] x, double[] y, java.awt.Color color) {
        XYSeries xy = chart.addSeries(name, x, y);
        xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        xy.setMarker(SeriesMarkers.NONE);
        xy.setLineColor(color);
        xy.setMarkerColor(color);
        return xy;
    }

    /**
     * XChart puts a labelled tick at every 1…9 × 10^k, whose labels overlap once the axis spans more
     * than a decade; label only the decades then, as plain numbers (0.01, 0.1, 1, 10, not 1E-2). (A
     * label-formatting function would switch XChart to its linear tick calculator, which never finishes
     * on a log axis.)
     */
    private static void logTicks(XYChart chart, double min, double max) {
        chart.getStyler().setYAxisLogarithmicDecadeOnly(Math.log10(max / min) > 1);
        chart.getStyler().setYAxisDecimalPattern("0.########");
    }

    private static double[] finiteRange(List<double[]> ys) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] y : ys) {
            for (double v : y) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new double[] {min, max};
    }

    // A diverged run yields ±Infinity, which would blow up the axis range; NaN is drawn as a gap.
    private static double[] gapsForNonFinite(double[] y) {
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isInfinite(out[i])) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static boolean allNaN(double[] y) {
        for (double v : y) {
            if (!Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    private static void requirePositive(String name, double[] y, Path file) {
        for (double v : y) {
            if (v <= 0) {
                throw new RisbnnException("cannot plot " + file + ": series '" + name
                        + "' has value " + v + " on a logarithmic y axis");
            }
        }
    }
}
