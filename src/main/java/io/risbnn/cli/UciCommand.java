package io.risbnn.cli;

import com.google.gson.JsonObject;
import io.risbnn.RisbnnException;
import io.risbnn.data.UciDataset;
import io.risbnn.experiment.UciReference;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.report.MarkdownTable;
import io.risbnn.report.Stats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code risbnn uci}: the standard UCI protocol (Hernández-Lobato & Adams 2015) on the given splits —
 * one hidden ReLU layer (50 units, 100 for protein), the data set's epochs (40) — reporting RMSE and
 * test log-likelihood as mean ± standard error over splits beside the published VI, PBP and dropout.
 */
@Command(name = "uci", mixinStandardHelpOptions = true,
        description = "Run the UCI regression protocol over splits; prints a table beside published results, writes DIR/uci.json and DIR/uci.md.")
final class UciCommand implements Callable<Integer> {
    @Option(names = "--dir", required = true, description = "Folder holding the UCI data sets (one sub-folder per data set).")
    Path dir;

    @Option(names = "--name", required = true, description = "Data set folder name, e.g. bostonHousing, concrete, power-plant.")
    String name;

    @Option(names = "--estimator", defaultValue = "ris", description = "mc-shared, lrt, analytic or ris. Default: ${DEFAULT-VALUE}")
    String estimator;

    @Option(names = "--splits", description = "Splits to run: 0-19, 0,3,7 or 5. Default: all of the data set's splits.")
    String splits;

    @Option(names = "--workers", defaultValue = "2", description = "Splits trained in parallel (child processes). Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every split's run. Default: ${DEFAULT-VALUE}")
    long seed;

    @Mixin
    OutputOptions output;

    @Mixin
    TrainingOptions training;

    @Mixin
    ModelOptions model;

    @Mixin
    RuntimeOptions runtime;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        model.validate();
        if (workers < 1) {
            throw new RisbnnException("--workers " + workers + ": expected an integer >= 1");
        }
        Path folder = dir.resolve(name);
        UciDataset dataset = UciDataset.load(folder);
        List<Integer> chosen = parseSplits(splits, dataset.splitCount());
        Path outDir = output.prepare(Path.of("uci-" + name + "-" + estimator));
        // Validate the training options here once, so a bad option fails before any child starts.
        training.toConfig(estimator, seed, dataset.epochs(), 1);

