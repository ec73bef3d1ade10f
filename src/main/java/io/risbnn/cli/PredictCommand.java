package io.risbnn.cli;

import com.google.gson.JsonObject;
import io.risbnn.RisbnnException;
import io.risbnn.data.DelimitedTable;
import io.risbnn.data.Fingerprint;
import io.risbnn.data.Imputation;
import io.risbnn.data.RegressionData;
import io.risbnn.data.RegressionSource;
import io.risbnn.data.TableColumns;
import io.risbnn.data.TrainTestSplit;
import io.risbnn.data.image.ImageFolder;
import io.risbnn.data.image.ImageResize;
import io.risbnn.data.image.ImageSet;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.api.Posterior;
import io.risbnn.predict.ClassificationPredictive;
import io.risbnn.predict.PredictOptions;
import io.risbnn.predict.PredictionTable;
import io.risbnn.predict.RegressionPredictive;
import io.risbnn.train.Seeds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code risbnn predict}: predictions with their uncertainty for new inputs, from a trained run (or a directory
 * written by the library's {@code Posterior.save}), through the library facade ({@link Posterior}). Regression:
 * a table of feature rows (the run's feature columns by name, any other column kept as an id);
 * classification: image files or folders of them. Always the sampled networks' predictive, and the
 * method's own when it has one, with a note when the two disagree.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict new inputs with a trained run. Regression: mean, std split into epistemic and aleatoric parts "
                + "and a central interval in the target's units, one row per input row (other columns kept). Classification: "
                + "class probabilities, predicted class, predictive entropy and mutual information per image. "
                + "Writes CSV (default) or JSON to --out, or to stdout."})
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, paramLabel = "DIR", description = "Run directory written by train.")
    Path run;

    @Option(names = "--input", required = true, paramLabel = "FILE|DIR", split = ",",
            description = "Regression: a table with a header naming the run's feature columns (or a headerless numeric table with "
                    + "exactly those columns in order). Classification: image files (PNG/JPEG) and/or folders of them (searched recursively), comma-separated or repeated.")
    List<Path> inputs;

    @Option(names = {"--samples", "--eval-samples"}, defaultValue = "100", description = "Networks sampled from the posterior for the predictive (--eval-samples, as train calls it, is the same option). Default: ${DEFAULT-VALUE}")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the sampled networks. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--interval", defaultValue = "0.95", paramLabel = "LEVEL",
            description = "Regression: probability of the central predictive interval (columns lower_PCT, upper_PCT). Default: ${DEFAULT-VALUE}")
    double interval;

    @Option(names = "--out", paramLabel = "FILE", description = "Output file. Default: stdout")
    Path out;

    @Option(names = "--format", defaultValue = "csv", description = "csv or json. Default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--resize", description = "Classification: convert images to the model's input shape (RGB to gray by luma, "
            + "area-average shrinking, bilinear enlarging), as ood --ood-resize does. Without it a size mismatch is an error "
            + "(gray images stored as RGB are converted either way: that loses nothing).")
    boolean resize;

    @Mixin
    RuntimeOptions runtime;

    @Override
    public Integer call() {
        if (samples < 1) {
            throw new RisbnnException("--samples " + samples + ": expected an integer >= 1");
        }
        if (!(interval > 0 && interval < 1)) {
            throw new RisbnnException("--interval " + interval + ": expected a probability strictly between 0 and 1");
        }
        if (!format.equals("csv") && !format.equals("json")) {
            throw new RisbnnException("--format " + format + ": expected csv or json");
        }
        PredictOptions options = new PredictOptions(samples, seed, interval);
        if (!Files.isRegularFile(io.risbnn.api.Posterior.runCheckpoint(run)) && !Files.isRegularFile(run.resolve("posterior.risbnn"))) {
            throw new RisbnnException("--run " + run + ": no checkpoint at " + io.risbnn.api.Posterior.runCheckpoint(run)
                    + " (expected a directory written by risbnn train, or by Posterior.save)");
        }
        try (Posterior trained = Posterior.load(run)) {
            runtime.apply(trained.isClassification());
            Seeds.seedEngine(seed);
            String text = trained.isClassification() ? classify(trained, options) : regress(trained, options);
            if (out == null) {
                System.out.print(text);
            } else {
                OutputFile.writeOrPrint(out, text, "predictions");
                System.err.println("wrote " + out);
            }
        }
        return 0;
    }

    private String regress(Posterior trained, PredictOptions options) {
        if (inputs.size() != 1) {
            throw new RisbnnException("--input: a regression run predicts one table file (got " + inputs.size() + ")");
        }
        DelimitedTable table = DelimitedTable.read(inputs.get(0), "input file");
        List<String> names = trained.featureNames();
        if (table.headerIsData()) {
            if (table.columns() != names.size()) {
                throw new RisbnnException(table.source() + ": no header and " + table.columns() + " columns (the run takes "
                        + names.size() + " features: " + String.join(",", names) + "; add a header row to keep other columns)");
            }
            table = table.withoutHeader(names);
        }
        if (table.size() == 0) {
            throw new RisbnnException(table.source() + ": no data rows");
        }
        int[] columns = TableColumns.byName(table, names, "the run");
        boolean imputes = trained.scaling().fillValues() != null;
        double[][] rows = TableColumns.features(table, columns, imputes ? Imputation.MEAN : Imputation.NONE);
        double[][] filled = trained.scaling().filled(rows);
        System.err.println("risbnn: " + dataNote(trained, filled));
        List<RegressionPredictive> predictives = trained.predict(filled, options).regressionPredictives();
        if (predictives.size() > 1) {
            System.err.println("risbnn: " + agreement(predictives.get(0), predictives.get(1)));
        }
        PredictionTable result = keptColumns(table, columns);
        predictives.forEach(result::addRegression);
        return render(result, trained, "regression");
    }

    private String classify(Posterior trained, PredictOptions options) {
        List<Path> files = imageFiles();
        if (trained.exampleShape().dimension() != 3) {
            throw new RisbnnException("--run " + run + ": a classifier of " + trained.exampleShape()
                    + " feature vectors, not of images (predict it from Java: Posterior.predict)");
        }
        int[] shape = java.util.Arrays.stream(trained.exampleShape().getShape()).mapToInt(Math::toIntExact).toArray();
        List<ImageSet> images = new ArrayList<>();
        List<String[]> kept = new ArrayList<>();
        boolean converted = false;
        for (Path file : files) {
            ImageSet image = ImageFolder.decodeFile(file);
            boolean sameSize = image.height() == shape[1] && image.width() == shape[2];
            boolean lossless = sameSize && (shape[0] == 3 || image.isGray());
            if (!lossless && !resize) {
                throw new RisbnnException("--input " + file + ": " + image.width() + "×" + image.height()
                        + (image.isGray() ? " gray" : " RGB") + ", the model takes " + shape[2] + "×" + shape[1]
                        + (shape[0] == 1 ? " gray" : " RGB") + "; pass --resize to convert it");
            }
            converted |= !lossless;
            images.add(ImageResize.convert(image, shape[0], shape[1], shape[2]));
            kept.add(new String[] {file.toString()});
        }
        ImageSet all = ImageSet.concat("predict input", images, trained.classNames());
        System.err.println("risbnn: input: " + files.size() + " image file(s)" + (converted ? ", some resized" : "")
                + " (new data: predict does not compare images with the run's data set)");
        List<ClassificationPredictive> predictives = trained.predict(all, options).classificationPredictives();
        if (predictives.size() > 1) {
            System.err.println("risbnn: " + agreement(predictives.get(0), predictives.get(1)));
        }
        PredictionTable result = new PredictionTable(List.of("file"), kept);
        predictives.forEach(result::addClassification);
        return render(result, trained, "classification");
    }

    private String render(PredictionTable table, Posterior trained, String kind) {
        if (format.equals("csv")) {
            return table.toCsv();
        }
        JsonObject meta = new JsonObject();
        meta.addProperty("run", run.toString());
        meta.addProperty("kind", kind);
        meta.addProperty("objective", trained.config().objective().cliName());
        meta.addProperty("samples", samples);
        meta.addProperty("seed", seed);
        if (kind.equals("regression")) {
            meta.addProperty("target", trained.targetName());
            meta.addProperty("interval", interval);
        }
        return table.toJson(meta);
    }

    /** Every column that is not a feature, verbatim (ids, the target if present, notes). */
    private static PredictionTable keptColumns(DelimitedTable table, int[] featureColumns) {
        List<Integer> keep = new ArrayList<>();
        for (int c = 0; c < table.columns(); c++) {
            final int column = c;
            if (Arrays.stream(featureColumns).noneMatch(f -> f == column)) {
                keep.add(c);
            }
        }
        List<String> names = keep.stream().map(table.header()::get).toList();
        List<String[]> cells = new ArrayList<>();
        for (String[] row : table.rows()) {
            cells.add(keep.stream().map(c -> row[c]).toArray(String[]::new));
        }
        return new PredictionTable(names, cells);
    }

    /** Whether the input rows are rows the run trained or tested on, or new data. */
    private static String dataNote(Posterior trained, double[][] rows) {
        if (trained.runSetup() == null) {
            return "input: " + rows.length + " rows; the posterior does not record its training data, so overlap with it is not checked";
        }
        RegressionSource source;
        try {
            source = trained.runSetup().openSource();
        } catch (RisbnnException e) {
            return "input: " + rows.length + " rows; the run's data cannot be read here (" + e.getMessage()
                    + "), so overlap with it is not checked";
        }
        TrainTestSplit split = source.split(trained.runSetup().split(), RegressionRun.SPLIT_SEED);
        RegressionData data = source.data();
        Set<Long> train = Fingerprint.rowHashes(data.subset(split.train()).features());
        Set<Long> test = Fingerprint.rowHashes(data.subset(split.test()).features());
        int inTrain = Fingerprint.countKnown(Arrays.asList(rows), train);
        int inTest = Fingerprint.countKnown(Arrays.asList(rows), test);
        if (inTrain == 0 && inTest == 0) {
            return "input: " + rows.length + " rows, new data (none is a row of the run's training or test split)";
        }
        return String.format(Locale.ROOT, "input: %d rows, of which %d are training rows and %d test rows of the run's split%s",
                rows.length, inTrain, inTest, inTrain > 0 ? " (uncertainty on training rows is not a test of the model)" : "");
    }

    /** A line comparing the sampled predictive with the method's own, flagged when they disagree. */
    static String agreement(RegressionPredictive sampled, RegressionPredictive own) {
        double shift = 0;
        double[] ratio = new double[sampled.size()];
        for (int i = 0; i < sampled.size(); i++) {
            shift += Math.abs(own.mean()[i] - sampled.mean()[i]) / sampled.std()[i];
            ratio[i] = own.std()[i] / sampled.std()[i];
        }
        shift /= sampled.size();
        Arrays.sort(ratio);
        double median = ratio[ratio.length / 2];
        boolean agree = shift < 0.25 && median > 2.0 / 3 && median < 1.5;
        return String.format(Locale.ROOT, "sampled vs %s predictive: mean |Δmean| = %.3f sampled std, median std ratio (%s/sampled) %.3f — %s",
                own.name(), shift, own.name(), median, agree ? "they agree" : "THEY DISAGREE: the posterior's sampled networks and the method's own predictive tell different stories; trust neither blindly");
    }

    static String agreement(ClassificationPredictive sampled, ClassificationPredictive own) {
        int same = 0;
        double tv = 0;
        for (int i = 0; i < sampled.size(); i++) {
            same += sampled.predicted()[i] == own.predicted()[i] ? 1 : 0;
            double d = 0;
            for (int c = 0; c < sampled.probabilities()[i].length; c++) {
                d += Math.abs(sampled.probabilities()[i][c] - own.probabilities()[i][c]);
            }
            tv += d / 2;
        }
        double agreeFraction = (double) same / sampled.size();
        tv /= sampled.size();
        boolean agree = agreeFraction >= 0.9 && tv < 0.1;
        return String.format(Locale.ROOT, "sampled vs %s predictive: same predicted class for %.1f%% of inputs, mean total-variation distance %.3f — %s",
                own.name(), 100 * agreeFraction, tv, agree ? "they agree" : "THEY DISAGREE: the posterior's sampled networks and the method's own predictive tell different stories");
    }

    /** The image files of --input: files as given, folders searched recursively for .png/.jpg/.jpeg, sorted. */
    private List<Path> imageFiles() {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    List<Path> found = walk.filter(Files::isRegularFile).filter(PredictCommand::isImageName).sorted().toList();
                    if (found.isEmpty()) {
                        throw new RisbnnException("--input " + input + ": no .png, .jpg or .jpeg files in the folder");
                    }
                    files.addAll(found);
                } catch (IOException | java.io.UncheckedIOException e) {
                    throw new RisbnnException("--input " + input + ": cannot list the folder (" + io.risbnn.ErrorText.oneLine(e) + ")");
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new RisbnnException("--input " + input + ": not found (expected image files or folders of them)");
            }
        }
        return files;
    }

    private static boolean isImageName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return ImageFolder.EXTENSIONS.stream().anyMatch(ext -> name.endsWith("." + ext));
    }
}
