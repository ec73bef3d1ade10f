package io.risbnn.cli;

import com.google.gson.JsonObject;
import io.risbnn.RisbnnException;
import io.risbnn.data.UciDataset;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.UciReference;
import io.risbnn.method.Methods;
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
 * one hidden ReLU layer (50 units, 100 for protein) — reporting RMSE and test log-likelihood as mean ±
 * standard error over splits beside the published VI, PBP and dropout. Training length: the protocol's
 * epochs, raised so that every split takes at least {@link #DEFAULT_MIN_STEPS} optimiser steps (a fixed
 * epoch count gives a 500-row set 20× fewer steps than a 10 000-row set, and underfits it).
 */
@Command(name = "uci", mixinStandardHelpOptions = true,
        description = {"Run the UCI regression protocol over splits; prints a table beside published results, writes DIR/uci.json and DIR/uci.md.",
                "Training length: epochs = max(the data set's protocol epochs, ceil(S / steps per epoch)) with S = --min-steps and "
                        + "steps per epoch = ceil(training rows / batch size); one rule for every data set. --epochs N overrides it.",
                "Started again with the same --out (before DIR/uci.json is written), a split that finished under the same command is "
                        + "kept and one that was interrupted continues from its checkpoint; --overwrite starts every split afresh."})
final class UciCommand implements Callable<Integer> {
    /** Default of --min-steps; chosen on validation rows carved from training splits (README, uci). */
    static final int DEFAULT_MIN_STEPS = 10000;

    /**
     * The prior of the variational rows when --prior is not given, N(0, 0.5²): chosen among σ = 0.5, 1, 2 on
     * validation rows carved from training splits (README, uci). MAP and the methods built on it keep
     * {@code train}'s N(0, 1) as their weight decay.
     */
    static final String DEFAULT_VI_PRIOR = "gaussian:0.5";

    @Option(names = "--dir", required = true, description = "Folder holding the UCI data sets (one sub-folder per data set).")
    Path dir;

    @Option(names = "--name", required = true, description = "Data set folder name, e.g. bostonHousing, concrete, power-plant.")
    String name;

    @Option(names = "--estimator", defaultValue = "ris", description = "mc-shared, lrt, analytic, quadrature or ris (VI), or map (MAP training; same as --method map). Default: ${DEFAULT-VALUE}")
    String estimator;

    @Option(names = "--splits", description = "Splits to run: 0-19, 0,3,7 or 5. Default: all of the data set's splits.")
    String splits;

