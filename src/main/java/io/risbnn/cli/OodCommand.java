package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.api.Posterior;
import io.risbnn.data.image.ImageDataSpec;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageResize;
import io.risbnn.data.image.ImageSet;
import io.risbnn.eval.OutOfDistribution;
import io.risbnn.experiment.ClassificationSetup;
import io.risbnn.experiment.ModelFiles;
import io.risbnn.model.BayesianModel;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.report.MarkdownTable;
import io.risbnn.report.RocPlot;
import io.risbnn.train.Checkpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code risbnn ood}: out-of-distribution detection of a trained image classifier. Scores the run's own
 * test images (in-distribution) and the test images of {@code --ood-data} (OOD) by predictive entropy,
 * mutual information and first-moment entropy, and reports the AUROC of each score with OOD as positives
 * ({@link OutOfDistribution}).
 */
@Command(name = "ood", mixinStandardHelpOptions = true,
        description = {"Out-of-distribution detection: AUROC of predictive entropy, mutual information and first-moment "
                + "entropy between a trained image classifier's test images and the test images of another data set "
                + "(OOD as positives). Writes OUT/ood.json, OUT/ood.md, OUT/roc.png (one ROC curve per score) and OUT/scores.csv (every example's "
                + "scores, for plot --kind roc) and prints the table."})
