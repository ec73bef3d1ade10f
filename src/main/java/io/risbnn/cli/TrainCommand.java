package io.risbnn.cli;

import io.risbnn.data.DataSpec;
import io.risbnn.data.RegressionSource;
import io.risbnn.estimator.Estimators;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.train.Checkpoint;
import io.risbnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code risbnn train}: one run, with per-epoch metrics, a summary and a checkpoint. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one Bayesian network; writes DIR/metrics.jsonl, DIR/summary.json and DIR/model/.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", defaultValue = DataSpec.DEFAULT_REGRESSION,
            description = "concrete (shipped), uci:DIR or table:FILE. Default: ${DEFAULT-VALUE}")
    String data;

    @Option(names = "--split", defaultValue = "0", description = "Train/test split index. Default: ${DEFAULT-VALUE}")
    int split;

    @Option(names = "--estimator", defaultValue = "ris", description = "mc-shared, lrt, analytic or ris. Default: ${DEFAULT-VALUE}")
    String estimator;

    @Option(names = "--seed", defaultValue = "0", description = "The one seed of every random draw. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--overwrite", description = "Replace results already in --out.")
    boolean overwrite;

    @Mixin
    TrainingOptions training;

    @Mixin
    ModelOptions model;

    @Mixin
    RuntimeOptions runtime;

    @Override
    public Integer call() {
        runtime.apply();
        model.validate();
        RegressionSource source = DataSpec.parseRegression(data);
        Estimators.byName(estimator, training.risConfig());
        int trainRows = source.split(split, RegressionRun.SPLIT_SEED).train().length;
        TrainConfig config = training.toConfig(estimator, seed, source.epochsHint() != null ? source.epochsHint() : 40, trainRows);
        Estimators.checkPair(Estimators.byName(estimator, config.ris()), config.objective());
        Path dir = OutputDirectory.prepare(out, overwrite);
        Path metricsFile = dir.resolve("metrics.jsonl");
        RegressionRun.Options options = new RegressionRun.Options(model.hiddenOr(source.hiddenUnitsHint()),
                model.sigmaRatio, model.rho0, model.evalSamples, true, runtime.showProgress());
        RegressionRun.Outcome outcome = RegressionRun.run(data, source, split, config, options,
                dir.resolve("model").resolve(Checkpoint.FILE_NAME),
                m -> AtomicFiles.appendLine(metricsFile, Json.toJsonLine(m.asMap())));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("estimator", outcome.estimator());
        summary.put("objective", outcome.objective());
        summary.put("data", data);
        summary.put("split", split);
        summary.put("seed", seed);
        summary.put("metrics", outcome.metrics());
        summary.put("seconds", outcome.trainSeconds());
        summary.put("config", config);
        AtomicFiles.writeString(dir.resolve("summary.json"), Json.toJson(summary));
        System.out.println(MetricsText.line(estimator + " (" + outcome.objective() + ")", outcome.metrics())
                + String.format("  train %.1fs", outcome.trainSeconds()));
        System.out.println("wrote " + dir.resolve("summary.json") + ", " + metricsFile + ", " + dir.resolve("model"));
        return 0;
    }
}
