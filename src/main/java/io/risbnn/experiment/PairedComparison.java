package io.risbnn.experiment;

import io.risbnn.report.MetricDirection;
import io.risbnn.report.PairedTest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One estimator against the baseline, seed by seed (seed k of both ran on split k): a paired t-test of
 * every metric both report, and of the training time ({@value #SECONDS}).
 */
final class PairedComparison {
    static final String SECONDS = "seconds";

    private final String estimator;
    private final String baseline;
    private final String estimatorObjective;
    private final String baselineObjective;
    private final double alpha;
    private final int pairs;
    private final Map<String, PairedTest.Result> tests = new LinkedHashMap<>();

    /** Pairs the runs by seed; seeds only one side has are left out. */
    PairedComparison(List<CompareRun> runs, List<CompareRun> baselineRuns, double alpha) {
        this.estimator = runs.get(0).estimator();
        this.baseline = baselineRuns.get(0).estimator();
        this.estimatorObjective = runs.get(0).objective();
        this.baselineObjective = baselineRuns.get(0).objective();
        this.alpha = alpha;
        List<CompareRun[]> paired = new ArrayList<>();
        for (CompareRun b : baselineRuns) {
            runs.stream().filter(r -> r.seed() == b.seed()).findFirst().ifPresent(r -> paired.add(new CompareRun[] {r, b}));
        }
        this.pairs = paired.size();
        if (paired.isEmpty()) {
            return;
        }
        Set<String> metrics = new LinkedHashSet<>(runs.get(0).metrics().keySet());
        metrics.retainAll(baselineRuns.get(0).metrics().keySet());
        for (String metric : metrics) {
            tests.put(metric, test(paired, run -> run.metrics().getOrDefault(metric, Double.NaN)));
        }
        tests.put(SECONDS, test(paired, CompareRun::trainSeconds));
    }

    private static PairedTest.Result test(List<CompareRun[]> paired, java.util.function.ToDoubleFunction<CompareRun> value) {
        double[] mine = paired.stream().mapToDouble(p -> value.applyAsDouble(p[0])).toArray();
        double[] theirs = paired.stream().mapToDouble(p -> value.applyAsDouble(p[1])).toArray();
        return PairedTest.of(mine, theirs);
    }

    String estimator() {
        return estimator;
    }

    /** {"baseline","alpha","pairs","metrics":{name:{diff_mean,diff_se,t,df,p,verdict}}}; t and p only when defined. */
    Map<String, Object> toJson() {
        Map<String, Object> metrics = new LinkedHashMap<>();
        tests.forEach((metric, r) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("diff_mean", r.diffMean());
            m.put("diff_se", r.diffSe());
            if (r.testable()) {
                m.put("t", r.t());
            }
            m.put("df", r.df());
            if (r.testable()) {
                m.put("p", r.p());
            }
            String verdict = r.verdict(MetricDirection.of(metric), alpha);
            if (verdict != null) {
                m.put("verdict", verdict);
            }
            metrics.put(metric, m);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("baseline", baseline);
        json.put("alpha", alpha);
        json.put("pairs", pairs);
        json.put("metrics", metrics);
        return json;
    }

    /**
     * The metrics to show, each quantity once: a suffixed key is left out when both estimators train that
     * predictive, because its difference is then the one of the unsuffixed key.
     */
    List<String> shownMetrics() {
        List<String> shown = new ArrayList<>();
        for (String metric : tests.keySet()) {
            String suffix = MetricAliases.suffixOf(metric);
            boolean repeated = suffix != null && MetricAliases.isOwn(metric, estimatorObjective)
                    && MetricAliases.isOwn(metric, baselineObjective)
                    && tests.keySet().stream().anyMatch(k -> metric.equals(
                            MetricAliases.aliasTarget(k, estimatorObjective, tests.keySet())));
            if (!repeated) {
                shown.add(metric);
            }
        }
        return shown;
    }

    /** "-0.120 ± 0.050" (training time with one decimal). */
    String difference(String metric) {
        PairedTest.Result r = tests.get(metric);
        String digits = metric.equals(SECONDS) ? "1" : "3";
        return String.format(Locale.ROOT, "%+." + digits + "f ± %." + digits + "f", r.diffMean(), r.diffSe());
    }

    /** "0.040", "<0.001" or "n/a". */
    String p(String metric) {
        PairedTest.Result r = tests.get(metric);
        if (!r.testable()) {
            return "n/a";
        }
        return r.p() < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", r.p());
    }

    /** The verdict, or "" for a metric without a direction. */
    String verdict(String metric) {
        String v = tests.get(metric).verdict(MetricDirection.of(metric), alpha);
        return v == null ? "" : v;
    }

    /**
     * "ris vs mc-shared: rmse -0.120 ± 0.050 (p=0.040, better), …" over the unsuffixed metrics (each
     * estimator's own predictive) and the training time.
     */
    String line() {
        List<String> parts = new ArrayList<>();
        for (String metric : tests.keySet()) {
            if (MetricAliases.suffixOf(metric) == null) {
                String verdict = verdict(metric);
                parts.add(metric + " " + difference(metric) + " (p=" + p(metric) + (verdict.isEmpty() ? "" : ", " + verdict) + ")");
            }
        }
        return estimator + " vs " + baseline + ": " + String.join(", ", parts);
    }
}
