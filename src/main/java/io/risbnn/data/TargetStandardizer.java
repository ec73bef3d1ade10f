package io.risbnn.data;

/**
 * Affine scaling of regression targets to zero mean and unit standard deviation, fitted on the
 * training targets. Predictions made in the standardized scale map back with {@link #inverse}; a
 * predictive standard deviation maps back by multiplying with {@link #std()}. Immutable.
 */
public final class TargetStandardizer {
    private final double mean;
    private final double std;

    private TargetStandardizer(Moments m) {
        this.mean = m.mean();
        this.std = m.std();
    }

    /**
     * Fits the population mean and std of {@code targets}; constant targets get std 1.
     *
     * @param targets the targets to fit on, at least one
     * @return the standardizer
     */
    public static TargetStandardizer fit(double[] targets) {
        return new TargetStandardizer(Moments.of(targets, "targets"));
    }

    /**
     * Fits on the given rows of {@code data}, typically the training rows of a split.
     *
     * @param data the data set
     * @param rows the row indices to fit on
     * @return the standardizer
     */
    public static TargetStandardizer fit(RegressionData data, int[] rows) {
        return fit(data.subset(rows).targets());
    }

    /**
     * Restores a standardizer from saved statistics (std must be positive).
     *
     * @param mean the targets' mean
     * @param std the targets' std, &gt; 0
     * @return the standardizer
     */
    public static TargetStandardizer of(double mean, double std) {
        return new TargetStandardizer(Moments.checked(mean, std, "targets"));
    }

    /**
     * The targets' mean, in original units.
     *
     * @return the mean
     */
    public double mean() {
        return mean;
    }

    /**
     * The targets' standard deviation, in original units (1 for constant targets).
     *
     * @return the std
     */
    public double std() {
        return std;
    }

    /**
     * Standardises one target.
     *
     * @param y a target in original units
     * @return (y − mean)/std
     */
    public double transform(double y) {
        return (y - mean) / std;
    }

    /**
     * Maps a standardised value back to original units.
     *
     * @param z a standardised value
     * @return z·std + mean
     */
    public double inverse(double z) {
        return z * std + mean;
    }

    /**
     * Standardises targets.
     *
     * @param y targets in original units
     * @return a new array of (y − mean)/std
     */
    public double[] transform(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = transform(y[i]);
        }
        return out;
    }

    /**
     * Maps standardised values back to original units.
     *
     * @param z standardised values
     * @return a new array of z·std + mean
     */
    public double[] inverse(double[] z) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = inverse(z[i]);
        }
        return out;
    }
}
