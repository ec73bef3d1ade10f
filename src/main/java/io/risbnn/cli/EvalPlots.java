package io.risbnn.cli;

import io.risbnn.eval.metrics.IntervalCoverage;
import io.risbnn.predict.RegressionPredictive;
import io.risbnn.report.CoveragePlot;
import io.risbnn.report.PredictedVsTruePlot;
import io.risbnn.report.PredictiveBandPlot;
import io.risbnn.report.ReliabilityPlot;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of {@code eval}, beside eval.json: for regression, predictions with their 95 % interval
 * against the truth (and against x for one-feature data) and the observed coverage of central intervals
 * at every level; for classification, the reliability diagram. Every predictive the run has (sampled,
 * and the method's own) is drawn on the same figure, so a disagreement shows.
 */
final class EvalPlots {
    static final double LEVEL = 0.95;

    private EvalPlots() {}

    /**
     * @param byLevel [predictive][level] at {@link IntervalCoverage#standardLevels()}
     * @param x the one feature of one-feature data, else null
     */
    static void regression(Path dir, String title, String target, double[] truth, double[] x,
                                                       List<List<RegressionPredictive>> byLevel, List<Path> written) {
        double[] levels = IntervalCoverage.standardLevels();
        PredictedVsTruePlot scatter = new PredictedVsTruePlot(title + ": test predictions, 95 % intervals", target, truth);
        PredictiveBandPlot band = x == null ? null : new PredictiveBandPlot(title + ": predictive band (95 %)", "x", target, x, truth);
        CoveragePlot coverage = new CoveragePlot(title + ": central-interval coverage on the test rows").optSampleSize(truth.length);
        for (List<RegressionPredictive> predictive : byLevel) {
            String name = predictive.get(0).name();
            RegressionPredictive at95 = predictive.get(indexOf(levels, LEVEL));
            scatter.addInterval(name, at95.mean(), at95.lower(), at95.upper(), "95 % interval");
            if (band != null) {
                band.addInterval(name, at95.mean(), at95.lower(), at95.upper(), "95 % interval");
            }
            double[] fractions = new double[levels.length];
            for (int l = 0; l < levels.length; l++) {
                RegressionPredictive p = predictive.get(l);
                fractions[l] = IntervalCoverage.ofBounds(truth, p.lower(), p.upper());
            }
            coverage.addSeries(name, levels, fractions);
        }
        save(scatter::savePng, dir.resolve("eval-predictions.png"), written);
        if (band != null) {
            save(band::savePng, dir.resolve("eval-band.png"), written);
        }
        save(coverage::savePng, dir.resolve("eval-coverage.png"), written);
    }

    /** Observed coverage per predictive and level (keys "0.05".."0.95"). */
    static Map<String, Map<String, Double>> regressionCoverage(List<List<RegressionPredictive>> byLevel, double[] truth) {
        double[] levels = IntervalCoverage.standardLevels();
        Map<String, Map<String, Double>> observed = new LinkedHashMap<>();
        for (List<RegressionPredictive> predictive : byLevel) {
            Map<String, Double> row = new LinkedHashMap<>();
            for (int l = 0; l < levels.length; l++) {
                RegressionPredictive p = predictive.get(l);
                row.put(String.format(Locale.ROOT, "%.2f", levels[l]), IntervalCoverage.ofBounds(truth, p.lower(), p.upper()));
            }
            observed.put(predictive.get(0).name(), row);
        }
        return observed;
    }

    /** @param predictives probabilities [N][C] by predictive name */
    static void classification(Path dir, String title, Map<String, double[][]> predictives, int[] labels, List<Path> written) {
        ReliabilityPlot plot = new ReliabilityPlot(title + ": reliability (test)");
        predictives.forEach((name, p) -> plot.add(name, p, labels));
        save(plot::savePng, dir.resolve("eval-reliability.png"), written);
    }

    private interface Saver {
        void save(Path file);
    }

    private static void save(Saver saver, Path file, List<Path> written) {
        saver.save(file);
        written.add(file);
    }

    private static int indexOf(double[] levels, double level) {
        for (int i = 0; i < levels.length; i++) {
            if (Math.abs(levels[i] - level) < 1e-9) {
                return i;
            }
        }
        throw new IllegalArgumentException("level " + level + " is not among the standard levels");
    }

    /** The paths as one "wrote" list. */
    static String list(List<Path> written) {
        List<String> names = new ArrayList<>();
        written.forEach(p -> names.add(p.toString()));
        return String.join(", ", names);
    }
}
