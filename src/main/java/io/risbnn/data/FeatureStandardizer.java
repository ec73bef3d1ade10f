package io.risbnn.data;

/**
 * Per-column affine scaling of features to zero mean and unit standard deviation, with statistics
 * fitted on training rows only (so test rows carry no information into training). Immutable.
 */
public final class FeatureStandardizer {
    private final double[] means;
    private final double[] stds;

    private FeatureStandardizer(double[] means, double[] stds) {
        this.means = means;
        this.stds = stds;
    }

    /**
     * Fits per-column population mean and std on {@code rows} (rows × features, at least one row);
     * a constant column gets std 1.
     *
     * @param rows the rows to fit on [N][features], N ≥ 1
     * @return the standardizer
     * @throws IllegalArgumentException if there are no rows or they are ragged
     */
    public static FeatureStandardizer fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("cannot fit a standardizer on no rows");
        }
        int width = rows[0].length;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + rows[r].length + " features, row 0 has " + width);
            }
        }
        double[] means = new double[width];
        double[] stds = new double[width];
        double[] column = new double[rows.length];
        for (int c = 0; c < width; c++) {
            for (int r = 0; r < rows.length; r++) {
                column[r] = rows[r][c];
            }
            Moments m = Moments.of(column, "feature column " + c);
            means[c] = m.mean();
            stds[c] = m.std();
        }
        return new FeatureStandardizer(means, stds);
    }

    /**
     * Fits on the given rows of {@code data}, typically the training rows of a split.
     *
     * @param data the data set
     * @param rows the row indices to fit on
     * @return the standardizer
     */
    public static FeatureStandardizer fit(RegressionData data, int[] rows) {
        return fit(data.subset(rows).features());
    }

    /**
     * Restores a standardizer from saved statistics (stds must be positive).
     *
     * @param means the column means
     * @param stds the column standard deviations, &gt; 0, as many as {@code means}
     * @return the standardizer
     * @throws IllegalArgumentException if the lengths differ or a std is not positive
     */
    public static FeatureStandardizer of(double[] means, double[] stds) {
        if (means.length != stds.length) {
            throw new IllegalArgumentException(means.length + " means but " + stds.length + " stds");
        }
        for (int c = 0; c < means.length; c++) {
            Moments.checked(means[c], stds[c], "feature column " + c);
        }
        return new FeatureStandardizer(means.clone(), stds.clone());
    }

    /**
     * The number of feature columns.
     *
     * @return the columns fitted
     */
    public int featureCount() {
        return means.length;
    }

    /**
     * The column means.
     *
     * @return a copy of the means
     */
    public double[] means() {
        return means.clone();
    }

    /**
     * The column standard deviations (population, 1 for a constant column).
     *
     * @return a copy of the stds
     */
    public double[] stds() {
        return stds.clone();
    }

    /**
     * Returns new rows {@code (x - mean) / std}, column by column.
     *
     * @param rows rows of {@link #featureCount()} values
     * @return the standardised rows
     */
    public double[][] transform(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (row.length != means.length) {
                throw new IllegalArgumentException("row " + r + " has " + row.length
                        + " features, the standardizer was fitted on " + means.length);
            }
            out[r] = new double[row.length];
            for (int c = 0; c < row.length; c++) {
                out[r][c] = (row[c] - means[c]) / stds[c];
            }
        }
        return out;
    }

    /**
     * Returns new rows {@code x * std + mean}, undoing {@link #transform}.
     *
     * @param rows standardised rows
     * @return the rows in original units
     */
    public double[][] inverse(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            double[] row = rows[r];
            if (row.length != means.length) {
                throw new IllegalArgumentException("row " + r + " has " + row.length
                        + " features, the standardizer was fitted on " + means.length);
            }
            out[r] = new double[row.length];
            for (int c = 0; c < row.length; c++) {
                out[r][c] = row[c] * stds[c] + means[c];
            }
        }
        return out;
    }
}
