package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.train.ProgressStyle;
import picocli.CommandLine.Option;

/** Threads and terminal output. */
public final class RuntimeOptions implements ValidatedOptions {
    @Option(names = "--threads", description = "Intra-op threads of the tensor engine. Default: RISBNN_THREADS, else all cores for image models and 1 for the regression MLPs (too small to gain from threads).")
    Integer threads;

    @Option(names = "--progress", negatable = true,
            description = "--progress: always the progress bar; --no-progress: no progress output. Default: the bar when stderr "
                    + "is a terminal, else one line per epoch (epoch, loss, NLL, KL term, test metrics, seconds).")
    Boolean progress;

    @Override
    public void validate() {
        if (threads != null) {
            OptionChecks.atLeast("--threads", threads, 1);
        }
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
