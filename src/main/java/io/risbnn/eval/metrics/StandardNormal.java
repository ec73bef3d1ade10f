package io.risbnn.eval.metrics;

/** The standard normal distribution: its central intervals, for interval coverage of Gaussian predictives. */
public final class StandardNormal {
    private StandardNormal() {}

    /**
     * The z with P(|Z| ≤ z) = level, i.e. the central interval of probability {@code level} is ±z
     * (0.95 → 1.95996…). Found by bisection on erf(z/√2) = level, to double precision.
     *
     * @param level the central probability, in (0, 1)
     * @return z &gt; 0
     * @throws IllegalArgumentException unless 0 &lt; level &lt; 1
     */
    public static double centralZ(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), got " + level);
        }
        double lo = 0;
        double hi = 40;   // erf(40/√2) is 1 in double: every level < 1 lies below it
        for (int k = 0; k < 200 && hi - lo > Math.ulp(lo); k++) {
            double mid = (lo + hi) / 2;
            if (erf(mid / Math.sqrt(2)) < level) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * erf(x) by the series (2/√π)·e^{−x²}·Σ_n 2ⁿ x^{2n+1} / (1·3·…·(2n+1)), whose terms are all
     * positive, so it keeps full relative precision; beyond |x| = 6 erf is ±1 in double.
     */
    static double erf(double x) {
        double a = Math.abs(x);
        if (a >= 6) {
            return Math.signum(x);
        }
        double term = a;
        double sum = a;
        for (int n = 0; term > 1e-17 * sum; n++) {
            term *= 2 * a * a / (2 * n + 3);
            sum += term;
        }
        return Math.signum(x) * Math.min(1.0, 2 / Math.sqrt(Math.PI) * Math.exp(-a * a) * sum);
    }
}
