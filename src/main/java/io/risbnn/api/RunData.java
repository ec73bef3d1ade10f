package io.risbnn.api;

import io.risbnn.data.RegressionSource;
import io.risbnn.experiment.ClassificationRun;

/** One of the project's data sets, as {@code risbnn train} runs it: a table with its split, or an image set. */
sealed interface RunData {
    /** A regression table: {@code spec} as the run records it (to reopen on resume), its source, the split index. */
    record Table(String spec, RegressionSource source, int split) implements RunData {}

    /** Loaded training and test images. */
    record Images(ClassificationRun.Data data) implements RunData {}
}
