package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.experiment.Table1;
import io.risbnn.experiment.Table1Runner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code risbnn table1}: the poster's Table 1 protocol (CIFAR-10, ResNet-20) for the rows this project
 * implements. The protocol's defaults live in {@link Table1}; every option here only overrides one of
 * them (an option left out keeps the protocol's value), see docs/table1-protocol.md.
 */
@Command(name = "table1", mixinStandardHelpOptions = true,
        description = {"Run the poster's Table 1 protocol (MFVI, tempered MFVI, RIS) over seeds; writes DIR/table1.md, "
                + "DIR/table1.json and DIR/runs/ROW-seedK.jsonl.",
                "Restarting with the same --out keeps finished (row, seed) runs and continues an unfinished one from its checkpoint.",
                "Defaults are the full protocol (100 epochs, M=10, 3 seeds: days on a 2-core CPU); use --epochs, --subset, "
                + "--seeds, --samples, --model for cheaper runs."})
final class Table1Command implements Callable<Integer> {
    @Option(names = "--data", required = true,
            description = "CIFAR-10: cifar10:DIR (binary batches) or imagefolder:DIR (e.g. ../shared/data/cifar10-jpeg); any image spec works.")
    String data;

    @Option(names = "--rows", split = ",", description = "Rows to run: mfvi, tempered, ris, ris-m100 (RIS with --large-samples). Default: mfvi,tempered,ris")
    List<String> rows;

    @Option(names = "--seeds", description = "Seeds per row. Default: " + Table1.DEFAULT_SEEDS)
    Integer seeds;

    @Option(names = "--seed", description = "First seed (run k uses seed+k). Default: 0")
    Long firstSeed;

    @Option(names = "--epochs", description = "Epochs per run. Default: " + Table1.DEFAULT_EPOCHS + " (the poster's Figure 2)")
    Integer epochs;

    @Option(names = "--subset", description = "Train on N training images (seeded subset). Default: all")
    Integer subset;

    @Option(names = "--model", description = "Architecture (lenet, mlp-image, resnet20, resnet32, resnet56). Default: " + Table1.DEFAULT_MODEL)
    String model;

    @Option(names = {"--batch-size", "--batch"}, description = "Batch size. Default: " + Table1.DEFAULT_BATCH)
    Integer batchSize;

    @Option(names = "--optimizer", description = "adam or sgd. Default: " + Table1.DEFAULT_OPTIMIZER)
    String optimizer;

    @Option(names = "--momentum", description = "SGD momentum. Default: 0.9")
    Double momentum;

    @Option(names = "--lr", description = "Base learning rate. Default: " + Table1.DEFAULT_LR)
    Double lr;

    @Option(names = "--lr-schedule", description = "constant, step or cosine. Default: " + Table1.DEFAULT_LR_SCHEDULE)
    String lrSchedule;

    @Option(names = "--lr-step-epochs", description = "Epochs between decays (step schedule). Default: 30")
    Integer lrStepEpochs;

    @Option(names = "--lr-gamma", description = "Decay factor (step schedule). Default: 0.1")
    Double lrGamma;

    @Option(names = "--temperature", description = "Cold-posterior temperature T of the tempered MFVI and RIS rows (KL term T·KL/N; MFVI keeps T=1). Default: " + Table1.DEFAULT_TEMPERATURE)
    Double temperature;

    @Option(names = "--kl-warmup-epochs", description = "Linear KL warm-up in epochs (0: off). Default: 0")
    Double klWarmupEpochs;

    @Option(names = "--prior", description = "gaussian:SIGMA or mixture:PI,S1,S2. Default: " + Table1.DEFAULT_PRIOR)
    String prior;

    @Option(names = "--samples", description = "M of the mfvi, tempered and ris rows. Default: " + Table1.DEFAULT_SAMPLES)
    Integer samples;

    @Option(names = "--large-samples", description = "M of the ris-m100 row. Default: " + Table1.DEFAULT_LARGE_SAMPLES)
    Integer largeSamples;

    @Option(names = "--augment", negatable = true, description = "Random crop (4-pixel padding) + horizontal flip. Default: on")
    Boolean augment;

    @Option(names = "--eval-samples", description = "Networks sampled for the final posterior predictive. Default: " + Table1.DEFAULT_EVAL_SAMPLES)
    Integer evalSamples;

    @Option(names = "--epoch-eval-samples", description = "Networks sampled for the test evaluation after each epoch (0: none). Default: " + Table1.DEFAULT_EPOCH_EVAL_SAMPLES)
    Integer epochEvalSamples;

    @Option(names = "--sigma-ratio", description = "Initial s as a fraction of the He std. Default: 0.01")
    Double sigmaRatio;

    @Option(names = "--rho0", description = "Fixed initial ρ (overrides --sigma-ratio).")
    Double rho0;

    @Mixin
    MethodOptionsMixin methodOptions = new MethodOptionsMixin();

    @Mixin
    OutputOptions output;

    @Mixin
    RuntimeOptions runtime;

    /** The protocol's defaults with the given options applied. */
    Table1.Protocol protocol() {
        Table1.Protocol d = Table1.defaults(data);
        return new Table1.Protocol(data, or(model, d.model()), or(epochs, d.epochs()), or(batchSize, d.batchSize()),
                or(optimizer, d.optimizer()), or(momentum, d.momentum()), or(lr, d.lr()), or(lrSchedule, d.lrSchedule()),
                or(lrStepEpochs, d.lrStepEpochs()), or(lrGamma, d.lrGamma()), or(temperature, d.temperature()),
                or(klWarmupEpochs, d.klWarmupEpochs()), or(prior, d.prior()), or(samples, d.samples()),
                or(largeSamples, d.largeSamples()), or(subset, d.subset()), or(augment, d.augment()),
                or(evalSamples, d.evalSamples()), or(epochEvalSamples, d.epochEvalSamples()), or(sigmaRatio, d.sigmaRatio()),
                rho0 != null ? rho0 : d.rho0(), or(seeds, d.seeds()), or(firstSeed, d.firstSeed()),
                rows != null ? rows : d.rows(), methodOptions.toOptions());
    }

    /** The real-valued overrides the protocol does not range-check itself (NaN and ±Infinity included). */
    private void checkNumbers() {
        if (momentum != null) {
            OptionChecks.inHalfOpen("--momentum", momentum, 0, 1);
        }
        if (lr != null) {
            OptionChecks.positive("--lr", lr);
        }
        if (lrGamma != null) {
            OptionChecks.positive("--lr-gamma", lrGamma);
        }
        if (rho0 != null) {
            OptionChecks.finite("--rho0", rho0);
        }
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }

    @Override
    public Integer call() {
        checkNumbers();
        Table1.Protocol protocol = protocol();   // validates every option before anything is loaded
        if (subset != null && subset < 1) {
            throw new RisbnnException("--subset " + subset + ": expected an integer >= 1");
        }
        runtime.apply(true);
        Path dir = output.prepare(Path.of("risbnn-table1"));
        Table1Runner runner = new Table1Runner(protocol, dir, output.overwrite, runtime.showProgress(), System.out,
                FacadeFits.table1Trainer());
        runner.run();
        System.out.println();
        System.out.print(runner.markdown());
        System.out.println("wrote " + dir.resolve("table1.md") + ", " + dir.resolve("table1.json") + ", " + dir.resolve("runs"));
        return 0;
    }
}
