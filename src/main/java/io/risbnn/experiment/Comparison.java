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

/**
 * Collects the outcomes of a comparison and writes summary.json (mean and standard error over
 * seeds of every metric and of the training time, per estimator), summary.md and trace.png (the
 * training loss of the first seed, one line per estimator: the poster's Figure 1).
 */
public final class Comparison {
    private final Map<String, List<RunOutcome>> byEstimator = new LinkedHashMap<>();

    public void add(RunOutcome outcome) {
        byEstimator.computeIfAbsent(outcome.estimator(), k -> new ArrayList<>()).add(outcome);
    }

    /** {"results":[{"estimator","objective","runs","metrics":{name:{mean,se}},"seconds":{mean,se}}]} */
    public Map<String, Object> summary(String description) {
        List<Map<String, Object>> results = new ArrayList<>();
        byEstimator.forEach((estimator, runs) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("estimator", estimator);
            entry.put("objective", runs.get(0).objective());
            entry.put("runs", runs.size());
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (String name : metricNames(runs)) {
                metrics.put(name, meanSe(runs.stream().mapToDouble(r -> r.metrics().getOrDefault(name, Double.NaN)).toArray()));
            }
            entry.put("metrics", metrics);
            entry.put("seconds", meanSe(runs.stream().mapToDouble(RunOutcome::trainSeconds).toArray()));
            entry.put("seconds_per_epoch", meanSe(runs.stream()
                    .mapToDouble(r -> r.trainSeconds() / r.history().size()).toArray()));
            results.add(entry);
        });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("description", description);
        summary.put("results", results);
        return summary;
    }

    public String markdown() {
        List<String> names = new ArrayList<>();
        byEstimator.values().forEach(runs -> names.addAll(metricNames(runs)));
        List<String> columns = new ArrayList<>(new LinkedHashSet<>(names));
        List<String> headers = new ArrayList<>(List.of("estimator", "objective", "runs"));
        headers.addAll(columns);
        headers.add("train s");
        MarkdownTable table = new MarkdownTable(headers.toArray(String[]::new));
        byEstimator.forEach((estimator, runs) -> {
            List<String> row = new ArrayList<>(List.of(estimator, runs.get(0).objective(), Integer.toString(runs.size())));
            for (String name : columns) {
                Stats.MeanSe ms = Stats.MeanSe.of(runs.stream().mapToDouble(r -> r.metrics().getOrDefault(name, Double.NaN)).toArray());
                row.add(MarkdownTable.meanSe(ms.mean(), ms.se(), 3));
            }
            Stats.MeanSe secs = Stats.MeanSe.of(runs.stream().mapToDouble(RunOutcome::trainSeconds).toArray());
            row.add(MarkdownTable.meanSe(secs.mean(), secs.se(), 1));
            table.addRow(row.toArray(String[]::new));
        });
        return table.render();
    }

    public void write(Path dir, String traceTitle, String description) {
        AtomicFiles.writeString(dir.resolve("summary.json"), Json.toJson(summary(description)));
        AtomicFiles.writeString(dir.resolve("summary.md"), "# risbnn compare\n\n" + description
                + "\n\nMean ± standard error over seeds (seed k trains and tests on split k).\n\n" + markdown() + "\n");
        tracePlot(traceTitle, "training loss (NLL + KL term)", RunOutcome::stepLosses).savePng(dir.resolve("trace.png"));
        // the KL term is a smooth function of (μ, ρ) that often dwarfs the NLL; the NLL part shows the estimators apart
        tracePlot(traceTitle.replace("Training loss", "Training NLL"), "training NLL per example (loss without the KL term)",
                RunOutcome::stepNlls).savePng(dir.resolve("trace-nll.png"));
    }

    /** One line per estimator: a per-step trace of its first run (the same seed and data order for all). */
    private LinePlot tracePlot(String title, String yLabel, java.util.function.Function<RunOutcome, List<Double>> trace) {
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

    private static Set<String> metricNames(List<RunOutcome> runs) {
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
