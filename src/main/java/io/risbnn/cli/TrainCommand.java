package io.risbnn.cli;

import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.FitBuilder;
import io.risbnn.api.Posterior;
import io.risbnn.experiment.RunOutcome;
import io.risbnn.RisbnnException;
import io.risbnn.data.RegressionSource;
import io.risbnn.estimator.Estimators;
import io.risbnn.method.Methods;
import io.risbnn.data.image.ImageDataSpec;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.TraceFile;
import io.risbnn.train.BnnTrainer;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.train.Checkpoint;
import io.risbnn.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code risbnn train}: one run, with per-epoch metrics, a summary and checkpoints; or a resumed run. The options
 * are checked and turned into a configuration here; the run itself goes through the library facade
 * ({@link BayesianNetworks}), the one path to training a project data set.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one Bayesian network; writes DIR/metrics.jsonl, DIR/summary.json, DIR/trace.csv and DIR/model/.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--split", defaultValue = "0", description = "Train/test split index. Default: ${DEFAULT-VALUE}")
    int split;

    @Option(names = "--estimator", defaultValue = "ris", description = "mc-shared, lrt, analytic, quadrature or ris (VI); map is the same as --method map. Default: ${DEFAULT-VALUE}")
    String estimator;

    @Option(names = "--seed", defaultValue = "0", description = "The one seed of every random draw. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--resume", description = "Continue the run in this directory from its last checkpoint, with its own configuration.")
    Path resume;

    @Option(names = "--checkpoint-every", defaultValue = "0",
            description = "Also checkpoint every N steps (0: at the end of every epoch only). Default: ${DEFAULT-VALUE}")
    long checkpointEvery;

    @Mixin
    DataOption data;

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

    @Spec
    CommandSpec spec;

    /** Options that may accompany --resume; everything else comes from the checkpoint. */
    private static final List<String> RESUME_OPTIONS = List.of("--resume", "--checkpoint-every", "--threads", "--progress", "--no-progress");

    @Override
    public Integer call() {
        runtime.apply(io.risbnn.data.image.ImageDataSpec.isImage(data.spec));
        if (checkpointEvery < 0) {
            throw new RisbnnException("--checkpoint-every " + checkpointEvery + ": expected an integer >= 0");
        }
        try (InterruptNotice notice = InterruptNotice.install(resume != null ? resume : output.out, resume != null)) {
            return resume != null ? resumeRun() : freshRun();
        }
    }

    private int freshRun() {
        if (output.out == null) {
            throw new RisbnnException("--out: required (or --resume DIR to continue a run)");
        }
        model.validate();
        image.checkUnused(data.spec);
        data.tableOptions(); // refuses csv-only options for other data
        if (ImageDataSpec.isImage(data.spec)) {
            return freshImageRun();
        }
        RegressionSource source = data.regressionSource();
        checkMethodOptions();
        int validation = image.regressionValidation();
        int trainRows = source.split(split, RegressionRun.SPLIT_SEED).train().length - validation;
        TrainConfig config = training.toConfig(estimator, seed, source.epochsHint() != null ? source.epochsHint() : 40, trainRows);
        Estimators.checkPair(Methods.estimatorOf(config.estimator(), config.ris()), config.objective());
        model.variant();   // refuses a bad --logit-expectation before any output
        Path dir = output.prepare(output.out);
        FitBuilder fit = BayesianNetworks.regression().data(data.canonicalSpec(), source, split);
        if (validation > 0) {
            fit.validation(validation);
        }
        return trainThrough(FacadeFits.withModelOptions(fit, model), config, dir, data.canonicalSpec(), split);
    }

    private int freshImageRun() {
        checkMethodOptions();
        ClassificationRun.Options options = image.toOptions(model, true, runtime.showProgress());   // checks the options
        ClassificationRun.Data images = ClassificationRun.load(data.canonicalSpec(), options.subset());
        int trainRows = options.subset() > 0 ? Math.min(options.subset(), images.train().size()) : images.train().size();
        TrainConfig config = training.toConfig(estimator, seed, ClassificationRun.DEFAULT_EPOCHS, trainRows);
        Estimators.checkPair(Methods.estimatorOf(config.estimator(), config.ris()), config.objective());
        Path dir = output.prepare(output.out);
        FitBuilder fit = FacadeFits.withImageOptions(FacadeFits.withModelOptions(BayesianNetworks.images(images), model), options);
        return trainThrough(fit, config, dir, data.canonicalSpec(), 0);
    }

    /** Trains through the library facade, which writes the checkpoints; metrics.jsonl, trace.csv and summary.json are written here. */
    private int trainThrough(FitBuilder fit, TrainConfig config, Path dir, String dataSpec, int splitIndex) {
        Path metricsFile = dir.resolve("metrics.jsonl");
        fit.trainConfig(config).progress(runtime.showProgress()).checkpoints(dir, checkpointEvery)
                .onEpoch(m -> AtomicFiles.appendLine(metricsFile, Json.toJsonLine(m.asMap())));
        try (Posterior posterior = FacadeErrors.asOptions(fit::fit)) {
            finish(dir, posterior.outcome(), config, dataSpec, splitIndex, config.seed());
        }
        return 0;
    }

    /** The estimator is VI's: refused with a method built on MAP, validated otherwise. */
    private void checkMethodOptions() {
        if (training.isNonVi(estimator)) {
            String name = training.runName(estimator);
            for (String option : java.util.List.of("--estimator", "--samples")) {
                boolean saysMethod = option.equals("--estimator") && io.risbnn.method.Methods.isNonVi(estimator);
                if (option.equals("--samples") && io.risbnn.method.Methods.of(name).drawsWeightSamples()) {
                    continue;
                }
                if (!saysMethod && spec.commandLine().getParseResult().hasMatchedOption(option)) {
                    throw new RisbnnException(option + ": not used by --method " + name + " (one deterministic forward per step)");
                }
            }
            return;
        }
        Estimators.byName(estimator, training.risConfig());
    }

    private int resumeRun() {
        for (var option : spec.commandLine().getParseResult().matchedOptions()) {
            if (!RESUME_OPTIONS.contains(option.longestName())) {
                throw new RisbnnException(option.longestName() + ": not allowed with --resume (the run continues with its own configuration)");
            }
        }
        Path file = checkpointFile(resume);
        if (!Files.isRegularFile(file) && !Files.isRegularFile(Checkpoint.previousOf(file))) {
            throw new RisbnnException("--resume " + resume + ": no checkpoint at " + file + " (expected a directory written by risbnn train)");
        }
        OutputDirectory.requireWritable(file.getParent(), "--resume");
        Path metricsFile = resume.resolve("metrics.jsonl");
        Checkpoint checkpoint = Checkpoint.loadForResume(file);
        int epochsLogged = checkpoint.header().getAsJsonObject("state").getAsJsonArray("history").size();
        AtomicFiles.keepFirstLines(metricsFile, epochsLogged, "metrics file");
        BnnTrainer.EpochListener listener = m -> AtomicFiles.appendLine(metricsFile, Json.toJsonLine(m.asMap()));
        RunOutcome outcome;
        try (Posterior posterior = BayesianNetworks.resume(resume, checkpointEvery, listener)) {
            outcome = posterior.outcome();
        }
        TrainConfig config = io.risbnn.report.Json.GSON.fromJson(checkpoint.header().get("config"), TrainConfig.class);
        var setup = checkpoint.header().getAsJsonObject("setup");
        finish(resume, outcome, config, setup.get("dataSpec").getAsString(), setup.get("split").getAsInt(), config.seed());
        return 0;
    }

    private static Path checkpointFile(Path dir) {
        return dir.resolve("model").resolve(Checkpoint.FILE_NAME);
    }

    private static void finish(Path dir, RunOutcome outcome, TrainConfig config, String data, int split, long seed) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("estimator", outcome.estimator());
        summary.put("objective", outcome.objective());
        summary.put("data", data);
        summary.put("split", split);
        summary.put("seed", seed);
        summary.put("epochs", outcome.history().size());
        summary.put("metrics", outcome.metrics());
        summary.put("seconds", outcome.trainSeconds());
        summary.put("config", config);
        TraceFile.write(dir, outcome.stepLosses(), outcome.stepNlls());
        AtomicFiles.writeString(dir.resolve("summary.json"), Json.toJson(summary));
        System.out.println(MetricsText.line(outcome.estimator() + " (" + outcome.objective() + ")", outcome.metrics())
                + String.format("  train %.1fs", outcome.trainSeconds()));
        System.out.println("wrote " + dir.resolve("summary.json") + ", " + dir.resolve("metrics.jsonl") + ", " + dir.resolve("model"));
    }
}
