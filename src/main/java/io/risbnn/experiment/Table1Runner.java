package io.risbnn.experiment;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.risbnn.RisbnnException;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.report.MarkdownTable;
import io.risbnn.report.Stats;
import io.risbnn.train.Checkpoint;
import io.risbnn.train.EpochMetrics;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs every (row, seed) of a {@link Table1.Protocol} and writes, after each finished run,
 * {@code DIR/table1.md} and {@code DIR/table1.json}. Per run: {@code DIR/runs/ROW-seedK.jsonl} (epoch log),
 * {@code DIR/runs/ROW-seedK.json} (its result and the protocol it ran under) and
 * {@code DIR/runs/ROW-seedK/model/checkpoint.risbnn} (written every epoch).
 *
 * <p>Restarting with the same directory reuses every run whose {@code ROW-seedK.json} was written under
 * the same run protocol, continues an unfinished run from its last checkpoint, and refuses (unless
 * {@code overwrite}) a directory whose finished runs used a different protocol, so finished results are
 * never overwritten by accident.
 */
public final class Table1Runner {
    private final Table1.Protocol protocol;
    private final Path dir;
    private final boolean overwrite;
    private final boolean progress;
    private final PrintStream out;
    private final Trainer trainer;
    private ClassificationRun.Data data;

    /**
     * How one (row, seed) run is trained and continued. The {@code table1} command trains through the library
     * facade ({@code io.risbnn.api.BayesianNetworks}), so a Table 1 run is a facade fit a user can repeat.
     */
    public interface Trainer {
        /**
         * Trains one run from scratch, checkpointing to {@code runDir/model/checkpoint.risbnn} at every epoch end.
         *
         * @param images the protocol's images, loaded once for every run
         * @param config the run's configuration
         * @param options the protocol's image run options
         * @param runDir the run's directory
         * @param listener receives each epoch's metrics
         * @return what the run measured
         */
        RunOutcome fresh(ClassificationRun.Data images, TrainConfig config, ClassificationRun.Options options, Path runDir,
                         BnnTrainer.EpochListener listener);

        /**
         * Continues the run checkpointed in {@code runDir} (checkpointing at epoch ends again).
         *
         * @param runDir the run's directory
         * @param listener receives the metrics of each epoch still to train
         * @return what the whole run measured
         */
        RunOutcome resume(Path runDir, BnnTrainer.EpochListener listener);
    }

    /** One finished (row, seed) run as stored in ROW-seedK.json. */
    public record Finished(String row, long seed, Map<String, Double> metrics, double trainSeconds, double wallSeconds,
                           int epochs) {}

    /**
     * A runner of one protocol into one directory; nothing is read or written until {@link #run()}.
     *
     * @param protocol the protocol
     * @param dir the output directory (--out)
     * @param overwrite redo every run and accept a directory of another protocol, instead of refusing it
     * @param progress print progress on stderr
     * @param out where progress lines and the finished table are printed
     * @param trainer trains and continues each run
     */
    public Table1Runner(Table1.Protocol protocol, Path dir, boolean overwrite, boolean progress, PrintStream out,
                        Trainer trainer) {
        this.protocol = protocol;
        this.trainer = trainer;
        this.dir = dir;
        this.overwrite = overwrite;
        this.progress = progress;
        this.out = out;
    }

    /**
     * The name of one run's files under {@code DIR/runs}.
     *
     * @param row the row
     * @param seed the run's seed
     * @return {@code ROW-seedK}
     */
    public static String runId(Table1.Row row, long seed) {
        return row.id() + "-seed" + seed;
    }

    Path summaryFile(String id) {
        return dir.resolve("runs").resolve(id + ".json");
    }

    Path logFile(String id) {
        return dir.resolve("runs").resolve(id + ".jsonl");
    }

    Path runDir(String id) {
        return dir.resolve("runs").resolve(id);
    }

    Path checkpointFile(String id) {
        return runDir(id).resolve("model").resolve(Checkpoint.FILE_NAME);
    }

