package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.api.Posterior;
import io.risbnn.data.image.ImageDataSpec;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageSet;
import io.risbnn.eval.SampledNetworks;
import io.risbnn.experiment.ClassificationSetup;
import io.risbnn.eval.ClassificationEvaluation;
import io.risbnn.experiment.ModelFiles;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.HistogramPlot;
import io.risbnn.report.Json;
import io.risbnn.report.Stats;
import io.risbnn.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code risbnn sample-models}: the accuracy of each of N networks sampled from the posterior of a
 * trained classifier, each applied to the whole test set (Figure 2, right), and of their posterior
 * predictive.
 */
@Command(name = "sample-models", mixinStandardHelpOptions = true,
        description = "Sample N networks from the posterior of a trained image classifier (DIR from train) and report "
                + "the test accuracy of each and of their posterior predictive; writes OUT/summary.json, "
                + "OUT/accuracies.csv and OUT/histogram.png.")
final class SampleModelsCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run directory written by train (an image classification run).")
    Path run;

    @Option(names = "--count", defaultValue = "1000", description = "Networks to sample. Default: ${DEFAULT-VALUE}")
    int count;

    @Option(names = "--seed", description = "Seed of the sampled networks. Default: the run's seed.")
    Long seed;

    @Option(names = "--block-size", defaultValue = "" + SampledNetworks.DEFAULT_BLOCK_SIZE,
            description = "Networks per forward pass; part of the networks' identity (same seed and block size: same "
                    + "networks). Default: ${DEFAULT-VALUE}")
    int blockSize;

    @Option(names = "--limit", defaultValue = "0",
            description = "Use N test images, evenly spaced through the test set so every class folder is represented "
                    + "(0: all). Default: ${DEFAULT-VALUE}")
    int limit;

    @Option(names = "--out", description = "Output directory. Default: DIR/sample-models.")
    Path out;

    @Mixin
    RuntimeOptions runtime;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new RisbnnException("--count " + count + ": expected an integer >= 1");
        }
        if (limit < 0) {
            throw new RisbnnException("--limit " + limit + ": expected an integer >= 0 (0: all test images)");
        }
        if (blockSize < 1) {
            throw new RisbnnException("--block-size " + blockSize + ": expected an integer >= 1");
        }
        if (!Files.isDirectory(run)) {
            throw new RisbnnException("--run " + run + ": not a directory (expected a run directory written by risbnn train)");
        }
        Path file = RunDirectories.checkpoint(run);
        if (!ModelFiles.isClassification(Checkpoint.load(file))) {
            throw new RisbnnException("--run " + run + ": a regression run; sample-models needs an image classification run "
                    + "(use eval --samples N for the sampled predictive of a regression run)");
        }
        runtime.apply(true);
        Path dir = out != null ? out : run.resolve("sample-models");
        OutputDirectory.requireWritable(dir, "--out");   // before the sampling, which can take hours
        try (Posterior trained = RunDirectories.open(run)) {
            BayesianModel model = trained.model();
            ClassificationSetup setup = trained.imageRunSetup();
            ImageSet images = ImageDataSpec.parse(setup.dataSpec()).load(false, Integer.MAX_VALUE).evenlySpaced(limit);
            ImageExamples test = new ImageExamples(images, setup.normalizer(), null, setup.subsetSeed());
            int[] labels = test.labels();
            long networkSeed = seed != null ? seed : trained.config().seed();
            PosteriorOutputs posterior = trained.outputs();

            SampledNetworks.Result result;
            ProgressBar bar = runtime.showBar() ? new ProgressBarBuilder().setTaskName("sample-models")
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build() : null;
            try {
                result = SampledNetworks.run(posterior, model.likelihood().outputSize(), test, labels, count, networkSeed,
                        blockSize,
                        model.spec().evaluationRowsPerPass(), bar == null ? null : (done, total) -> {
                            bar.maxHint(total);
                            bar.stepTo(done);
                        });
            } finally {
                if (bar != null) {
                    bar.close();
                }
            }
            Map<String, Map<String, Double>> deterministic = ClassificationEvaluation.deterministic(posterior, test, labels,
                    null);
            write(dir, trained.config().estimator(), trained.config().objective().cliName(), networkSeed,
                    labels.length, result, deterministic);
        }
        return 0;
    }

    private void write(Path dir, String estimator, String objective, long networkSeed, int examples,
                       SampledNetworks.Result result, Map<String, Map<String, Double>> deterministic) {
        // the predictive the title and summary line name: mean-var where the run has it, else the first one
        String shown = deterministic.containsKey(VariationalPosterior.MEAN_VAR) ? VariationalPosterior.MEAN_VAR
                : deterministic.keySet().stream().findFirst().orElse(null);
        Map<String, Double> named = shown == null ? null : deterministic.get(shown);
        double[] accuracy = result.accuracy();
        Map<String, Double> predictive = result.predictiveMetrics();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("run", run.toString());
        summary.put("estimator", estimator);
        summary.put("objective", objective);
        summary.put("seed", networkSeed);
        summary.put("block_size", blockSize);
        summary.put("test_examples", examples);
        summary.put("count", accuracy.length);
        summary.put("accuracy", describe(accuracy));
        summary.put("nll", describe(result.nll()));
        summary.put("predictive", predictive);
        summary.putAll(deterministic);
        StringBuilder csv = new StringBuilder("network,accuracy\n");
        for (int k = 0; k < accuracy.length; k++) {
            csv.append(k).append(',').append(accuracy[k]).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("accuracies.csv"), csv.toString());
        Map<String, Double> stats = describe(accuracy);
        String title = String.format(Locale.ROOT, "%d networks sampled from the posterior (%s, %s): predictive %.4f%s",
                accuracy.length, estimator, objective, predictive.get("accuracy"),
                named == null ? "" : String.format(Locale.ROOT, ", %s %.4f", shown, named.get("accuracy")));
        new HistogramPlot(title, "test accuracy of one sampled network")
                .addSeries("networks", accuracy, bins(accuracy, examples)).savePng(dir.resolve("histogram.png"));
        AtomicFiles.writeString(dir.resolve("summary.json"), Json.toJson(summary));
        System.out.println(String.format(Locale.ROOT,
                "sample-models %s: %d networks, accuracy mean %.4f std %.4f min %.4f median %.4f max %.4f; "
                        + "posterior predictive accuracy %.4f nll %.4f%s; wrote %s",
                run, accuracy.length, stats.get("mean"), stats.get("std"), stats.get("min"), stats.get("median"),
                stats.get("max"), predictive.get("accuracy"), predictive.get("nll"), deterministicText(deterministic), dir));
    }

    /** "; moment accuracy 0.91; meanvar accuracy 0.93" for the run's deterministic predictives. */
    private static String deterministicText(Map<String, Map<String, Double>> deterministic) {
        StringBuilder out = new StringBuilder();
        deterministic.forEach((name, m) -> out.append(String.format(Locale.ROOT, "; %s accuracy %.4f",
                name.equals(VariationalPosterior.MEAN_VAR) ? "mean-var" : name, m.get("accuracy"))));
        return out.toString();
    }

    /** mean, std (n−1), min, median, max. */
    static Map<String, Double> describe(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("mean", Stats.mean(values));
        m.put("std", Stats.std(values));
        m.put("min", sorted[0]);
        m.put("median", median);
        m.put("max", sorted[n - 1]);
        return m;
    }

    /**
     * About √count bins (5–40), but no more than the distinct accuracies the range can hold (they are
     * multiples of 1/examples), so bins do not alternate between empty and full.
     */
    static int bins(double[] accuracy, int examples) {
        double min = Arrays.stream(accuracy).min().orElse(0);
        double max = Arrays.stream(accuracy).max().orElse(0);
        int steps = (int) Math.round((max - min) * examples) + 1;
        int bins = (int) Math.max(5, Math.min(40, Math.round(Math.sqrt(accuracy.length))));
        return Math.max(1, Math.min(bins, steps));
    }
}
