package io.risbnn.cli;

import ai.djl.ndarray.NDManager;
import io.risbnn.RisbnnException;
import io.risbnn.data.DataSpec;
import io.risbnn.data.RegressionData;
import io.risbnn.data.RegressionSource;
import io.risbnn.data.TrainTestSplit;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.ModelFiles;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.train.Checkpoint;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code risbnn eval}: re-evaluates a trained run on its test split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a trained run (DIR from train) on its test split; prints and writes DIR/eval.json.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run directory written by train.")
    Path run;

    @Option(names = "--samples", defaultValue = "100", description = "Networks sampled for the posterior predictive. Default: ${DEFAULT-VALUE}")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the predictive samples. Default: ${DEFAULT-VALUE}")
    long seed;

    @Mixin
    RuntimeOptions runtime;

    @Override
    public Integer call() {
        runtime.apply();
        if (samples < 1) {
            throw new RisbnnException("--samples " + samples + ": expected an integer >= 1");
        }
        Path file = run.resolve("model").resolve(Checkpoint.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new RisbnnException("--run " + run + ": no checkpoint at " + file + " (expected a directory written by risbnn train)");
        }
        Seeds.seedEngine(seed);
        if (ModelFiles.isClassification(Checkpoint.load(file))) {
            try (NDManager root = NDManager.newBaseManager()) {
                var restored = ModelFiles.loadClassification(file, root);
                try (var model = restored.model()) {
                    write(ClassificationRun.evaluate(restored, samples));
                }
            }
            return 0;
        }
        try (NDManager root = NDManager.newBaseManager()) {
            var restored = ModelFiles.load(file, root);
            try (var model = restored.model()) {
                RegressionSource source = DataSpec.parseRegression(restored.setup().dataSpec());
                TrainTestSplit split = source.split(restored.setup().split(), RegressionRun.SPLIT_SEED);
                RegressionData test = source.data().subset(split.test());
                var targets = restored.setup().targets();
                DenseExamples testSet = new DenseExamples(restored.setup().features().transform(test.features()),
                        targets.transform(test.targets()));
                Map<String, Double> metrics = RegressionEvaluation.evaluate(model, testSet, test.targets(), targets, samples,
                        restored.config().objective());
                write(metrics);
            }
        }
        return 0;
    }

    private void write(Map<String, Double> metrics) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("run", run.toString());
        out.put("samples", samples);
        out.put("metrics", metrics);
        AtomicFiles.writeString(run.resolve("eval.json"), Json.toJson(out));
        System.out.println(MetricsText.line("eval " + run, metrics));
    }
}
