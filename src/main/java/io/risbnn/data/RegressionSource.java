package io.risbnn.data;

/**
 * Where a regression experiment gets its data and its train/test splits from: a UCI benchmark
 * folder with fixed split files, or a data set split at random with a seed. Obtain one from
 * {@link DataSpec#parseRegression(String)}.
 */
public interface RegressionSource {
    /** Short name for reports, e.g. {@code concrete} or the folder/file name. */
    String name();

    /** All rows, in file order. */
    RegressionData data();

    /** Number of splits of the source's protocol (split indices run 0..splitCount()-1). */
    int splitCount();

    /**
     * Split number {@code i}. Sources with split files ignore {@code seed}; the others draw a
     * random 90/10 split from (seed, i), the same every time.
     *
     * @throws io.risbnn.RisbnnException if {@code i} is out of range or a split file is invalid
     */
    TrainTestSplit split(int i, long seed);

    /** Hidden units recommended by the source's protocol, or null when unknown. */
    Integer hiddenUnitsHint();

    /** Training epochs recommended by the source's protocol, or null when unknown. */
    Integer epochsHint();
}
