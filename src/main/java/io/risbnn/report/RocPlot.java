package io.risbnn.report;

import io.risbnn.eval.metrics.ClassificationMetrics;
import io.risbnn.eval.metrics.RocCurve;
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
 * ROC curves of one or more scores (e.g. OOD detection by entropy and mutual information), 800×500 PNG:
 * true positive rate against false positive rate as the threshold falls ({@link RocCurve}; tied scores
 * are a diagonal segment), one curve per score with its AUROC in the legend, and the chance diagonal.
 */
public final class RocPlot {
    static {
        ChartFiles.ensureHeadless();
    }

    private final String title;
    private final List<Curve> curves = new ArrayList<>();
    private final Set<String> names = new LinkedHashSet<>();

    private record Curve(String name, RocCurve roc, double auroc) {}

    /**
     * An empty ROC plot.
     *
     * @param title the chart's title
     */
    public RocPlot(String title) {
        this.title = title;
    }

    /**
     * Adds the curve of one score; higher scores mean "more likely positive".
     *
     * @param name the curve's legend name
     * @param scoresPositive the scores of the positives
     * @param scoresNegative the scores of the negatives
     * @return this plot
     * @throws IllegalArgumentException if a set is empty or holds NaN, or the name is taken
     */
    public RocPlot addCurve(String name, double[] scoresPositive, double[] scoresNegative) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("duplicate curve name '" + name + "'");
        }
        curves.add(new Curve(name, RocCurve.of(scoresPositive, scoresNegative),
                ClassificationMetrics.auroc(scoresPositive, scoresNegative)));
        return this;
    }

    /**
     * Writes the chart as PNG, atomically.
     *
     * @param file the PNG file
     * @throws IllegalArgumentException if no curve was added
     */
    public void savePng(Path file) {
        if (curves.isEmpty()) {
            throw new IllegalArgumentException("ROC plot '" + title + "' has no curve");
        }
        XYChart chart = ChartFiles.newXyChart(title, "false positive rate", "true positive rate");
        ChartFiles.unitSquare(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        ChartFiles.addReference(chart, "chance (AUROC 0.5)", new double[] {0, 1}, new double[] {0, 1});
        for (int k = 0; k < curves.size(); k++) {
            Curve c = curves.get(k);
            XYSeries s = chart.addSeries(String.format(Locale.ROOT, "%s (AUROC %.3f)", c.name(), c.auroc()),
                    c.roc().falsePositiveRates(), c.roc().truePositiveRates());
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(ChartFiles.color(chart, k));
            s.setLineWidth(2f);
        }
        ChartFiles.savePng(chart, file);
    }
}
