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

    /** Fits the population mean and std of {@code targets}; constant targets get std 1. */
    public static TargetStandardizer fit(double[] targets) {
        return new TargetStandardizer(Moments.of(targets, "targets"));
    }

    /** Fits on the given rows of {@code data}, typically the training rows of a split. */
    public static TargetStandardizer fit(RegressionData data, int[] rows) {
        return fit(data.subset(rows).targets());
    }

    /** Restores a standardizer from saved statistics (std must be positive). */
    public static TargetStandardizer of(double mean, double std) {
        return new TargetStandardizer(Moments.checked(mean, std, "targets"));
    }

    public double mean() {
        return mean;
    }

    public double std() {
        return std;
    }

    public double transform(double y) {
        return (y - mean) / std;
    }

    public double inverse(double z) {
        return z * std + mean;
    }

    public double[] transform(double[] y) {
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = transform(y[i]);
        }
        return out;
    }

    public double[] inverse(double[] z) {
        double[] out = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = inverse(z[i]);
        }
        return out;
    }
}
