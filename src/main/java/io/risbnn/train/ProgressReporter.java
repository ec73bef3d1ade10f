package io.risbnn.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How a training run shows its progress on stderr: a terminal bar (me.tongfei:progressbar), one line
 * per epoch ({@link EpochLines}, for logs), or nothing.
 */
public interface ProgressReporter {
    /**
     * Starts the bar at {@code doneSteps} (non-zero when a run resumes).
     *
     * @param totalSteps the run's steps in all
     * @param doneSteps steps already done
     */
    void start(long totalSteps, long doneSteps);

    /**
     * One more step done.
     *
     * @param loss the step's loss, shown with the bar
     */
    void advance(double loss);

    /**
     * Called after each epoch's metrics are known; {@code epochs} is the run's total.
     *
     * @param metrics the finished epoch's metrics
     * @param epochs the run's epochs in all
     */
    default void epochDone(EpochMetrics metrics, int epochs) {}

    /** The run has ended; closes the bar. */
    void finish();

    /**
     * A reporter that reports nothing.
     *
     * @return the silent reporter
     */
    static ProgressReporter silent() {
        return new ProgressReporter() {
            @Override
            public void start(long totalSteps, long doneSteps) {}

            @Override
            public void advance(double loss) {}

            @Override
            public void finish() {}
        };
    }

    /**
     * The reporter a run that asked for progress gets: the bar when stderr is a terminal, else one line
     * per epoch; the CLI's --progress/--no-progress override both ({@link ProgressStyle}).
     *
     * @param task the name shown, e.g. the method
     * @return the reporter
     */
    static ProgressReporter forTask(String task) {
        return ProgressStyle.forTask(task);
    }

    /**
     * A terminal progress bar named {@code task}, updated at most every 200 ms.
     *
     * @param task the name shown
     * @return the bar reporter
     */
    static ProgressReporter bar(String task) {
        return new ProgressReporter() {
            private ProgressBar bar;

            @Override
            public void start(long totalSteps, long doneSteps) {
                bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSteps)
                        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build();
                bar.stepTo(doneSteps);
            }

            @Override
            public void advance(double loss) {
                bar.step();
                bar.setExtraMessage(String.format(" loss %.4f", loss));
            }

            @Override
            public void finish() {
                bar.close();
            }
        };
    }
}