    /** Runs what is not finished yet (seed-major, so an interrupted campaign has every row at n = k first). */
    public void run() {
        // check every finished run first: a changed protocol is refused before any training starts
        Map<String, Finished> finished = new LinkedHashMap<>();
        for (int k = 0; k < protocol.seeds(); k++) {
            for (String rowId : protocol.rows()) {
                Table1.Row row = Table1.row(rowId);
                long seed = protocol.firstSeed() + k;
                Finished f = overwrite ? null : readFinished(row, seed);
                if (f != null) {
                    finished.put(runId(row, seed), f);
                }
            }
        }
        long started = System.nanoTime();
        writeReport(finished, 0);
        for (int k = 0; k < protocol.seeds(); k++) {
            for (String rowId : protocol.rows()) {
                Table1.Row row = Table1.row(rowId);
                long seed = protocol.firstSeed() + k;
                String id = runId(row, seed);
                Finished f = finished.get(id);
                if (f != null) {
                    out.printf(Locale.ROOT, "%-16s already finished (accuracy %.2f%%), kept%n", id, 100 * f.metrics().get("accuracy"));
                    continue;
                }
                f = runOne(row, seed);
                finished.put(id, f);
                out.printf(Locale.ROOT, "%-16s accuracy %.2f%% (sampled %.2f%%, moment %.2f%%), train %.1fs, wall %.1fs%n", id,
                        100 * f.metrics().getOrDefault("accuracy", Double.NaN),
                        100 * f.metrics().getOrDefault("accuracy_sampled", Double.NaN),
                        100 * f.metrics().getOrDefault("accuracy_moment", Double.NaN), f.trainSeconds(), f.wallSeconds());
                writeReport(finished, (System.nanoTime() - started) / 1e9);
            }
        }
        writeReport(finished, (System.nanoTime() - started) / 1e9);
    }

