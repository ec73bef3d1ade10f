package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.runtime.Devices;
import io.risbnn.train.ProgressStyle;
import picocli.CommandLine.Option;

/** Device, threads and terminal output of every command that trains or evaluates. */
public final class RuntimeOptions implements ValidatedOptions {
    @Option(names = "--device", paramLabel = "cpu|gpu[:N]",
            description = "Where the model computes: cpu, gpu (the first GPU) or gpu:N. A GPU needs the CUDA 12.8 "
                    + "PyTorch natives (README, Devices). Default: " + Devices.ENVIRONMENT + ", else cpu.")
    String device;

    @Option(names = "--threads", description = "Intra-op threads of the tensor engine. Default: RISBNN_THREADS, else all cores for image models and 1 for the regression MLPs (too small to gain from threads).")
    Integer threads;

    @Option(names = "--progress", negatable = true,
            description = "--progress: always the progress bar; --no-progress: no progress output. Default: the bar when stderr "
                    + "is a terminal, else one line per epoch (epoch, loss, NLL, KL term, test metrics, seconds).")
    Boolean progress;

    /**
     * Checks the options; also makes the device the process's device ({@link Devices#use}), since this
     * runs before the command opens its first manager (predict opens its run before {@link #apply}).
     */
    @Override
    public void validate() {
        if (threads != null) {
            OptionChecks.atLeast("--threads", threads, 1);
        }
        String env = System.getenv(Devices.ENVIRONMENT);
        boolean fromOption = device != null || env == null || env.isBlank();
        String spec = device != null ? device : fromOption ? "cpu" : env;
        Devices.use(Devices.select(fromOption ? "--device" : Devices.ENVIRONMENT, spec));
    }

    void apply() {
        apply(false);
    }

    /** Sets the engine's threads: --threads, else RISBNN_THREADS, else all cores for image models. */
    void apply(boolean imageModel) {
        ProgressStyle.force(progress);
        if (threads == null && imageModel && System.getenv("RISBNN_THREADS") == null) {
            ai.djl.engine.Engine.getInstance();
            ai.djl.pytorch.jni.JniUtils.setNumThreads(Runtime.getRuntime().availableProcessors());
        }
        if (threads != null) {
            if (threads < 1) {
                throw new RisbnnException("--threads " + threads + ": expected an integer >= 1");
            }
            ai.djl.engine.Engine.getInstance();   // loads the native library the next call needs
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
    }

    /** Whether training runs report progress at all (bar or lines: {@link ProgressStyle}). */
    boolean showProgress() {
        return progress == null || progress;
    }

    /** Step-level bars (bench, sample-models) have no per-epoch form: shown on a terminal or with --progress. */
    boolean showBar() {
        return progress != null ? progress : ProgressStyle.stderrIsTerminal();
    }
}
