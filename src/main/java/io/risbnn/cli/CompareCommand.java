package io.risbnn.cli;

import io.risbnn.experiment.RunOutcome;
import io.risbnn.RisbnnException;
import io.risbnn.data.RegressionSource;
import io.risbnn.estimator.Estimators;
import io.risbnn.data.image.ImageDataSpec;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.Comparison;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code risbnn compare}: every estimator on the same data, seeds and splits (seed k trains on split
 * k); mean ± standard error over seeds, a markdown table, and the training-loss traces (Figure 1).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare estimators on equal terms; writes DIR/summary.json, DIR/summary.md, DIR/trace.png, DIR/trace-nll.png.")
final class CompareCommand implements Callable<Integer> {
    @Option(names = "--seeds", defaultValue = "3", description = "Seeds (and splits) per estimator. Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--seed", defaultValue = "0", description = "First seed. Default: ${DEFAULT-VALUE}")
    long firstSeed;

    @Mixin
    DataOption data;

    @Mixin
    EstimatorsOption estimators;

    @Mixin
    OutputOptions output;

    @Mixin
    TrainingOptions training;

    @Mixin
    ModelOptions model;

    @Mixin
    ImageOptions image;

    @Mixin
    RuntimeOptions runtime;

    @Override
    public Integer call() {
        runtime.apply(io.risbnn.data.image.ImageDataSpec.isImage(data.spec));
        model.validate();
        if (seeds < 1) {
            throw new RisbnnException("--seeds " + seeds + ": expected an integer >= 1");
        }
        image.checkUnused(data.spec);
        data.tableOptions(); // refuses csv-only options for other data
        if (ImageDataSpec.isImage(data.spec)) {
            return compareImages();
        }
        RegressionSource source = data.regressionSource();
        if (seeds > source.splitCount()) {
            throw new RisbnnException("--seeds " + seeds + ": " + source.name() + " has only " + source.splitCount() + " splits");
        }
        int validation = image.regressionValidation();
        int trainRows = source.split(0, RegressionRun.SPLIT_SEED).train().length - validation;
        int defaultEpochs = source.epochsHint() != null ? source.epochsHint() : 40;
        List<TrainConfig> configs = new ArrayList<>();
        for (String name : estimators.names) {
            TrainConfig config = training.toConfig(name.trim(), firstSeed, defaultEpochs, trainRows);
            Estimators.checkPair(Estimators.byName(config.estimator(), config.ris()), config.objective());
            configs.add(config);
        }
        Path dir = output.prepare(Path.of("risbnn-compare"));
        RegressionRun.Options options = new RegressionRun.Options(model.hiddenOr(source.hiddenUnitsHint()),
                model.sigmaRatio, model.rho0, model.evalSamples, false, runtime.showProgress(), validation,
                model.variant());
        Comparison comparison = new Comparison();
        for (int k = 0; k < seeds; k++) {
            for (TrainConfig config : configs) {
                TrainConfig seeded = config.withSeed(firstSeed + k);
                Path runLog = dir.resolve("runs").resolve(config.estimator() + "-seed" + seeded.seed() + ".jsonl");
                AtomicFiles.writeString(runLog, "");
                RunOutcome outcome = RegressionRun.run(data.canonicalSpec(), source, k, seeded, options, null,
                        m -> AtomicFiles.appendLine(runLog, Json.toJsonLine(m.asMap())));
                comparison.add(outcome);
                System.out.println(MetricsText.line(String.format("%-9s seed %d", config.estimator(), seeded.seed()),
                        outcome.metrics()) + String.format("  train %.1fs", outcome.trainSeconds()));
            }
        }
        String title = "Training loss, " + source.name() + ", M=" + training.samples + ", " + objectives(configs)
                + " (seed " + firstSeed + ")";
        comparison.write(dir, title, "data " + data.spec + ", estimators " + String.join(",", estimators.names) + ", seeds " + seeds
                + ", hidden " + Arrays.toString(options.hidden()) + ", epochs " + configs.get(0).epochs());
        System.out.println();
        System.out.println(comparison.markdown());
        System.out.println("wrote " + dir.resolve("summary.json") + ", " + dir.resolve("summary.md") + ", "
                + dir.resolve("trace.png") + ", " + dir.resolve("trace-nll.png"));
        return 0;
    }

    /** Seed k trains on the subset drawn from seed k (the test images are the same for every run). */
    private int compareImages() {
        ClassificationRun.Options options = image.toOptions(model, false, runtime.showProgress());
        ClassificationRun.Data images = ClassificationRun.load(data.canonicalSpec(), options.subset());
        int trainRows = options.subset() > 0 ? Math.min(options.subset(), images.train().size()) : images.train().size();
        List<TrainConfig> configs = new ArrayList<>();
        for (String name : estimators.names) {
            TrainConfig config = training.toConfig(name.trim(), firstSeed, ClassificationRun.DEFAULT_EPOCHS, trainRows);
            Estimators.checkPair(Estimators.byName(config.estimator(), config.ris()), config.objective());
            configs.add(config);
        }
        Path dir = output.prepare(Path.of("risbnn-compare"));
        Comparison comparison = new Comparison();
        for (int k = 0; k < seeds; k++) {
            for (TrainConfig config : configs) {
                TrainConfig seeded = config.withSeed(firstSeed + k);
                Path runLog = dir.resolve("runs").resolve(config.estimator() + "-seed" + seeded.seed() + ".jsonl");
                AtomicFiles.writeString(runLog, "");
                RunOutcome outcome = ClassificationRun.run(images, seeded, options, null,
                        m -> AtomicFiles.appendLine(runLog, Json.toJsonLine(m.asMap())));
                comparison.add(outcome);
                System.out.println(MetricsText.line(String.format("%-9s seed %d", config.estimator(), seeded.seed()),
                        outcome.metrics()) + String.format("  train %.1fs", outcome.trainSeconds()));
            }
        }
        String title = "Training loss, " + images.train().name() + ", M=" + training.samples + ", "
                + objectives(configs) + " (seed " + firstSeed + ")";
        comparison.write(dir, title, "data " + data.spec + ", estimators " + String.join(",", estimators.names)
                + ", seeds " + seeds + ", model " + (options.model() != null ? options.model() : "default")
                + (options.subset() > 0 ? ", subset " + options.subset() : "") + ", epochs " + configs.get(0).epochs());
        System.out.println();
        System.out.println(comparison.markdown());
        System.out.println("wrote " + dir.resolve("summary.json") + ", " + dir.resolve("summary.md") + ", "
                + dir.resolve("trace.png") + ", " + dir.resolve("trace-nll.png"));
        return 0;
    }

    /** "objective mean-var", or "objectives elbo/mean-var" when the estimators' defaults differ. */
    private static String objectives(List<TrainConfig> configs) {
        List<String> names = configs.stream().map(c -> c.objective().cliName()).distinct().toList();
        return (names.size() == 1 ? "objective " : "objectives ") + String.join("/", names);
    }
}
