package io.risbnn.report;

/**
 * Centred moving average of a per-step trace. Mini-batch losses scatter by far more from step to step
 * than estimators differ (the Concrete traces: a standard deviation of 0.13 around 0.8, while the
 * estimators' means differ by 0.04), so the raw lines overlap as one band and the averages are what tells
 * them apart.
 */
final class MovingAverage {
    private MovingAverage() {}

    /** The window for a trace of n points: about 2 % of the trace, odd, at least 5. */
    static int window(int n) {
        int w = Math.max(5, n / 50);
        return w % 2 == 0 ? w + 1 : w;
    }

    /**
     * Mean of the finite values within ±window/2 points of each point (fewer at the ends); NaN where the
     * window holds none, so a gap stays a gap.
     */
    static double[] centred(double[] y, int window) {
        int half = window / 2;
        double[] sum = new double[y.length + 1];    // prefix sums over finite values and their counts
        int[] count = new int[y.length + 1];
        for (int i = 0; i < y.length; i++) {
            boolean finite = Double.isFinite(y[i]);
            sum[i + 1] = sum[i] + (finite ? y[i] : 0);
            count[i + 1] = count[i] + (finite ? 1 : 0);
        }
        double[] out = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            int from = Math.max(0, i - half);
            int to = Math.min(y.length, i + half + 1);
            int n = count[to] - count[from];
            out[i] = n == 0 ? Double.NaN : (sum[to] - sum[from]) / n;
        }
        return out;
    }
}
