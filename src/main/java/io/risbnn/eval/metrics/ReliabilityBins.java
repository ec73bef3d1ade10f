package io.risbnn.eval.metrics;

/**
 * Equal-width bins of the confidence max_c p_c, each holding its count, number of correct arg-max
 * predictions and summed confidence: the one binning behind both the ECE and the reliability diagram.
 * Bins are (lo, hi] as in the common reference implementations; a confidence of exactly 0 goes to the
 * first bin.
 */
public final class ReliabilityBins {
    private final int[] count;
    private final double[] correct;
    private final double[] confidence;
    private final int total;

    private ReliabilityBins(int[] count, double[] correct, double[] confidence, int total) {
        this.count = count;
        this.correct = correct;
        this.confidence = confidence;
        this.total = total;
    }

    /**
     * Bins the confidences of [N][C] probabilities with labels [N] into {@code bins} bins over [0, 1].
     *
     * @param p predictive probabilities [N][C]
     * @param labels class indices [N]
     * @param bins the number of equal-width bins, ≥ 1
     * @return the filled bins
     * @throws IllegalArgumentException if the shapes do not match or {@code bins} &lt; 1
     */
    public static ReliabilityBins of(double[][] p, int[] labels, int bins) {
        Shapes.requireLabels(p, labels);
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        int[] count = new int[bins];
        double[] correct = new double[bins];
        double[] confidence = new double[bins];
        for (int n = 0; n < labels.length; n++) {
            int pred = ClassificationMetrics.argMax(p[n]);
            double conf = p[n][pred];
            int b = (int) Math.ceil(conf * bins) - 1;
            b = Math.min(Math.max(b, 0), bins - 1);
            count[b]++;
            confidence[b] += conf;
            if (pred == labels[n]) {
                correct[b]++;
            }
        }
        return new ReliabilityBins(count, correct, confidence, labels.length);
    }

    /**
     * The number of bins.
     *
     * @return the bin count given to {@link #of}
     */
    public int bins() {
        return count.length;
    }

    /**
     * N, the number of examples binned.
     *
     * @return N
     */
    public int total() {
        return total;
    }

    /**
     * The number of examples whose confidence falls in a bin.
     *
     * @param bin the bin index, in [0, {@link #bins()})
     * @return |B_b|
     */
    public int count(int bin) {
        return count[bin];
    }

    /**
     * Lower edge of the bin, b / bins.
     *
     * @param bin the bin index, in [0, {@link #bins()})
     * @return the lower confidence edge
     */
    public double lower(int bin) {
        return (double) bin / count.length;
    }

    /**
     * Upper edge of the bin, (b + 1) / bins.
     *
     * @param bin the bin index, in [0, {@link #bins()})
     * @return the upper confidence edge
     */
    public double upper(int bin) {
        return (double) (bin + 1) / count.length;
    }

    /**
     * Fraction of the bin's examples predicted correctly; NaN for an empty bin.
     *
     * @param bin the bin index, in [0, {@link #bins()})
     * @return acc_b in [0, 1], or NaN
     */
    public double accuracy(int bin) {
        return count[bin] == 0 ? Double.NaN : correct[bin] / count[bin];
    }

    /**
     * Mean confidence of the bin's examples; NaN for an empty bin.
     *
     * @param bin the bin index, in [0, {@link #bins()})
     * @return conf_b in [0, 1], or NaN
     */
    public double meanConfidence(int bin) {
        return count[bin] == 0 ? Double.NaN : confidence[bin] / count[bin];
    }

    /**
     * Expected calibration error Σ_b |B_b|/N · |acc_b − conf_b|.
     *
     * @return the ECE in [0, 1]
     */
    public double ece() {
        double ece = 0;
        for (int b = 0; b < count.length; b++) {
            if (count[b] > 0) {
                // |B|/N · |acc − conf| = |correct − Σconf| / N
                ece += Math.abs(correct[b] - confidence[b]);
            }
        }
        return ece / total;
    }
}
