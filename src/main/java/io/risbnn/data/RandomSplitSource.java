package io.risbnn.data;

import io.risbnn.RisbnnException;
import java.util.Objects;

/**
 * A data set without split files: split {@code i} is a seeded random 90/10 split (see {@link
 * TrainTestSplit#random}). The number of splits follows the common UCI protocol (20).
 */
public final class RandomSplitSource implements RegressionSource {
    /** Share of rows held out for testing. */
    public static final double TEST_FRACTION = 0.1;
    /** Splits per experiment, as in the UCI benchmark protocol. */
    public static final int DEFAULT_SPLITS = 20;

    private final RegressionData data;
    private final Integer hiddenUnitsHint;
    private final Integer epochsHint;

    /**
     * A source of seeded random 90/10 splits of {@code data}. Hints may be null when unknown.
     *
     * @param data the data set
     * @param hiddenUnitsHint recommended hidden units, or null
     * @param epochsHint recommended epochs, or null
     */
    public RandomSplitSource(RegressionData data, Integer hiddenUnitsHint, Integer epochsHint) {
        this.data = Objects.requireNonNull(data, "data");
        this.hiddenUnitsHint = hiddenUnitsHint;
        this.epochsHint = epochsHint;
    }

    @Override
    public String name() {
        return data.name();
    }

    @Override
    public RegressionData data() {
        return data;
    }

    @Override
    public int splitCount() {
        return DEFAULT_SPLITS;
    }

    @Override
    public TrainTestSplit split(int i, long seed) {
        if (i < 0 || i >= DEFAULT_SPLITS) {
            throw new RisbnnException("split " + i + " out of range: " + name() + " has "
                    + DEFAULT_SPLITS + " splits (0.." + (DEFAULT_SPLITS - 1) + ")");
        }
        return TrainTestSplit.random(data.rows(), TEST_FRACTION, seed, i);
    }

    @Override
    public Integer hiddenUnitsHint() {
        return hiddenUnitsHint;
    }

    @Override
    public Integer epochsHint() {
        return epochsHint;
    }

    @Override
    public String toString() {
        return data + ", random 90/10 splits";
    }
}
