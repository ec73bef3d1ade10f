package io.risbnn.cli;

import io.risbnn.ErrorText;
import io.risbnn.RisbnnException;
import io.risbnn.eval.OutOfDistribution;
import io.risbnn.report.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * OUT/scores.csv of {@code ood}: every example's uncertainty scores, so that {@code plot --kind roc} can
 * draw the ROC curves of several runs in one chart. Header {@code set,SCORE,…}; one row per example,
 * {@code set} being {@code in} (the run's own test images) or {@code ood}.
 */
final class OodScoresFile {
    static final String FILE_NAME = "scores.csv";

    private OodScoresFile() {}

    /** One score of both sets. */
    record Scores(double[] in, double[] ood) {}

    static void write(Path dir, OutOfDistribution.Result result) {
        StringBuilder csv = new StringBuilder("set");
        result.scores().forEach(s -> csv.append(',').append(s.name()));
        csv.append('\n');
        appendRows(csv, "in", result.inSize(), result, true);
        appendRows(csv, "ood", result.oodSize(), result, false);
        AtomicFiles.writeString(dir.resolve(FILE_NAME), csv.toString());
    }

    private static void appendRows(StringBuilder csv, String set, int rows, OutOfDistribution.Result result, boolean in) {
        for (int i = 0; i < rows; i++) {
            csv.append(set);
            for (OutOfDistribution.Score s : result.scores()) {
                csv.append(',').append(in ? s.in()[i] : s.ood()[i]);
            }
            csv.append('\n');
        }
    }

    /**
     * The scores.csv of an ood output directory, or of RUN/ood when {@code path} is a run directory.
     *
     * @throws RisbnnException naming {@code --runs} or {@code --metric} if the file is missing, malformed
     *     or has no column {@code score}
     */
    static Scores read(Path path, String score) {
        Path csv = locate(path);
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RisbnnException("--runs: cannot read " + csv + " (" + ErrorText.oneLine(e) + ")");
        }
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).trim().split(","));
        int column = header.indexOf(score);
        if (header.isEmpty() || !header.get(0).equals("set") || column < 1) {
            throw new RisbnnException("--metric " + score + ": not a score column of " + csv + " (its columns: "
                    + String.join(", ", header) + "; expected set and the scores written by risbnn ood)");
        }
        List<Double> in = new ArrayList<>();
        List<Double> ood = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(",");
            try {
                if (cells.length != header.size() || !(cells[0].equals("in") || cells[0].equals("ood"))) {
                    throw new NumberFormatException();
                }
                (cells[0].equals("in") ? in : ood).add(Double.parseDouble(cells[column]));
            } catch (NumberFormatException e) {
                throw new RisbnnException("--runs: " + csv + " line " + (n + 1) + " is '" + line + "' (expected in or ood and "
                        + (header.size() - 1) + " numbers, separated by commas)");
            }
        }
        if (in.isEmpty() || ood.isEmpty()) {
            throw new RisbnnException("--runs: " + csv + " has " + in.size() + " in-distribution and " + ood.size()
                    + " OOD rows (expected both)");
        }
        return new Scores(in.stream().mapToDouble(Double::doubleValue).toArray(),
                ood.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The run directory a scores file belongs to, for the legend label: RUN for RUN or RUN/ood. */
    static Path runOf(Path path) {
        if (!Files.isRegularFile(path.resolve(FILE_NAME))) {
            return path;   // a run directory holding ood/scores.csv
        }
        Path parent = path.toAbsolutePath().normalize().getParent();
        return parent != null && Files.isRegularFile(parent.resolve("summary.json")) ? parent : path;
    }

    private static Path locate(Path path) {
        if (Files.isRegularFile(path.resolve(FILE_NAME))) {
            return path.resolve(FILE_NAME);
        }
        if (Files.isRegularFile(path.resolve("ood").resolve(FILE_NAME))) {
            return path.resolve("ood").resolve(FILE_NAME);
        }
        throw new RisbnnException("--runs: no " + path.resolve(FILE_NAME) + " or " + path.resolve("ood").resolve(FILE_NAME)
                + " (expected the output directory of risbnn ood, or the run directory it scored)");
    }
}
