package io.risbnn.report;

import io.risbnn.RisbnnException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart (training curves, metric vs. setting) written as PNG or SVG, 800×500, legend
 * inside the top-right corner. Works without a display.
 */
public final class LinePlot {
    static {
        ChartFiles.ensureHeadless();
    }

    /** Series longer than this are drawn without point markers, which would just smear. */
    static final int MAX_POINTS_WITH_MARKERS = 40;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private boolean logY;

    private record Series(String name, double[] x, double[] y) {}

    public LinePlot(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /**
     * Adds a series; the arrays are copied. Non-finite values are drawn as gaps.
     *
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

    /** Logarithmic y axis; every finite y value must then be positive. */
    public LinePlot optLogY(boolean logY) {
        this.logY = logY;
        return this;
    }

    /** Writes the chart as PNG, atomically. */
    public void savePng(Path file) {
        ChartFiles.savePng(build(file), file);
    }

    /** Writes the chart as SVG, atomically. */
    public void saveSvg(Path file) {
        ChartFiles.saveSvg(build(file), file);
    }

    private XYChart build(Path file) {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("plot '" + title + "' has no series");
        }
        XYChart chart = ChartFiles.newXyChart(title, xLabel, yLabel);
        chart.getStyler().setYAxisLogarithmic(logY);
        for (Series s : series) {
            double[] y = gapsForNonFinite(s.y());
            if (logY) {
                requirePositive(s.name(), y, file);
            }
            if (allNaN(y)) {
                continue; // XChart cannot scale an axis with no finite value
            }
            XYSeries xy = chart.addSeries(s.name(), s.x(), y);
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            if (s.x().length > MAX_POINTS_WITH_MARKERS) {
                xy.setMarker(SeriesMarkers.NONE);
            }
        }
        if (chart.getSeriesMap().isEmpty()) {
            throw new RisbnnException("cannot plot " + file + ": no series has a finite value");
        }
        return chart;
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
