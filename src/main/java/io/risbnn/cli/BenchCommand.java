package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.bench.TrainStepBench;
import io.risbnn.estimator.RisConfig;
import io.risbnn.objective.Objective;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.train.ProgressReporter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code risbnn bench}: the speed and memory of training steps on random images. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training steps (forward, backward, Adam update) of an image model on random data; "
                + "prints ms/step, images/s, peak memory and the engine's matmul GFLOP/s.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "resnet20",
            description = "lenet, mlp-image (1×28×28 images), resnet20, resnet32 or resnet56 (3×32×32). Default: ${DEFAULT-VALUE}")
    String model;

    @Option(names = {"--batch-size", "--batch"}, defaultValue = "128", description = "Images per step. Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--estimator", defaultValue = "mc-shared", description = "mc-shared, lrt, analytic or ris (VI), or a method with its own step: vogn, adversarial. Default: ${DEFAULT-VALUE}")
    String estimator;

    @Option(names = "--samples", defaultValue = "1", description = "M, samples per step. Default: ${DEFAULT-VALUE}")
    int samples;

    @Option(names = "--objective",
            description = "elbo, moment or mean-var. Default: the estimator's training default (elbo for mc-shared and lrt,"
                    + " mean-var for analytic, quadrature and ris).")
    String objective;

    @Option(names = "--ris-gradient", defaultValue = "hybrid",
            description = "For ris: pathwise, hybrid or hybrid-independent. Default: ${DEFAULT-VALUE}")
    String risGradient;

    @Option(names = "--steps", defaultValue = "8", description = "Timed steps. Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed steps before them. Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the model, the random data and every draw. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--soak", description = "Instead of timing: run this many training steps (cycling over 50 random"
            + " batches) and print the resident memory every --soak-every steps, and the last reading over the first.")
    Integer soak;

    @Option(names = "--soak-every", defaultValue = "1000", description = "Steps between RSS readings of --soak. Default: ${DEFAULT-VALUE}")
    int soakEvery;

    @Option(names = "--json", description = "Also write the figures (and every step's time) to this JSON file.")
    Path json;

    @Mixin
    RuntimeOptions runtime;

    @Override
    public Integer call() {
        OptionChecks.atLeast("--batch-size", batch, 1);   // before TrainStepBench, whose message says --batch
        Objective parsed = objective == null ? null : Objective.parse(objective);
        RisConfig ris = RisConfig.defaults().withGradient(RisConfig.Gradient.parse(risGradient));
        TrainStepBench.Options options = new TrainStepBench.Options(model, batch, estimator.trim(), parsed, samples,
                steps, warmup, seed, ris);
        if (json != null && java.nio.file.Files.isDirectory(json)) {
            throw new RisbnnException("--json " + json + ": is a directory (expected a file name)");
        }
        if (json != null) {
            OutputDirectory.requireWritable(json.toAbsolutePath().getParent(), "--json");
        }
        runtime.apply(true);
        ProgressReporter progress = runtime.showBar() ? ProgressReporter.bar("bench") : ProgressReporter.silent();
        if (soak != null) {
            OptionChecks.atLeast("--soak-every", soakEvery, 1);
            TrainStepBench.Soak result = TrainStepBench.soak(options, soak, soakEvery, progress);
            System.out.println(result.line());
            return 0;
        }
        TrainStepBench.Result result = TrainStepBench.run(options, progress);
        System.out.println(result.line());
        if (json != null) {
            AtomicFiles.writeString(json, Json.toJson(result.asMap()));
            System.out.println("wrote " + json);
        }
        return 0;
    }
}
