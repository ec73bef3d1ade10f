package io.risbnn.train;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar on stderr (me.tongfei:progressbar), or nothing when output is not a terminal. */
public interface ProgressReporter {
    /** Starts the bar at {@code doneSteps} (non-zero when a run resumes). */
    void start(long totalSteps, long doneSteps);

    void advance(double loss);

    void finish();

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

    /** A terminal progress bar named {@code task}, updated at most every 200 ms. */
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
