package io.risbnn.report;

import java.util.List;

/**
 * The y range of long traces without their first steps. A training loss starts several times higher
 * than where it spends the rest of the run (the Concrete traces: 7.8 at step 1, at most 2.41 after the
 * first 2 % of 10,005 steps), which squeezes the informative part into a sliver of the axis. Everything
 * after the burn-in stays inside the range (the maximum, not a quantile), so a later divergence or spike
 * is still seen.
 */
final class RobustRange {
    /** Series shorter than this are deliberate measurements (e.g. one point per epoch) and never clipped. */
    static final int MIN_POINTS = 100;
    /** Share of each long series' first points that may fall off the axis. */
    static final double BURN_IN_FRACTION = 0.02;
    /** Clip only when the full range would be this much wider (in log10 units on a log axis). */
    static final double WORTH_CLIPPING = 1.25;
    /** Margin on each side, as a share of the range, so the extreme points do not sit on the frame. */
    private static final double MARGIN = 0.03;

    private RobustRange() {}

    /** Axis limits. */
    record Range(double min, double max) {}

    /**
     * The range of every finite value except the first {@link #BURN_IN_FRACTION} of each long series,
     * with a small margin; null when there is no long series or clipping would gain little.
     *
     * @param log the axis is logarithmic (values must then be positive; non-positive ones are ignored)
     */
    static Range of(List<double[]> series, boolean log) {
        double[] full = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] kept = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        boolean anyLong = false;
        for (double[] y : series) {
            boolean isLong = y.length >= MIN_POINTS;
            anyLong |= isLong;
            int burnIn = isLong ? (int) Math.ceil(BURN_IN_FRACTION * y.length) : 0;
            for (int i = 0; i < y.length; i++) {
                if (Double.isFinite(y[i]) && (!log || y[i] > 0)) {
                    double v = log ? Math.log10(y[i]) : y[i];
                    widen(full, v);
                    if (i >= burnIn) {
                        widen(kept, v);
                    }
                }
            }
        }
        if (!anyLong || !(kept[0] <= kept[1])) {
            return null;
        }
        double keptSpan = kept[1] - kept[0];
        if (keptSpan <= 0 || full[1] - full[0] <= WORTH_CLIPPING * keptSpan) {
            return null;
        }
        double lo = kept[0] - MARGIN * keptSpan;
        double hi = kept[1] + MARGIN * keptSpan;
        return log ? new Range(Math.pow(10, lo), Math.pow(10, hi)) : new Range(lo, hi);
    }

    private static void widen(double[] range, double v) {
        range[0] = Math.min(range[0], v);
        range[1] = Math.max(range[1], v);
    }
}
