package io.risbnn.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.risbnn.ErrorText;
import io.risbnn.RisbnnException;
import io.risbnn.eval.OutOfDistribution;
import io.risbnn.experiment.TraceFile;
import io.risbnn.report.HistogramPlot;
import io.risbnn.train.Checkpoint;
import io.risbnn.report.Json;
import io.risbnn.report.LinePlot;
import io.risbnn.report.RocPlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code risbnn plot}: several runs in one PNG. {@code --kind epochs}: a metric of the epoch logs against
 * the epoch (Figure 2, left: test accuracy per epoch); {@code trace}: the training loss of every step
 * (Figure 1), as a moving average over the raw steps with the first steps' spike off scale;
 * {@code histogram}: the accuracies of the networks sampled by sample-models (Figure 2, right);
 * {@code roc}: the ROC curve of one OOD score of each run scored by ood.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Plot several runs in one PNG: a metric per epoch (DIR/metrics.jsonl), the training loss per step "
                + "(DIR/trace.csv), the per-network accuracies of sample-models (DIR/sample-models/accuracies.csv) or the "
                + "ROC curve of an OOD score (DIR/ood/scores.csv, written by ood).")
final class PlotCommand implements Callable<Integer> {
    /** What to draw. */
    enum Kind { epochs, trace, histogram, roc }

    @Option(names = "--runs", required = true, split = ",",
            description = "Run directories written by train (or epoch logs *.jsonl, e.g. from compare's DIR/runs/; with --kind roc "
                    + "also output folders of ood), comma-separated.")
    List<Path> runs;

    @Option(names = "--kind", defaultValue = "epochs",
            description = "epochs (--metric per epoch), trace (training loss per step), histogram (sample-models "
                    + "accuracies) or roc (ROC curve of the OOD score --metric, default entropy_sampled). Default: ${DEFAULT-VALUE}")
    Kind kind;

    @Option(names = "--metric", defaultValue = "accuracy",
            description = "Key of the metrics.jsonl lines to plot (e.g. accuracy, accuracy_sampled, loss, nll, test_nll; "
                    + "a nested value as KEY.SUBKEY); with --kind trace a column of trace.csv (loss, the default, or nll); "
                    + "with --kind roc a score of ood (entropy_sampled, the default, mutual_information, entropy_moment, "
                    + "entropy_meanvar). Default: ${DEFAULT-VALUE}")
    String metric;

    @Option(names = "--labels", split = ",", description = "Legend labels, one per run. Default: each run's estimator "
            + "and objective from DIR/summary.json, else the directory name.")
    List<String> labels;

    @Option(names = "--out", description = "PNG file to write. Default: ./METRIC.png")
    Path out;

    @Option(names = "--title", description = "Chart title. Default: METRIC per epoch.")
    String title;

    @Option(names = "--log-y", description = "Logarithmic y axis (every value must be positive).")
    boolean logY;

    @Option(names = "--full-range", description = "Show every value of a long trace: no moving average, and the first steps "
            + "(by default off scale when they would squeeze the rest) on the axis.")
    boolean fullRange;

    /** One run's curve. */
    record Curve(String label, double[] epochs, double[] values) {}