        List<String> original = spec.commandLine().getParseResult().originalArgs();
        List<String> own = original.subList(original.indexOf(spec.name()) + 1, original.size());
        List<String> forwarded = ChildRuns.withoutOptions(own,
                List.of("--dir", "--name", "--splits", "--workers", "--out", "--estimator"), List.of("--overwrite", "--progress", "--no-progress"));
        List<List<String>> runs = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int split : chosen) {
            Path runDir = outDir.resolve("split-" + split);
            List<String> args = new ArrayList<>(List.of("train", "--data", "uci:" + folder, "--split", Integer.toString(split),
                    "--estimator", estimator, "--out", runDir.toString(), "--overwrite", "--no-progress"));
            args.addAll(forwarded);
            runs.add(args);
            logs.add(outDir.resolve("logs").resolve("split-" + split + ".log"));
        }
        System.out.printf("uci %s: %d splits of %s with %s, %d workers%n", name, chosen.size(), folder, estimator, workers);
        long started = System.nanoTime();
        ChildRuns.runAll(runs, logs, workers);
        double wall = (System.nanoTime() - started) / 1e9;

        Map<String, List<Double>> metrics = new LinkedHashMap<>();
        List<Map<String, Object>> perSplit = new ArrayList<>();
        String objective = null;
        for (int split : chosen) {
            JsonObject summary = Json.parseObject(outDir.resolve("split-" + split).resolve("summary.json"));
            objective = summary.get("objective").getAsString();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("split", split);
            JsonObject m = summary.getAsJsonObject("metrics");
            Map<String, Double> values = new LinkedHashMap<>();
            for (String key : m.keySet()) {
                values.put(key, m.get(key).getAsDouble());
                metrics.computeIfAbsent(key, k -> new ArrayList<>()).add(m.get(key).getAsDouble());
            }
            double seconds = summary.get("seconds").getAsDouble();
            metrics.computeIfAbsent("train_seconds", k -> new ArrayList<>()).add(seconds);
            entry.put("metrics", values);
            entry.put("train_seconds", seconds);
            perSplit.add(entry);
        }
        Map<String, Object> aggregate = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            Stats.MeanSe ms = Stats.MeanSe.of(v.stream().mapToDouble(Double::doubleValue).toArray());
            aggregate.put(k, Map.of("mean", ms.mean(), "se", ms.se()));
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dataset", name);
        json.put("estimator", estimator);
        json.put("objective", objective);
        json.put("splits", chosen);
        json.put("aggregate", aggregate);
        json.put("per_split", perSplit);
        json.put("wall_seconds", wall);
        json.put("reference", UciReference.forFolder(name));
        json.put("reference_source", UciReference.source());
        AtomicFiles.writeString(outDir.resolve("uci.json"), Json.toJson(json));
        String table = table(metrics, objective);
        AtomicFiles.writeString(outDir.resolve("uci.md"), "# UCI " + name + ", " + estimator + "\n\nMean ± standard error over "
                + chosen.size() + " splits. Reference: " + UciReference.source() + ".\n\n" + table + "\n");
        System.out.println(table);
        System.out.printf("wall time %.0fs; wrote %s and %s%n", wall, outDir.resolve("uci.json"), outDir.resolve("uci.md"));
        return 0;
    }

    private String table(Map<String, List<Double>> metrics, String objective) {
        MarkdownTable t = new MarkdownTable("method", "RMSE", "test LL");
        t.addRow("risbnn " + estimator + " (" + objective + ", sampled predictive)", cell(metrics.get("rmse_sampled")),
                cell(metrics.get("test_ll_sampled")));
        t.addRow("risbnn " + estimator + " (" + objective + ", first-moment prediction)", cell(metrics.get("rmse_moment")),
                cell(metrics.get("test_ll_moment")));
        UciReference.Row ref = UciReference.forFolder(name);
        if (ref != null) {
            addReference(t, "VI (Graves 2011)", ref.vi());
            addReference(t, "PBP", ref.pbp());
            addReference(t, "MC dropout", ref.dropout());
        }
        return t.render();
    }

    private static void addReference(MarkdownTable t, String label, UciReference.Entry e) {
        t.addRow(label + " [published]", MarkdownTable.meanSe(e.rmse(), e.rmseSe(), 2), MarkdownTable.meanSe(e.ll(), e.llSe(), 2));
    }

    private static String cell(List<Double> values) {
        if (values == null) {
            return "–";
        }
        Stats.MeanSe ms = Stats.MeanSe.of(values.stream().mapToDouble(Double::doubleValue).toArray());
        return MarkdownTable.meanSe(ms.mean(), ms.se(), 3);
    }

    static List<Integer> parseSplits(String text, int count) {
        TreeSet<Integer> out = new TreeSet<>();
        if (text == null) {
            for (int i = 0; i < count; i++) {
                out.add(i);
            }
            return new ArrayList<>(out);
        }
        try {
            for (String part : text.split(",")) {
                String p = part.trim();
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                if (from < 0 || to >= count || from > to) {
                    throw new NumberFormatException();
                }
                for (int i = from; i <= to; i++) {
                    out.add(i);
                }
            }
        } catch (NumberFormatException e) {
            throw new RisbnnException("--splits '" + text + "': expected split indices in 0-" + (count - 1) + " like 0-19, 0,3,7 or 5");
        }
        return new ArrayList<>(out);
    }
}
