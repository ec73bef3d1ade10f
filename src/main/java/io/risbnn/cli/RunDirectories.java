package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.api.Posterior;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens the run directory of {@code risbnn train} that eval, ood, sample-models and variance read, through the
 * library facade ({@link Posterior#load}), so the commands see a run exactly as the library does.
 */
final class RunDirectories {
    private RunDirectories() {}

    /** The run's checkpoint, which must exist (checked before other options, as the commands always did). */
    static Path checkpoint(Path run) {
        Path file = Posterior.runCheckpoint(run);
        if (!Files.isRegularFile(file)) {
            throw new RisbnnException("--run " + run + ": no checkpoint at " + file + " (expected a directory written by risbnn train)");
        }
        return file;
    }

    /**
     * The run's posterior, with its setup ({@link Posterior#runSetup()} or {@link Posterior#imageRunSetup()}).
     *
     * @throws RisbnnException if the directory also holds a {@code posterior.risbnn}, which {@link Posterior#load}
     *     prefers and which keeps no run setup
     */
    static Posterior open(Path run) {
        checkpoint(run);
        Posterior posterior = Posterior.load(run);
        if (posterior.runSetup() == null && posterior.imageRunSetup() == null) {
            posterior.close();
            throw new RisbnnException("--run " + run + ": also holds posterior.risbnn (from Posterior.save), which is opened"
                    + " before model/checkpoint.risbnn and keeps no test split; move it out of the run directory");
        }
        return posterior;
    }
}
