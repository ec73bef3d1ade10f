package io.risbnn.data;

/**
 * Where a regression experiment gets its data and its train/test splits from: a UCI benchmark
 * folder with fixed split files, or a data set split at random with a seed. Obtain one from
 * {@link DataSpec#parseRegression(String)}.
 */
public interface RegressionSource {
    /**
     * Short name for reports, e.g. {@code concrete} or the folder/file name.
     *
     * @return the name
     */
    String name();

    /**
     * All rows, in file order.
     *
     * @return the data set
     */
    RegressionData data();

    /**
     * Number of splits of the source's protocol (split indices run 0..splitCount()-1).
     *
     * @return the split count, ≥ 1
     */
    int splitCount();

    /**
     * Split number {@code i}. Sources with split files ignore {@code seed}; the others draw a
     * random 90/10 split from (seed, i), the same every time.
     *
     * @param i the split index, in [0, {@link #splitCount()})
     * @param seed the run's seed (random splits only)
     * @return the split
     * @throws io.risbnn.RisbnnException if {@code i} is out of range or a split file is invalid
     */
    TrainTestSplit split(int i, long seed);

    /**
     * Hidden units recommended by the source's protocol, or null when unknown.
     *
     * @return e.g. 50 for the UCI benchmark, or null
     */
    Integer hiddenUnitsHint();

    /**
     * Training epochs recommended by the source's protocol, or null when unknown.
     *
     * @return e.g. 40 for the UCI benchmark, or null
     */
    Integer epochsHint();
}