    /** The stored result of (row, seed), null if it has not finished; refuses one finished under another protocol. */
    Finished readFinished(Table1.Row row, long seed) {
        String id = runId(row, seed);
        Path file = summaryFile(id);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        JsonObject stored = Json.parseObject(file);
        JsonElement want = Json.GSON.toJsonTree(protocol.runKey(row, seed));
        JsonElement had = stored.get("run");
        if (!want.equals(had)) {
            throw new RisbnnException("--out " + dir + ": " + id + " finished under a different protocol ("
                    + difference(had, want) + " in " + file + "); pass --overwrite or choose another --out");
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        stored.getAsJsonObject("metrics").entrySet().forEach(e -> metrics.put(e.getKey(), e.getValue().getAsDouble()));
        return new Finished(row.id(), seed, metrics, stored.get("train_seconds").getAsDouble(),
                stored.get("wall_seconds").getAsDouble(), stored.get("epochs").getAsInt());
    }

    private static String difference(JsonElement had, JsonElement want) {
        if (had == null || !had.isJsonObject()) {
            return "no run protocol recorded";
        }
        JsonObject a = had.getAsJsonObject();
        JsonObject b = want.getAsJsonObject();
        for (String key : b.keySet()) {
            if (!b.get(key).equals(a.get(key))) {
                return key + " " + a.get(key) + " there, " + b.get(key) + " now";
            }
        }
        for (String key : a.keySet()) {
            if (!b.has(key)) {
                return key + " " + a.get(key) + " there, absent now";
            }
        }
        return "protocol differs";
    }

    private ClassificationRun.Data data() {
        if (data == null) {
            data = ClassificationRun.load(protocol.data(), protocol.subset());
        }
        return data;
    }

    private Finished runOne(Table1.Row row, long seed) {
        String id = runId(row, seed);
        ClassificationRun.Data images = data();
        int trainRows = protocol.subset() > 0 ? Math.min(protocol.subset(), images.train().size()) : images.train().size();
        TrainConfig config = protocol.config(row, seed, trainRows);
        ClassificationRun.Options options = protocol.options(progress);
        Path log = logFile(id);
        Path checkpoint = checkpointFile(id);
        BnnTrainer.EpochListener listener = m -> AtomicFiles.appendLine(log, Json.toJsonLine(m.asMap()));
        long started = System.nanoTime();
        RunOutcome outcome;
        if (!overwrite && (Files.isRegularFile(checkpoint) || Files.isRegularFile(Checkpoint.previousOf(checkpoint)))) {
            Checkpoint saved = Checkpoint.loadForResume(checkpoint);
            checkSameRun(id, checkpoint, saved, config, options);
            int epochsDone = saved.header().getAsJsonObject("state").getAsJsonArray("history").size();
            out.printf(Locale.ROOT, "%-16s continuing from its checkpoint after epoch %d of %d%n", id, epochsDone, config.epochs());
            AtomicFiles.keepFirstLines(log, epochsDone, "run log");
            outcome = trainer.resume(runDir(id), listener);
        } else {
            deleteQuietly(checkpoint);
            deleteQuietly(Checkpoint.previousOf(checkpoint));
            AtomicFiles.writeString(log, "");
            out.printf(Locale.ROOT, "%-16s training: %s, %s, M=%d, T=%s, %d epochs%n", id, row.estimator(), row.objective(),
                    config.samples(), trimmed(protocol.temperatureOf(row)), config.epochs());
            outcome = trainer.fresh(images, config, options, runDir(id), listener);
        }
        double wall = (System.nanoTime() - started) / 1e9;
        // the log from the outcome's history: exactly one line per epoch, also after a resume
        StringBuilder lines = new StringBuilder();
        for (EpochMetrics m : outcome.history()) {
            lines.append(Json.toJsonLine(m.asMap())).append('\n');
        }
        AtomicFiles.writeString(log, lines.toString());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("row", row.id());
        summary.put("method", protocol.methodOf(row));
        summary.put("seed", seed);
        summary.put("epochs", outcome.history().size());
        summary.put("metrics", outcome.metrics());
        summary.put("train_seconds", outcome.trainSeconds());
        summary.put("wall_seconds", wall);
        summary.put("finished", Instant.now().toString());
        summary.put("run", protocol.runKey(row, seed));
        summary.put("config", config);
        AtomicFiles.writeString(summaryFile(id), Json.toJson(summary));
        TraceFile.write(runDir(id), outcome.stepLosses(), outcome.stepNlls());
        deleteQuietly(Checkpoint.previousOf(checkpoint));
        return new Finished(row.id(), seed, outcome.metrics(), outcome.trainSeconds(), wall, outcome.history().size());
    }

    /** Refuses to continue a checkpoint written under another configuration (unless overwrite, which starts afresh). */
    private void checkSameRun(String id, Path file, Checkpoint saved, TrainConfig config, ClassificationRun.Options options) {
        JsonObject header = saved.header();
        JsonObject savedOptions = header.getAsJsonObject("options").deepCopy();
        JsonObject wantOptions = Json.GSON.toJsonTree(options).getAsJsonObject();
        savedOptions.remove("progress");
        wantOptions.remove("progress");
        String savedData = header.getAsJsonObject("setup").get("dataSpec").getAsString();
        boolean same = header.get("config").equals(Json.GSON.toJsonTree(config)) && savedOptions.equals(wantOptions)
                && savedData.equals(protocol.data());
        if (!same) {
            throw new RisbnnException("--out " + dir + ": the checkpoint of the unfinished run " + id + " (" + file
                    + ") was written under a different protocol; pass --overwrite or choose another --out");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale file is harmless: the next run overwrites it
        }
    }

    // ---------------------------------------------------------------- report

    /** "mean ± std (n=k)" of the row's accuracy in percent, or null with no finished run. */
    static String accuracyCell(List<Finished> runs, int planned) {
        if (runs.isEmpty()) {
            return null;
        }
        double[] acc = runs.stream().mapToDouble(f -> 100 * f.metrics().getOrDefault("accuracy", Double.NaN)).toArray();
        String n = runs.size() == planned ? "(n=" + runs.size() + ")" : "(n=" + runs.size() + " of " + planned + ")";
        if (acc.length == 1) {      // one seed has no spread: a "± 0.00" would read as a measured one
            return String.format(Locale.ROOT, "%.2f %s", acc[0], n);
        }
        return String.format(Locale.ROOT, "%.2f ± %.2f %s", Stats.mean(acc), Stats.std(acc), n);
    }

    /** The row's deterministic predictive: first-moment where the run has it (VI, MAP), else the method's first one. */
    private static String deterministicOf(Map<String, Double> metrics) {
        if (metrics.containsKey("accuracy_moment")) {
            return "moment";
        }
        for (String key : metrics.keySet()) {
            if (key.startsWith("accuracy_") && !key.equals("accuracy_sampled")) {
                return key.substring("accuracy_".length());
            }
        }
        return null;   // an ensemble: its mixture of members is all it has
    }

    private static String meanStd(List<Finished> runs, String metric, double scale, int digits) {
        double[] v = runs.stream().mapToDouble(f -> scale * f.metrics().getOrDefault(metric, Double.NaN)).toArray();
        if (v.length == 1) {
            return String.format(Locale.ROOT, "%." + digits + "f", v[0]);
        }
        return MarkdownTable.meanSe(Stats.mean(v), Stats.std(v), digits);
    }

    private static String trimmed(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    private List<Finished> runsOf(String rowId, Map<String, Finished> finished) {
        List<Finished> runs = new ArrayList<>();
        for (int k = 0; k < protocol.seeds(); k++) {
            Finished f = finished.get(runId(Table1.row(rowId), protocol.firstSeed() + k));
            if (f != null) {
                runs.add(f);
            }
        }
        return runs;
    }

    private void addImplemented(MarkdownTable table, Table1.Row row, String label, String posterCell,
                                Map<String, Finished> finished) {
        List<Finished> runs = runsOf(row.id(), finished);
        String cell = accuracyCell(runs, protocol.seeds());
        // a method other than VI has no estimator/objective pair: its own objective (log posterior, potential, …)
        String est = row.estimator() + " / " + (io.risbnn.method.Methods.isNonVi(row.estimator())
                ? io.risbnn.method.Methods.of(row.estimator()).objectiveLabel(null) : row.objective());
        String m = Integer.toString(protocol.samplesOf(row));
        String t = trimmed(protocol.temperatureOf(row));
        if (cell == null) {
            table.addRow(label, "pending (0 of " + protocol.seeds() + " seeds)", posterCell, est, m, t);
        } else {
            String deterministic = deterministicOf(runs.get(0).metrics());
            String second = deterministic == null ? "–" : meanStd(runs, "accuracy_" + deterministic, 100, 2)
                    + (deterministic.equals("moment") ? "" : " (" + deterministic + ")");
            table.addRow(label, cell, posterCell, est, m, t, meanStd(runs, "accuracy_sampled", 100, 2) + " / " + second,
                    meanStd(runs, "test_nll", 1, 3), meanStd(runs, "ece", 1, 3));
        }
    }

    /** Writes table1.md and table1.json from the runs finished so far. */
    void writeReport(Map<String, Finished> finished, double thisInvocationSeconds) {
        int planned = protocol.seeds() * protocol.rows().size();
        double wallTotal = finished.values().stream().mapToDouble(Finished::wallSeconds).sum();
        double trainTotal = finished.values().stream().mapToDouble(Finished::trainSeconds).sum();

        // ---- markdown
        MarkdownTable table = new MarkdownTable("method", "this run: accuracy % (mean ± std over seeds)",
                "poster: accuracy %", "estimator / objective", "M", "T", "accuracy % sampled / deterministic",
                "test NLL", "ECE");
        for (Table1.PosterRow p : Table1.POSTER) {
            String posterCell = String.format(Locale.ROOT, "%.2f ± %.2f", p.accuracy(), p.std());
            if (p.rowId() == null) {
                table.addRow(p.method(), Table1.NOT_IMPLEMENTED, posterCell);
                continue;
            }
            Table1.Row row = Table1.row(p.rowId());
            if (!protocol.rows().contains(row.id())) {
                table.addRow(p.method(), "not run (not in --rows)", posterCell);
            } else {
                addImplemented(table, row, p.method(), posterCell, finished);
            }
            if (row.id().equals("ris") && protocol.rows().contains("ris-m100")) {
                addImplemented(table, Table1.row("ris-m100"), protocol.methodOf(Table1.row("ris-m100")),
                        "— (not in Table 1)", finished);
            }
        }
        // the rows run that the poster does not have (mean-var, MAP, the other baselines)
        for (String id : protocol.rows()) {
            boolean inPoster = id.equals("ris-m100") || Table1.POSTER.stream().anyMatch(p -> id.equals(p.rowId()));
            if (!inPoster) {
                Table1.Row row = Table1.row(id);
                addImplemented(table, row, protocol.methodOf(row), "— (not in Table 1)", finished);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Table 1: CIFAR-10 test accuracy\n\n");
        md.append("Data `").append(protocol.data()).append("`, model ").append(protocol.model())
                .append(", ").append(protocol.epochs()).append(protocol.epochs() == 1 ? " epoch" : " epochs")
                .append(protocol.epochs() < Table1.DEFAULT_EPOCHS ? " (the poster trains " + Table1.DEFAULT_EPOCHS + ")" : "")
                .append(", training images: ").append(protocol.subset() > 0 ? "subset of " + protocol.subset() : "all")
                .append(", batch ").append(protocol.batchSize()).append(", ").append(protocol.optimizer())
                .append(" lr ").append(protocol.lr()).append(" (").append(protocol.lrSchedule()).append(")")
                .append(", augmentation ").append(protocol.augment() ? "crop + flip" : "off")
                .append(", prior ").append(protocol.prior())
                .append(", cold temperature T = ").append(trimmed(protocol.temperature()))
                .append(", final predictive from ").append(protocol.evalSamples()).append(" sampled networks")
                .append(", seeds ").append(protocol.firstSeed()).append("…").append(protocol.firstSeed() + protocol.seeds() - 1)
                .append(".\n\n");
        md.append("Budget: ").append(finished.size()).append(" of ").append(planned).append(" runs finished; wall time ")
                .append(duration(wallTotal)).append(" over the finished runs (training ").append(duration(trainTotal))
                .append("), ").append(duration(thisInvocationSeconds)).append(" in this invocation.\n\n");
        md.append("Accuracy is the predictive the row was trained for (sampled networks for `elbo`, first-moment "
                + "propagation for `moment`), after the last epoch (no early stopping, no selection on the test set); "
                + "mean ± sample standard deviation over seeds, n = number of seeds. Poster figures: Table 1 of the poster "
                + "(CIFAR-10, ResNet-20). Protocol and reasons: docs/table1-protocol.md; per-seed results: table1.json.\n\n");
        md.append(table.render());
        AtomicFiles.writeString(dir.resolve("table1.md"), md.toString());

        // ---- json
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("protocol", protocol);
        json.put("rows_run", protocol.rowTable());
        json.put("ris_config", io.risbnn.estimator.RisConfig.defaults());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String rowId : protocol.rows()) {
            Table1.Row row = Table1.row(rowId);
            List<Finished> runs = runsOf(rowId, finished);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("row", row.id());
            r.put("method", protocol.methodOf(row));
            r.put("estimator", row.estimator());
            r.put("objective", row.objective());
            r.put("samples", protocol.samplesOf(row));
            r.put("temperature", protocol.temperatureOf(row));
            Table1.PosterRow poster = Table1.POSTER.stream().filter(p -> row.id().equals(p.rowId())).findFirst().orElse(null);
            if (poster != null) {
                r.put("poster", ordered("accuracy", poster.accuracy(), "std", poster.std()));
            }
            if (!runs.isEmpty()) {
                double[] acc = runs.stream().mapToDouble(f -> 100 * f.metrics().getOrDefault("accuracy", Double.NaN)).toArray();
                Map<String, Object> a = ordered("mean", Stats.mean(acc), "std", Stats.std(acc));
                a.put("n", acc.length);
                r.put("accuracy_percent", a);
            }
            List<Map<String, Object>> perSeed = new ArrayList<>();
            for (Finished f : runs) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("seed", f.seed());
                s.put("epochs", f.epochs());
                s.put("metrics", f.metrics());
                s.put("train_seconds", f.trainSeconds());
                s.put("wall_seconds", f.wallSeconds());
                s.put("log", "runs/" + runId(row, f.seed()) + ".jsonl");
                perSeed.add(s);
            }
            r.put("runs", perSeed);
            rows.add(r);
        }
        json.put("rows", rows);
        List<Map<String, Object>> poster = new ArrayList<>();
        for (Table1.PosterRow p : Table1.POSTER) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", p.method());
            m.put("accuracy", p.accuracy());
            m.put("std", p.std());
            m.put("row", p.rowId() == null ? Table1.NOT_IMPLEMENTED : p.rowId());
            poster.add(m);
        }
        json.put("poster", poster);
        Map<String, Object> budget = new LinkedHashMap<>();
        budget.put("epochs", protocol.epochs());
        budget.put("subset", protocol.subset());
        budget.put("runs_planned", planned);
        budget.put("runs_finished", finished.size());
        budget.put("wall_seconds", wallTotal);
        budget.put("train_seconds", trainTotal);
        budget.put("this_invocation_seconds", thisInvocationSeconds);
        json.put("budget", budget);
        AtomicFiles.writeString(dir.resolve("table1.json"), Json.toJson(json));
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    /**
     * The rendered table1.md, for printing.
     *
     * @return the file's text
     * @throws RisbnnException if it cannot be read (no run finished yet)
     */
    public String markdown() {
        try {
            return Files.readString(dir.resolve("table1.md"));
        } catch (IOException e) {
            throw new RisbnnException("cannot read " + dir.resolve("table1.md") + ": " + e.getMessage());
        }
    }
}
