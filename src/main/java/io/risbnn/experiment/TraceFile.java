package io.risbnn.experiment;

import ai.djl.ndarray.NDManager;
import io.risbnn.report.AtomicFiles;
import io.risbnn.runtime.Devices;
import io.risbnn.train.Checkpoint;
import java.nio.file.Path;
import java.util.List;

/**
 * The per-step training trace of a run as {@code trace.csv} ({@code step,loss,nll}): written by train
 * and table1 next to a run, and recoverable from a run's checkpoint, which stores the same two traces.
 */
public final class TraceFile {
    /** The trace's file name in a run directory. */
    public static final String FILE_NAME = "trace.csv";

    private TraceFile() {}

    /**
     * Writes {@code dir/trace.csv} atomically; a missing NLL (older checkpoints) is written as NaN.
     *
     * @param dir the run directory
     * @param losses the loss of every step, in order
     * @param nlls the NLL part of every step's loss (may be shorter)
     */
    public static void write(Path dir, List<Double> losses, List<Double> nlls) {
        AtomicFiles.writeString(dir.resolve(FILE_NAME), csv(losses.stream().mapToDouble(Double::doubleValue).toArray(),
                nlls.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /**
     * The trace.csv text of the traces stored in a checkpoint (without building its model).
     *
     * @param file a run's checkpoint
     * @return the CSV text, header {@code step,loss,nll}
     * @throws io.risbnn.RisbnnException if the checkpoint cannot be read
     */
    public static String fromCheckpoint(Path file) {
        Checkpoint checkpoint = Checkpoint.load(file);
        try (NDManager scratch = Devices.newBaseManager()) {
            double[] losses = ModelFiles.storedTrace(checkpoint, ModelFiles.TRACE, scratch, file);
            return csv(losses, ModelFiles.storedTrace(checkpoint, ModelFiles.NLL_TRACE, scratch, file));
        }
    }

    private static String csv(double[] losses, double[] nlls) {
        StringBuilder csv = new StringBuilder("step,loss,nll\n");
        for (int i = 0; i < losses.length; i++) {
            csv.append(i + 1).append(',').append(losses[i]).append(',')
                    .append(i < nlls.length ? nlls[i] : Double.NaN).append('\n');
        }
        return csv.toString();
    }
}
