package io.risbnn.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Overlaid step histograms (e.g. predictive entropy in- vs. out-of-distribution), 800×500.
 * Step outlines rather than bars so that several series stay readable on top of each other.
 */
public final class HistogramPlot {
    static {
        ChartFiles.ensureHeadless();
    }

    private final String title;
    private final String xLabel;
    private final List<Series> series = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();
    private boolean density;

    private record Series(String name, double[] values, int bins) {}

    /**
     * An empty histogram.
     *
     * @param title the chart's title
     * @param xLabel the value axis's label
     */
    public HistogramPlot(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    /**
     * Adds a series binned into {@code bins} equal-width bins over its own finite range; NaN and
     * infinite values are ignored. The array is copied.
     *
     * @param name the series' legend name
     * @param values the values to bin
     * @param bins the number of bins, ≥ 1
     * @return this plot
     */
    public HistogramPlot addSeries(String name, double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("series '" + name + "': bins must be >= 1, got " + bins);
        }
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate series name '" + name + "'");
        }
        series.add(new Series(name, values.clone(), bins));
        return this;
    }

    /**
     * Plot densities (area 1) instead of counts; use it to compare series of different sizes.
     *
     * @param density true for densities
     * @return this plot
     */
    public HistogramPlot optDensity(boolean density) {
        this.density = density;
        return this;
    }

    /**
     * Writes the chart as PNG, atomically.
     *
     * @param file the PNG file
     */
    public void savePng(Path file) {
        ChartFiles.savePng(build(), file);
    }

    /**
     * Writes the chart as SVG, atomically.
     *
     * @param file the SVG file
     */
    public void saveSvg(Path file) {
        ChartFiles.saveSvg(build(), file);
    }

    private XYChart build() {
        if (series.isEmpty()) {
            throw new IllegalArgumentException("histogram '" + title + "' has no series");
        }
        XYChart chart = ChartFiles.newXyChart(title, xLabel, density ? "density" : "count");
        chart.getStyler().setXAxisDecimalPattern("0.####");   // bin edges would otherwise print all 15 digits
        for (Series s : series) {
            double[][] outline = outline(s.values(), s.bins(), density);
            XYSeries xy = chart.addSeries(s.name(), outline[0], outline[1]);
            xy.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
            xy.setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    /**
     * Step outline points for XChart's Step style (horizontal at the previous y, then vertical):
     * (e0,0), (e0,c0), (e1,c1), …, (e_{B-1},c_{B-1}), (e_B,0) — closed at both ends.
     */
    static double[][] outline(double[] values, int bins, boolean density) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        int n = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                n++;
            }
        }
        if (n == 0) {
            min = 0;
            max = 1;
        } else if (min == max) {
            min -= 0.5; // a constant series still gets a visible bar
            max += 0.5;
        }
        double width = (max - min) / bins;
        double[] counts = new double[bins];
        for (double v : values) {
            if (Double.isFinite(v)) {
                int b = (int) ((v - min) / width);
                counts[Math.min(Math.max(b, 0), bins - 1)]++; // max lands in the last bin
            }
        }
        double scale = density && n > 0 ? 1.0 / (n * width) : 1.0;
        double[] x = new double[bins + 2];
        double[] y = new double[bins + 2];
        x[0] = min;
        for (int b = 0; b < bins; b++) {
            x[b + 1] = min + b * width;
            y[b + 1] = counts[b] * scale;
        }
        x[bins + 1] = max;
        return new double[][] {x, y};
    }
}