    @Option(names = "--workers", defaultValue = "2", description = "Splits trained in parallel (child processes). Default: ${DEFAULT-VALUE}")
    int workers;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every split's run. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--min-steps", defaultValue = "" + DEFAULT_MIN_STEPS,
            description = "S: train each split for at least S optimiser steps (0: the protocol's epochs only). Ignored with --epochs. Default: ${DEFAULT-VALUE}")
    long minSteps;

    @Option(names = "--validation-fraction", defaultValue = "0",
            description = "Hold out this fraction of each training split (seeded by --seed and the split; never test rows) and report "
                    + "every epoch's metrics on it (val_* in the split's metrics.jsonl and uci.json); the model trains on the rest. Default: ${DEFAULT-VALUE}")
    double validationFraction;

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
        if (minSteps < 0) {
            throw new RisbnnException("--min-steps " + minSteps + ": expected an integer >= 0");
        }
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new RisbnnException("--validation-fraction " + validationFraction + ": expected a number in [0, 1)");
        }
        estimator = training.runName(estimator); // --method map runs "map" in every split
        Path folder = dir.resolve(name);
        UciDataset dataset = UciDataset.load(folder);
        List<Integer> chosen = parseSplits(splits, dataset.splitCount());
        Path outDir = output.prepare(Path.of("uci-" + name + "-" + estimator));
        // Validate the training options here once, so a bad option fails before any child starts.
        training.toConfig(estimator, seed, dataset.epochs(), 1);

        List<String> original = spec.commandLine().getParseResult().originalArgs();
        List<String> own = original.subList(original.indexOf(spec.name()) + 1, original.size());
        List<String> forwarded = ChildRuns.withoutOptions(own,
                List.of("--dir", "--name", "--splits", "--workers", "--out", "--estimator", "--method", "--min-steps", "--validation-fraction"),
                List.of("--overwrite", "--progress", "--no-progress"));
        String prior = training.prior;
        if (!Methods.isNonVi(estimator) && !spec.commandLine().getParseResult().hasMatchedOption("--prior")) {
            prior = DEFAULT_VI_PRIOR;
            forwarded = new ArrayList<>(forwarded);
            forwarded.addAll(List.of("--prior", prior));
        }
        List<UciSplitPlan.Step> steps = new ArrayList<>();
        Map<Integer, Length> lengths = new LinkedHashMap<>();
        for (int split : chosen) {
            Path runDir = outDir.resolve("split-" + split);
            int trainRows = dataset.split(split).train().length;
            int validation = validationRows(validationFraction, trainRows);
            Length length = training.epochs != null ? Length.of(training.epochs, trainRows - validation, training.batchSize)
                    : Length.rule(dataset.epochs(), minSteps, trainRows - validation, training.batchSize);
            lengths.put(split, length);
            List<String> fresh = childArgs(folder, split, estimator, runDir, forwarded,
                    training.epochs == null ? length.epochs() : null, validation);
            // every split is decided before any child starts: a split of another command is refused up front
            steps.add(UciSplitPlan.plan(split, runDir, fresh, runtime.threads != null ? runtime.threads.toString() : null,
                    output.overwrite));
        }
        Length first = lengths.get(chosen.get(0));
        System.out.printf("uci %s: %d epochs = %d steps per split (%s)%n", name, first.epochs(), first.steps(),
                training.epochs != null ? "--epochs" : "max(" + dataset.epochs() + " protocol epochs, --min-steps " + minSteps + ")");
        System.out.printf("uci %s: %d splits of %s with %s, %d workers%n", name, chosen.size(), folder, estimator, workers);
        List<ChildRuns.Child> children = new ArrayList<>();
        for (UciSplitPlan.Step step : steps) {
            Path runDir = outDir.resolve("split-" + step.split());
            Path log = outDir.resolve("logs").resolve("split-" + step.split() + ".log");
            switch (step.action()) {
                case KEEP -> System.out.printf("uci %s: split %d finished earlier under the same command, kept%n", name, step.split());
                case CONTINUE -> System.out.printf("uci %s: split %d continues from its checkpoint%n", name, step.split());
                case FRESH -> { }
            }
            UciSplitPlan.record(runDir, step);
            if (step.action() != UciSplitPlan.Action.KEEP) {
                children.add(new ChildRuns.Child(step.args(), log, step.action() == UciSplitPlan.Action.CONTINUE));
            }
        }
        long started = System.nanoTime();
        ChildRuns.runAll(children, workers);
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
            entry.put("epochs", lengths.get(split).epochs());
            entry.put("steps", lengths.get(split).steps());
            Map<String, Double> validation = lastValidationMetrics(outDir.resolve("split-" + split).resolve("metrics.jsonl"));
            if (!validation.isEmpty()) {
                entry.put("validation", validation);
                validation.forEach((k, v) -> metrics.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            }
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
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("protocol_epochs", dataset.epochs());
        run.put("min_steps", training.epochs != null ? null : minSteps);
        run.put("epochs_option", training.epochs);
        run.put("batch_size", training.batchSize);
        run.put("prior", prior);
        run.put("validation_fraction", validationFraction);
        run.put("heteroscedastic", model.heteroscedastic);
        run.put("seed", seed);
        json.put("run", run);
        json.put("aggregate", aggregate);
        json.put("per_split", perSplit);
        json.put("wall_seconds", wall);
        json.put("reference", UciReference.forFolder(name));
        json.put("reference_source", UciReference.source());
        AtomicFiles.writeString(outDir.resolve("uci.json"), Json.toJson(json));
        String table = table(metrics, objective);
        String setting = String.format("%d epochs = %d steps per split (%s), batch %d, prior %s%s%s.", first.epochs(),
                first.steps(), training.epochs != null ? "--epochs" : "max(protocol " + dataset.epochs() + " epochs, min steps "
                        + minSteps + ")", training.batchSize, prior, model.heteroscedastic ? ", heteroscedastic" : "",
                validationFraction > 0 ? ", " + validationFraction + " of each training split held out for validation" : "");
        AtomicFiles.writeString(outDir.resolve("uci.md"), "# UCI " + name + ", " + estimator + "\n\nMean ± standard error over "
                + chosen.size() + " splits. " + setting + " Reference: " + UciReference.source() + ".\n\n" + table + "\n");
        System.out.println(table);
        System.out.printf("wall time %.0fs; wrote %s and %s%n", wall, outDir.resolve("uci.json"), outDir.resolve("uci.md"));
        return 0;
    }

    private String table(Map<String, List<Double>> metrics, String objective) {
        MarkdownTable t = new MarkdownTable("method", "RMSE", "test LL");
        // one row per predictive the method reported: its sampled networks, then its deterministic ones
        for (String key : metrics.keySet()) {
            if (key.startsWith("rmse_")) {
                String predictive = key.substring("rmse_".length());
                t.addRow("risbnn " + estimator + " (" + objective + ", " + PREDICTIVE_LABELS.getOrDefault(predictive,
                        predictive + " predictive") + ")", cell(metrics.get(key)), cell(metrics.get("test_ll_" + predictive)));
            }
        }
        if (metrics.containsKey(RegressionRun.VALIDATION_PREFIX + "rmse_sampled")) {
            t.addRow("risbnn " + estimator + " (" + objective + ", sampled predictive), validation rows",
                    cell(metrics.get(RegressionRun.VALIDATION_PREFIX + "rmse_sampled")),
                    cell(metrics.get(RegressionRun.VALIDATION_PREFIX + "test_ll_sampled")));
        }
        UciReference.Row ref = UciReference.forFolder(name);
        if (ref != null) {
            addReference(t, "VI (Graves 2011)", ref.vi());
            addReference(t, "PBP", ref.pbp());
            addReference(t, "MC dropout", ref.dropout());
        }
        return t.render();
    }

    /** How the predictives' result suffixes read in the table. */
    private static final Map<String, String> PREDICTIVE_LABELS = Map.of(
            "sampled", "sampled predictive",
            "moment", "first-moment prediction",
            "meanvar", "mean–variance predictive",
            "glm", "linearised (GLM) predictive",
            "swa", "SWA mean network",
            "mean-net", "mean network, dropout off",
            "gaussian", "moment-matched Gaussian of the mixture");

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

    /**
     * One split's training length.
     *
     * @param epochs passes over the training rows
     * @param steps optimiser steps they take
     */
    record Length(int epochs, long steps) {
        static Length of(int epochs, int trainRows, int batchSize) {
            return new Length(epochs, epochs * stepsPerEpoch(trainRows, batchSize));
        }

        /** max(protocol epochs, ceil(minSteps / steps per epoch)) epochs. */
        static Length rule(int protocolEpochs, long minSteps, int trainRows, int batchSize) {
            long perEpoch = stepsPerEpoch(trainRows, batchSize);
            long needed = (minSteps + perEpoch - 1) / perEpoch;
            if (needed > Integer.MAX_VALUE) {
                throw new RisbnnException("--min-steps " + minSteps + ": needs more than " + Integer.MAX_VALUE + " epochs");
            }
            return of((int) Math.max(protocolEpochs, needed), trainRows, batchSize);
        }

        private static long stepsPerEpoch(int trainRows, int batchSize) {
            return Math.max(1, (trainRows + (long) batchSize - 1) / Math.max(1, batchSize));
        }
    }

    /** round(fraction × training rows), at least 1 when the fraction is positive. */
    static int validationRows(double fraction, int trainRows) {
        return fraction == 0 ? 0 : (int) Math.max(1, Math.round(fraction * trainRows));
    }

    /**
     * The child {@code train} command of one split; {@code epochs} null leaves the forwarded options' own. Its
     * stderr is the split's log, not a terminal, so the log gets one progress line per epoch.
     */
    static List<String> childArgs(Path folder, int split, String estimator, Path runDir, List<String> forwarded, Integer epochs,
                                  int validation) {
        List<String> args = new ArrayList<>(List.of("train", "--data", "uci:" + folder, "--split", Integer.toString(split),
                "--estimator", estimator, "--out", runDir.toString(), "--overwrite"));
        if (epochs != null) {
            args.addAll(List.of("--epochs", epochs.toString()));
        }
        if (validation > 0) {
            args.addAll(List.of("--validation", Integer.toString(validation)));
        }
        args.addAll(forwarded);
        return args;
    }

    /** The val_* metrics of the last epoch line of a split's metrics.jsonl (empty without validation rows). */
    private static Map<String, Double> lastValidationMetrics(Path metricsFile) {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(metricsFile);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    JsonObject last = com.google.gson.JsonParser.parseString(lines.get(i)).getAsJsonObject();
                    for (String key : last.keySet()) {
                        if (key.startsWith(RegressionRun.VALIDATION_PREFIX) && last.get(key).isJsonPrimitive()) {
                            out.put(key, last.get(key).getAsDouble());
                        }
                    }
                    break;
                }
            }
        } catch (java.io.IOException e) {
            throw new RisbnnException("cannot read " + metricsFile + ": " + e.getMessage());
        }
        return out;
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
