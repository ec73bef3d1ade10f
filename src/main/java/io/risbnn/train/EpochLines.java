package io.risbnn.train;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * One line per epoch, for logs where a bar would be a wall of carriage returns:
 * {@code TASK: epoch 3/40  loss 1.2345  nll 1.0123  kl_term 0.2222  rmse 5.4321  test_ll -3.1234  1.3s  elapsed 0:00:04}.
 * The metrics shown are the first two of the epoch's evaluation (the objective's own rmse and test_ll,
 * or accuracy and nll; val_* when measured on validation rows); the seconds are wall time, evaluation included.
 */
final class EpochLines implements ProgressReporter {
    private static final int EVAL_METRICS_SHOWN = 2;

    private final String task;
    private final PrintStream out;
    private long started;
    private long lastEpochEnd;

    EpochLines(String task, PrintStream out) {
        this.task = task;
        this.out = out;
    }

    @Override
    public void start(long totalSteps, long doneSteps) {
        started = System.nanoTime();
        lastEpochEnd = started;
    }

    @Override
    public void advance(double loss) {}

    @Override
    public void epochDone(EpochMetrics m, int epochs) {
        long now = System.nanoTime();
        out.println(line(task, m, epochs, (now - lastEpochEnd) / 1e9, (now - started) / 1e9));
        out.flush();
        lastEpochEnd = now;
    }

    @Override
    public void finish() {}

    static String line(String task, EpochMetrics m, int epochs, double epochSeconds, double elapsedSeconds) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s: epoch %d/%d  loss %.4f  nll %.4f  kl_term %.4f",
                task, m.epoch(), epochs, m.loss(), m.nll(), m.klTerm()));
        Iterator<Map.Entry<String, Double>> eval = m.eval().entrySet().iterator();
        for (int i = 0; i < EVAL_METRICS_SHOWN && eval.hasNext(); i++) {
            Map.Entry<String, Double> e = eval.next();
            sb.append(String.format(Locale.ROOT, "  %s %.4f", e.getKey(), e.getValue()));
        }
        if (m.skippedSteps() > 0) {
            sb.append("  skipped ").append(m.skippedSteps());
        }
        return sb.append(String.format(Locale.ROOT, "  %.1fs  elapsed %s", epochSeconds, clock(elapsedSeconds))).toString();
    }

    /** h:mm:ss */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