final class OodCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run directory of an image classifier written by train.")
    Path run;

    @Option(names = "--ood-data", required = true, paramLabel = "SPEC",
            description = "OOD data set, an image spec as for --data (fashion-mnist, mnist:DIR, cifar10:DIR, cifar100:DIR, "
                    + "imagefolder:DIR); its test images are used.")
    String oodData;

    @Option(names = "--ood-resize", description = "Convert OOD images to the model's input shape: RGB to gray by BT.601 luma "
            + "(0.299 R + 0.587 G + 0.114 B), gray to RGB by replication; shrinking by area averaging, enlarging bilinearly. "
            + "Without it a shape mismatch is an error.")
    boolean oodResize;

    @Option(names = {"--samples", "--eval-samples"}, defaultValue = "100", description = "Networks sampled from the posterior for the predictive (--eval-samples, as train calls it, is the same option). Default: ${DEFAULT-VALUE}")
    int samples;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Use N images of each test set, evenly spaced through it (rows ⌊i·size/N⌋, so a folder sorted by "
                    + "class keeps every class); 0: all. Default: ${DEFAULT-VALUE}")
    int limit;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the sampled networks. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: RUN/ood")
    Path out;

    @Mixin
    RuntimeOptions runtime;

    @Override
    public Integer call() {
        if (samples < 1) {
            throw new RisbnnException("--samples " + samples + ": expected an integer >= 1");
        }
        if (limit < 0) {
            throw new RisbnnException("--limit " + limit + ": expected an integer >= 0 (0: all images)");
        }
        Path file = RunDirectories.checkpoint(run);
        if (!ModelFiles.isClassification(Checkpoint.load(file))) {
            throw new RisbnnException("--run " + run + ": not an image classification run (ood needs a classifier trained on images)");
        }
        ImageDataSpec oodSpec = parseOodSpec(oodData);
        Path outDir = out != null ? out : run.resolve("ood");
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new RisbnnException("--out " + outDir + ": exists and is not a directory");
        }
        runtime.apply(true);
        try (Posterior trained = RunDirectories.open(run)) {
            BayesianModel model = trained.model();
            ClassificationSetup setup = trained.imageRunSetup();
            int[] shape = setup.model().imageShape();
            ImageSet in = ImageDataSpec.parse(setup.dataSpec()).load(false, Integer.MAX_VALUE);
            ImageSet ood = oodSpec.load(false, Integer.MAX_VALUE);
            if (!ImageResize.hasShape(ood, shape[0], shape[1], shape[2])) {
                if (!oodResize) {
                    throw new RisbnnException("--ood-data " + oodData + ": images are " + shapeText(ood.channels(), ood.height(),
                            ood.width()) + ", the model takes " + shapeText(shape[0], shape[1], shape[2])
                            + "; pass --ood-resize to convert them");
                }
                boolean rgbGray = (ood.channels() == 3 && shape[0] == 1) || (ood.channels() == 1 && shape[0] == 3);
                if (ood.channels() != shape[0] && !rgbGray) {
                    throw new RisbnnException("--ood-data " + oodData + ": cannot convert " + ood.channels()
                            + " channels to the model's " + shape[0] + " (--ood-resize converts only RGB ↔ gray)");
                }
            }
            in = in.evenlySpaced(limit);
            ood = ood.evenlySpaced(limit);
            String oodShape = shapeText(ood.channels(), ood.height(), ood.width());
            boolean converted = !ImageResize.hasShape(ood, shape[0], shape[1], shape[2]);
            if (converted) {
                ood = ImageResize.convert(ood, shape[0], shape[1], shape[2]);
            }
            var normalizer = setup.normalizer();
            io.risbnn.train.Seeds.seedEngine(seed);
            long networks = io.risbnn.eval.Predictive.drawSeed(model.manager());
            OutOfDistribution.Result result = OutOfDistribution.evaluate(trained.outputs(),
                    model.likelihood().outputSize(), new ImageExamples(in, normalizer, null, 0),
                    new ImageExamples(ood, normalizer, null, 0), samples, networks);
            String table = table(result);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("run", run.toString());
            json.put("in_data", setup.dataSpec());
            json.put("ood_data", oodData);
            json.put("model_input", shapeText(shape[0], shape[1], shape[2]));
            json.put("ood_input", oodShape);
            json.put("ood_resized", converted);
            json.put("samples", samples);
            json.put("seed", seed);
            json.put("limit", limit);
            json.put("n_in", result.inSize());
            json.put("n_ood", result.oodSize());
            json.put("objective", trained.config().objective().cliName());
            Map<String, Object> scores = new LinkedHashMap<>();
            for (OutOfDistribution.Score s : result.scores()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("auroc", s.auroc());
                entry.put("auroc_se", s.aurocSe());
                entry.put("mean_in", s.meanIn());
                entry.put("mean_ood", s.meanOod());
                scores.put(s.name(), entry);
            }
            json.put("scores", scores);
            try {
                Files.createDirectories(outDir);
            } catch (IOException e) {
                throw new RisbnnException("--out " + outDir + ": cannot create the directory (" + e.getMessage() + ")");
            }
            String header = "OOD detection: " + setup.dataSpec() + " (in, " + result.inSize() + " test images) vs "
                    + oodData + " (OOD, " + result.oodSize() + " test images" + (converted ? ", " + oodShape + " converted to "
                    + shapeText(shape[0], shape[1], shape[2]) : "") + "), S = " + samples + " networks; AUROC with OOD as positives";
            AtomicFiles.writeString(outDir.resolve("ood.json"), Json.toJson(json));
            AtomicFiles.writeString(outDir.resolve("ood.md"), header + "\n\n" + table);
            OodScoresFile.write(outDir, result);
            rocPlot(result, setup.dataSpec()).savePng(outDir.resolve("roc.png"));
            System.out.println(header);
            System.out.print(table);
            System.out.println("wrote " + outDir.resolve("ood.json") + ", ood.md, roc.png and " + OodScoresFile.FILE_NAME);
        }
        return 0;
    }

    /** One ROC curve per score, OOD images as positives. */
    private RocPlot rocPlot(OutOfDistribution.Result result, String inData) {
        RocPlot plot = new RocPlot("OOD detection: " + shortSpec(oodData) + " (positives) vs " + shortSpec(inData)
                + ", S = " + samples);
        for (OutOfDistribution.Score s : result.scores()) {
            plot.addCurve(s.name(), s.ood(), s.in());
        }
        return plot;
    }

    static String table(OutOfDistribution.Result result) {
        MarkdownTable t = new MarkdownTable("score", "AUROC", "mean in-dist", "mean OOD");
        for (OutOfDistribution.Score s : result.scores()) {
            t.addRow(s.name(), String.format(Locale.ROOT, "%.4f ± %.4f", s.auroc(), s.aurocSe()),
                    String.format(Locale.ROOT, "%.4f", s.meanIn()), String.format(Locale.ROOT, "%.4f", s.meanOod()));
        }
        return t.render();
    }

    private static ImageDataSpec parseOodSpec(String spec) {
        if (!ImageDataSpec.isImage(spec)) {
            throw new RisbnnException("--ood-data '" + spec + "': expected an image data set (fashion-mnist, mnist:DIR, "
                    + "fashion-mnist:DIR, cifar10:DIR, cifar100:DIR or imagefolder:DIR)");
        }
        try {
            return ImageDataSpec.parse(spec);
        } catch (RisbnnException e) {
            String message = e.getMessage();
            throw new RisbnnException(message.startsWith("--data") ? "--ood-data" + message.substring("--data".length()) : message, e);
        }
    }

    /** A data spec for a title: KIND:DIR shortened to KIND:NAME, so that a long path does not overflow it. */
    static String shortSpec(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return spec;
        }
        Path name = Path.of(spec.substring(colon + 1)).getFileName();
        return name == null ? spec : spec.substring(0, colon + 1) + name;
    }

    private static String shapeText(int c, int h, int w) {
        return c + "×" + h + "×" + w;
    }
}
