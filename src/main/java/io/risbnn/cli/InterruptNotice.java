package io.risbnn.cli;

import com.google.gson.JsonObject;
import io.risbnn.train.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * On SIGINT/SIGTERM during {@code train}, says where the last checkpoint is and how to continue. The
 * JVM runs shutdown hooks at every exit, so the hook is removed when training ends normally or fails.
 * It only reads: checkpoints are renamed into place atomically, so it sees the old or the new one whole.
 */
final class InterruptNotice implements AutoCloseable {
    private final Thread hook;

    private InterruptNotice(Thread hook) {
        this.hook = hook;
    }

    /**
     * @param runDir the run's directory (null: nothing to report)
     * @param resuming a resumed run's checkpoint is its own; a fresh run's counts only once rewritten
     *     (with --overwrite an older run's checkpoint may still be there)
     */
    static InterruptNotice install(Path runDir, boolean resuming) {
        if (runDir == null) {
            return new InterruptNotice(null);
        }
        Path file = runDir.resolve("model").resolve(Checkpoint.FILE_NAME);
        FileTime before = resuming ? null : modified(file);
        Thread hook = new Thread(() -> {
            System.err.println("risbnn: " + message(runDir, file, before));
            System.err.flush();
        }, "risbnn-interrupt-notice");
        Runtime.getRuntime().addShutdownHook(hook);
        return new InterruptNotice(hook);
    }

    /** The notice for a run whose checkpoint had modification time {@code before} (null: none, or resuming). */
    static String message(Path runDir, Path file, FileTime before) {
        FileTime now = modified(file);
        if (now == null || now.equals(before)) {
            return "interrupted before the first checkpoint of this run; nothing to resume (" + file + " not written)";
        }
        return "interrupted; last checkpoint " + file + " (" + position(file) + "); continue with: bin/risbnn train --resume " + runDir;
    }

    /** "epoch 3" at an epoch end, "epoch 4, step 250" within one, from the checkpoint's header. */
    private static String position(Path file) {
        try {
            JsonObject state = Checkpoint.load(file).header().getAsJsonObject("state");
            int epoch = state.get("epoch").getAsInt();
            int inEpoch = state.get("stepInEpoch").getAsInt();
            long step = state.get("step").getAsLong();
            return inEpoch == 0 ? "after epoch " + epoch + ", step " + step : "in epoch " + (epoch + 1) + ", step " + step;
        } catch (RuntimeException e) {
            return "unreadable now: " + e.getMessage();
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook runs, which is what an interrupt wants
            }
        }
    }
}
