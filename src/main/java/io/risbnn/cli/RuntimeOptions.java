package io.risbnn.cli;

import io.risbnn.RisbnnException;
import picocli.CommandLine.Option;

/** Threads and terminal output. */
public final class RuntimeOptions {
    @Option(names = "--threads", description = "Intra-op threads of the tensor engine. Default: RISBNN_THREADS, else all cores for image models and 1 for the regression MLPs (too small to gain from threads).")
    Integer threads;

    @Option(names = "--progress", negatable = true, description = "Show a progress bar (default: when stderr is a terminal).")
    Boolean progress;

    void apply() {
        apply(false);
    }

    /** Sets the engine's threads: --threads, else RISBNN_THREADS, else all cores for image models. */
    void apply(boolean imageModel) {
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

    boolean showProgress() {
        return progress != null ? progress : System.console() != null;
    }
}
