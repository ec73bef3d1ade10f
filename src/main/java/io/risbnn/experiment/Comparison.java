package io.risbnn.experiment;

import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.report.LinePlot;
import io.risbnn.report.MarkdownTable;
import io.risbnn.report.Stats;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Collects the runs of a comparison and writes summary.json (per estimator: mean and standard error over
 * seeds of every metric and of the training time, the per-seed metrics, and the paired tests against the
 * baseline), summary.md (the same as two tables) and the training-loss traces of the first seed, one
 * line per estimator (the poster's Figure 1).
 */
public final class Comparison {
    private final String baseline;
    private final double alpha;
    private final Map<String, List<CompareRun>> byEstimator = new LinkedHashMap<>();

    /**
     * An empty comparison.
     *
     * @param baseline the estimator the others are tested against
     * @param alpha the level of those tests, e.g. 0.05
     */
    public Comparison(String baseline, double alpha) {
        this.baseline = baseline;
        this.alpha = alpha;
    }

    /**
     * Adds one finished run, grouped under its estimator (in the order estimators first appear).
     *
     * @param run the run
     */
    public void add(CompareRun run) {
        byEstimator.computeIfAbsent(run.estimator(), k -> new ArrayList<>()).add(run);
    }

    /** Every non-baseline estimator against the baseline, in order (none if the baseline has no runs). */
    private List<PairedComparison> paired() {
        List<CompareRun> base = byEstimator.get(baseline);
        List<PairedComparison> out = new ArrayList<>();
        if (base != null) {
            byEstimator.forEach((estimator, runs) -> {
                if (!estimator.equals(baseline)) {
                    out.add(new PairedComparison(runs, base, alpha));
                }
            });
        }
        return out;
    }

    /**
     * {"description","baseline","results":[{"estimator","objective","runs","metrics":{name:{mean,se}},
     * "seconds":{mean,se},"seconds_per_epoch":{mean,se},"per_seed":[{seed,split,metrics}],"paired":{…}}]};
     * the baseline's entry has no "paired".
     *
     * @param description a line describing the compare (data, configuration)
     * @return the summary, as summary.json holds it
     */
    public Map<String, Object> summary(String description) {
        Map<String, PairedComparison> paired = new LinkedHashMap<>();
        paired().forEach(p -> paired.put(p.estimator(), p));
        List<Map<String, Object>> results = new ArrayList<>();
        byEstimator.forEach((estimator, runs) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("estimator", estimator);
            entry.put("objective", runs.get(0).objective());
            entry.put("runs", runs.size());
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (String name : metricNames(runs)) {
                metrics.put(name, meanSe(values(runs, name)));
            }
            entry.put("metrics", metrics);
            entry.put("seconds", meanSe(runs.stream().mapToDouble(CompareRun::trainSeconds).toArray()));
            entry.put("seconds_per_epoch", meanSe(runs.stream().mapToDouble(r -> r.trainSeconds() / r.epochs()).toArray()));
            List<Map<String, Object>> perSeed = new ArrayList<>();
            for (CompareRun r : runs) {
                Map<String, Object> seed = new LinkedHashMap<>();
                seed.put("seed", r.seed());
                seed.put("split", r.split());
                seed.put("metrics", r.metrics());
                perSeed.add(seed);
            }
            entry.put("per_seed", perSeed);
            if (paired.containsKey(estimator)) {
                entry.put("paired", paired.get(estimator).toJson());
            }
            results.add(entry);
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("description", description);
        summary.put("baseline", baseline);
        summary.put("results", results);
        return summary;
    }

    /**
     * Mean ± se per estimator, each quantity once: the unsuffixed keys that repeat the estimator's own
     * predictive are left out and that predictive's cells are marked with *.
     *
     * @return a Markdown table, one row per estimator
     */
    public String markdown() {
        // the estimator reporting the most predictives first, so a predictive's columns stay side by side
        List<List<CompareRun>> widestFirst = new ArrayList<>(byEstimator.values());
        widestFirst.sort((a, b) -> metricNames(b).size() - metricNames(a).size());
        Set<String> columns = new LinkedHashSet<>();
        widestFirst.forEach(runs -> {
            Set<String> keys = metricNames(runs);
            keys.stream().filter(k -> MetricAliases.aliasTarget(k, runs.get(0).objective(), keys) == null).forEach(columns::add);
        });
        List<String> headers = new ArrayList<>(List.of("estimator", "objective", "runs"));
        headers.addAll(columns);
        headers.add("train s");
        MarkdownTable table = new MarkdownTable(headers.toArray(String[]::new));
        byEstimator.forEach((estimator, runs) -> {
            String objective = runs.get(0).objective();
            List<String> row = new ArrayList<>(List.of(estimator, objective, Integer.toString(runs.size())));
            for (String name : columns) {
                if (!runs.get(0).metrics().containsKey(name)) {
                    row.add("—");
                    continue;
                }
                Stats.MeanSe ms = Stats.MeanSe.of(values(runs, name));
                row.add(ms.format(3) + (MetricAliases.suffixOf(name) != null && MetricAliases.isOwn(name, objective) ? "*" : ""));
            }
            row.add(Stats.MeanSe.of(runs.stream().mapToDouble(CompareRun::trainSeconds).toArray()).format(1));
            table.addRow(row.toArray(String[]::new));
        });
        return table.render();
    }

    /**
     * The paired differences against the baseline, one row per (estimator, metric): difference, p-value, verdict.
     *
     * @return a Markdown table, or the empty string without a second estimator
     */
    public String pairedMarkdown() {
        MarkdownTable table = new MarkdownTable("estimator", "metric", "difference", "p", "verdict");
        List<PairedComparison> paired = paired();
        for (PairedComparison p : paired) {
            for (String metric : p.shownMetrics()) {
                table.addRow(p.estimator(), metric, p.difference(metric), p.p(metric), p.verdict(metric));
            }
        }
        return paired.isEmpty() ? "" : table.render();
    }

    /**
     * The paired verdicts in one line per non-baseline estimator, for the console.
     *
     * @return lines such as "ris vs mc-shared: rmse -0.120 ± 0.050 (p=0.040, better), …"
     */
    public List<String> verdictLines() {
        return paired().stream().map(PairedComparison::line).toList();
    }

    /**
     * Writes the comparison's results into {@code dir}: summary.json, summary.md, and the first seed's training
     * traces, trace.png (loss) and trace-nll.png (its NLL part).
     *
     * @param dir the compare's output directory
     * @param traceTitle the title of trace.png (its "Training loss" becomes "Training NLL" for trace-nll.png)
     * @param description a line describing the compare, heading the summaries
     */
    public void write(Path dir, String traceTitle, String description) {
        AtomicFiles.writeString(dir.resolve("summary.json"), Json.toJson(summary(description)));
        AtomicFiles.writeString(dir.resolve("summary.md"), summaryMarkdown(description));
        tracePlot(traceTitle, "training loss (NLL + KL term)", CompareRun::stepLosses).savePng(dir.resolve("trace.png"));
        // the KL term is a smooth function of (μ, ρ) that often dwarfs the NLL; the NLL part shows the estimators apart
        tracePlot(traceTitle.replace("Training loss", "Training NLL"), "training NLL per example (loss without the KL term)",
                CompareRun::stepNlls).savePng(dir.resolve("trace-nll.png"));
    }

    String summaryMarkdown(String description) {
        StringBuilder md = new StringBuilder("# risbnn compare\n\n").append(description).append("\n\n")
                .append("Mean ± standard error over seeds (seed k trains and tests on split k). Each predictive appears "
                        + "once: `_sampled` is the posterior predictive of sampled networks, `_moment` first-moment "
                        + "propagation, `_meanvar` mean–variance propagation; * marks the predictive the estimator was "
                        + "trained for, which summary.json repeats under the unsuffixed keys (rmse, test_ll, accuracy, "
                        + "test_nll, …).\n\n")
                .append(markdown()).append('\n');
        String paired = pairedMarkdown();
        if (!paired.isEmpty()) {
            md.append("\n## Paired differences against ").append(baseline).append("\n\n")
                    .append("Per seed, estimator − ").append(baseline).append(" on the same split; mean ± standard error "
                            + "of the differences and the two-sided paired t-test (n − 1 degrees of freedom). Verdict at "
                            + "level ").append(alpha).append(" by the metric's direction (lower is better for rmse, nll, "
                            + "ece, brier and seconds, the training time; higher for test_ll, accuracy, auroc); metrics "
                            + "without a direction get none, n/a means untestable (one seed, or equal differences). "
                            + "Unsuffixed metrics compare each estimator's own predictive (* above); a predictive both "
                            + "estimators train is listed under its unsuffixed name only.\n\n")
                    .append(paired).append('\n');
        }
        return md.toString();
    }

    /** One line per estimator: a per-step trace of its first run (the same seed and data order for all). */
    private LinePlot tracePlot(String title, String yLabel, Function<CompareRun, List<Double>> trace) {
        LinePlot plot = new LinePlot(title, "step", yLabel);
        byEstimator.forEach((estimator, runs) -> {
            List<Double> values = trace.apply(runs.get(0));
            double[] x = new double[values.size()];
            double[] y = new double[values.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
                y[i] = values.get(i);
            }
            plot.addSeries(estimator, x, y);
        });
        return plot;
    }

    private static double[] values(List<CompareRun> runs, String metric) {
        return runs.stream().mapToDouble(r -> r.metrics().getOrDefault(metric, Double.NaN)).toArray();
    }

    private static Set<String> metricNames(List<CompareRun> runs) {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.metrics().keySet()));
        return names;
    }

    private static Map<String, Double> meanSe(double[] values) {
        Stats.MeanSe ms = Stats.MeanSe.of(values);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean", ms.mean());
        m.put("se", ms.se());
        return m;
    }
}