    @Override
    public Integer call() {
        if (metric.isBlank()) {
            throw new RisbnnException("--metric: expected a key of the metrics.jsonl lines, e.g. accuracy");
        }
        if (labels != null && labels.size() != runs.size()) {
            throw new RisbnnException("--labels: " + labels.size() + " labels for " + runs.size() + " runs (expected one per run)");
        }
        if (kind == Kind.roc) {
            return plotRoc();
        }
        List<Curve> curves = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String label = labels == null ? null : labels.get(i);
            curves.add(switch (kind) {
                case epochs -> read(runs.get(i), metric, label);
                case trace -> readColumns(runs.get(i), "trace.csv", "train", traceColumn(), label);
                case histogram -> readColumns(runs.get(i), "sample-models/accuracies.csv", "sample-models", null, label);
                case roc -> throw new IllegalStateException("drawn by plotRoc");
            });
        }
        List<String> names = uniqueLabels(curves.stream().map(Curve::label).toList(), runs);
        Path file = outFile(switch (kind) {
            case epochs -> fileName(metric);
            case trace -> "trace";
            case histogram -> "sampled-networks";
            case roc -> "roc";
        });
        if (kind == Kind.trace) {
            String column = traceColumn();
            LinePlot plot = new LinePlot(title != null ? title : "Training " + column + " per step", "step", column)
                    .optLogY(logY).optFullRange(fullRange).optSmooth(!fullRange);
            for (int i = 0; i < curves.size(); i++) {
                plot.addSeries(names.get(i), curves.get(i).epochs(), curves.get(i).values());
            }
            plot.savePng(file);
            System.out.println("plot: training " + column + " per step of " + curves.size() + " run(s); wrote " + file);
            return 0;
        }
        if (kind == Kind.histogram) {
            HistogramPlot plot = new HistogramPlot(title != null ? title : "Test accuracy of networks sampled from q",
                    "test accuracy of one sampled network");
            for (int i = 0; i < curves.size(); i++) {
                double[] accuracy = curves.get(i).values();
                plot.addSeries(names.get(i), accuracy, (int) Math.max(5, Math.min(40, Math.round(Math.sqrt(accuracy.length)))));
            }
            plot.savePng(file);
            System.out.println("plot: per-network accuracies of " + curves.size() + " run(s); wrote " + file);
            return 0;
        }
        LinePlot plot = new LinePlot(title != null ? title : metric + " per epoch", "epoch", metric).optLogY(logY)
                .optFullRange(fullRange).optSmooth(!fullRange);
        for (int i = 0; i < curves.size(); i++) {
            plot.addSeries(names.get(i), curves.get(i).epochs(), curves.get(i).values());
        }
        plot.savePng(file);
        System.out.println("plot: " + metric + " of " + curves.size() + " run" + (curves.size() == 1 ? "" : "s")
                + " per epoch; wrote " + file);
        return 0;
    }

    /** One ROC curve per run: the OOD score --metric of DIR/ood/scores.csv (or DIR/scores.csv). */
    private int plotRoc() {
        String score = metric.equals("accuracy") ? OutOfDistribution.ENTROPY_SAMPLED : metric;
        List<String> defaults = new ArrayList<>();
        List<OodScoresFile.Scores> scores = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            scores.add(OodScoresFile.read(runs.get(i), score));
            defaults.add(labels != null ? labels.get(i) : runLabel(OodScoresFile.runOf(runs.get(i))));
        }
        List<String> names = uniqueLabels(defaults, runs);
        Path file = outFile("roc");
        RocPlot plot = new RocPlot(title != null ? title : "OOD detection by " + score + " (OOD as positives)");
        for (int i = 0; i < runs.size(); i++) {
            plot.addCurve(names.get(i), scores.get(i).ood(), scores.get(i).in());
        }
        plot.savePng(file);
        System.out.println("plot: ROC of " + score + " for " + runs.size() + " run(s); wrote " + file);
        return 0;
    }

    /** --out, else ./NAME.png; refused if it is a directory. */
    private Path outFile(String defaultName) {
        Path file = out != null ? out : Path.of(defaultName + ".png");
        if (Files.isDirectory(file)) {
            throw new RisbnnException("--out " + file + ": is a directory (expected a .png file)");
        }
        return file;
    }

    /** The metric per epoch of one run directory (DIR/metrics.jsonl) or one epoch log file. */
    static Curve read(Path run, String metric, String label) {
        Path log;
        String defaultLabel;
        if (Files.isRegularFile(run) && run.getFileName().toString().endsWith(".jsonl")) {
            log = run;
            String name = run.getFileName().toString();
            defaultLabel = name.substring(0, name.length() - ".jsonl".length());
        } else if (Files.isDirectory(run)) {
            log = run.resolve("metrics.jsonl");
            if (!Files.isRegularFile(log)) {
                throw new RisbnnException("--runs: no " + log + " (expected the epoch log written by risbnn train --out "
                        + run + ")");
            }
            defaultLabel = runLabel(run);
        } else {
            throw new RisbnnException("--runs: " + run + (Files.exists(run) ? " is not a run directory" : " does not exist")
                    + " (expected a directory written by risbnn train, holding metrics.jsonl)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RisbnnException("--runs: cannot read " + log + " (" + ErrorText.oneLine(e) + ")");
        }
        List<Double> epochs = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        boolean found = false;
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            JsonObject row;
            try {
                JsonElement element = JsonParser.parseString(line);
                if (!element.isJsonObject()) {
                    throw new JsonParseException("not an object");
                }
                row = element.getAsJsonObject();
            } catch (JsonParseException e) {
                throw new RisbnnException("--runs: " + log + " line " + number
                        + " is not a JSON object (expected one JSON object per epoch, as written by risbnn train)");
            }
            if (row.has("final")) {
                continue; // compare's closing line of a run log: the run's test metrics, not an epoch
            }
            keys.addAll(row.keySet());
            JsonElement value = lookup(row, metric);
            double y = Double.NaN;
            if (value != null && !value.isJsonNull()) {
                if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
                    String what = value.isJsonObject() ? "an object with keys " + String.join(", ", value.getAsJsonObject().keySet())
                            : "not a number";
                    throw new RisbnnException("--metric " + metric + ": in " + log + " line " + number + " it is " + what
                            + " (expected a number)");
                }
                y = value.getAsDouble();
                found = true;
            }
            JsonElement epoch = row.get("epoch");
            double x = epoch != null && epoch.isJsonPrimitive() && epoch.getAsJsonPrimitive().isNumber()
                    ? epoch.getAsDouble() : epochs.size() + 1;
            epochs.add(x);
            values.add(y);
        }
        if (epochs.isEmpty()) {
            throw new RisbnnException("--runs: " + log + " is empty (expected one JSON line per finished epoch)");
        }
        if (!found) {
            throw new RisbnnException("--metric " + metric + ": not in " + log + " (its keys: " + String.join(", ", keys) + ")");
        }
        return new Curve(label != null ? label : defaultLabel, epochs.stream().mapToDouble(Double::doubleValue).toArray(),
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * A CSV with a header (step,loss,nll of train's trace.csv; network,accuracy of sample-models): the first
     * column as x, the column named {@code column} (null: the second) as y.
     */
    static Curve readColumns(Path run, String relative, String writer, String column, String label) {
        Path csv = Files.isRegularFile(run) ? run : run.resolve(relative);
        Path checkpoint = run.resolve("model").resolve(Checkpoint.FILE_NAME);
        if (!Files.isRegularFile(csv) && relative.equals(TraceFile.FILE_NAME) && Files.isRegularFile(checkpoint)) {
            csv = checkpoint;       // e.g. a run of table1 or an unfinished run: the checkpoint keeps the trace
        } else if (!Files.isRegularFile(csv)) {
            throw new RisbnnException("--runs: no " + csv + " (expected the file written by risbnn " + writer + ")");
        }
        List<String> lines = readLines(csv);
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).trim().split(","));
        int y = column == null ? 1 : header.indexOf(column);
        if (y < 1) {
            throw new RisbnnException("--metric " + column + ": not a column of " + csv + " (its columns: "
                    + String.join(", ", header) + ")");
        }
        List<double[]> rows = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            try {
                if (cells.length != header.size()) {
                    throw new NumberFormatException();
                }
                rows.add(new double[] {Double.parseDouble(cells[0]), Double.parseDouble(cells[y])});
            } catch (NumberFormatException e) {
                throw new RisbnnException("--runs: " + csv + " line " + (n + 1) + " is '" + line
                        + "' (expected " + header.size() + " numbers separated by commas)");
            }
        }
        if (rows.isEmpty()) {
            throw new RisbnnException("--runs: " + csv + " has no rows (expected a header and at least one row)");
        }
        Path dir = Files.isRegularFile(run) ? run.toAbsolutePath().getParent() : run;
        return new Curve(label != null ? label : runLabel(dir), rows.stream().mapToDouble(r -> r[0]).toArray(),
                rows.stream().mapToDouble(r -> r[1]).toArray());
    }

    /** The lines of a CSV file, or of the trace stored in a checkpoint. */
    private static List<String> readLines(Path file) {
        if (file.getFileName().toString().equals(Checkpoint.FILE_NAME)) {
            return TraceFile.fromCheckpoint(file).lines().toList();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RisbnnException("--runs: cannot read " + file + " (" + ErrorText.oneLine(e) + ")");
        }
    }

    /** The trace.csv column of --kind trace: loss unless --metric names another (nll). */
    private String traceColumn() {
        return metric.equals("accuracy") ? "loss" : metric;
    }

    /** A key of the line, or KEY.SUBKEY… of nested objects (e.g. ess_fraction.layer1). */
    private static JsonElement lookup(JsonObject row, String metric) {
        if (row.has(metric)) {
            return row.get(metric);
        }
        JsonElement current = row;
        for (String part : metric.split("\\.")) {
            if (current == null || !current.isJsonObject() || !current.getAsJsonObject().has(part)) {
                return null;
            }
            current = current.getAsJsonObject().get(part);
        }
        return current;
    }

    /** "estimator (objective)" from DIR/summary.json, else the directory name. */
    private static String runLabel(Path run) {
        Path summary = run.resolve("summary.json");
        Path name = run.toAbsolutePath().normalize().getFileName();
        String fallback = name == null ? run.toString() : name.toString();
        if (!Files.isRegularFile(summary)) {
            return fallback;
        }
        try {
            JsonObject json = Json.parseObject(summary);
            if (json.has("estimator") && json.get("estimator").isJsonPrimitive()) {
                String label = json.get("estimator").getAsString();
                if (json.has("objective") && json.get("objective").isJsonPrimitive()) {
                    label += " (" + json.get("objective").getAsString() + ")";
                }
                return label;
            }
        } catch (RisbnnException e) {
            // an unreadable summary still leaves the directory name
        }
        return fallback;
    }

    /** The labels, with the directory name added where two runs would share one (e.g. two seeds of an estimator). */
    static List<String> uniqueLabels(List<String> labels, List<Path> runs) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (String label : labels) {
            if (!seen.add(label)) {
                duplicated.add(label);
            }
        }
        Set<String> used = new HashSet<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (duplicated.contains(label)) {
                Path name = runs.get(i).toAbsolutePath().normalize().getFileName();
                label = label + " [" + (name == null ? runs.get(i) : name) + "]";
            }
            String unique = label;
            for (int k = 2; !used.add(unique); k++) {
                unique = label + " #" + k;
            }
            names.add(unique);
        }
        return names;
    }

    /** The metric as a file name: characters other than letters, digits, '.', '_' and '-' become '_'. */
    static String fileName(String metric) {
        return metric.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
