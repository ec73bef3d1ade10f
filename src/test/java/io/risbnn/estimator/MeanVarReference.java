package io.risbnn.estimator;

/**
 * Double-precision references for the mean-var tests, independent of the code under test: each
 * activation re-written in double, and E g(a), a ~ N(m, sd²), by composite Simpson on t ∈ [−14, 14]
 * split at the kink t = −m/sd (20000 intervals per piece; error far below the tests' standard errors).
 * Gradients by Stein's lemma: ∂E g/∂m = E[g·t]/sd and ∂E g/∂v = E[g·(t² − 1)]/(2v).
 */
final class MeanVarReference {
    private static final double RANGE = 14;
    private static final int INTERVALS = 20000;

    private MeanVarReference() {}

    static double f(ActivationFunction act, double a) {
        switch (act) {
            case RELU:
                return Math.max(a, 0);
            case LEAKY_RELU:
                return a > 0 ? a : 0.01 * a;
            case GELU:
                return a * RisTestSupport.cdf(a);
            case SILU:
                return a / (1 + Math.exp(-a));
            case TANH:
                return Math.tanh(a);
            case SOFTPLUS:
                return a > 0 ? a + Math.log1p(Math.exp(-a)) : Math.log1p(Math.exp(a));
            case NONE:
                return a;
            default:
                throw new IllegalStateException(act.name());
        }
    }

    /** E[g(t)·f(m + sd t)^p] for g(t) = t^q: {E f^p, E f^p t, E f^p t²}. */
    static double[] moments(ActivationFunction act, int power, double m, double sd) {
        double kink = -m / sd;
        double[] total = new double[3];
        if (kink > -RANGE && kink < RANGE) {
            add(total, act, power, m, sd, -RANGE, kink);
            add(total, act, power, m, sd, kink, RANGE);
        } else {
            add(total, act, power, m, sd, -RANGE, RANGE);
        }
        return total;
    }

    private static void add(double[] total, ActivationFunction act, int power, double m, double sd, double lo, double hi) {
        double h = (hi - lo) / INTERVALS;
        for (int j = 0; j <= INTERVALS; j++) {
            double t = lo + j * h;
            double w = (j == 0 || j == INTERVALS) ? 1 : (j % 2 == 1 ? 4 : 2);
            double g = w * h / 3 * RisTestSupport.phi(t) * Math.pow(f(act, m + sd * t), power);
            total[0] += g;
            total[1] += g * t;
            total[2] += g * t * t;
        }
    }

    static double mean(ActivationFunction act, double m, double sd) {
        return moments(act, 1, m, sd)[0];
    }

    static double second(ActivationFunction act, double m, double sd) {
        return moments(act, 2, m, sd)[0];
    }

    /**
     * {∂/∂m, ∂/∂v} of c₁·E f + c₂·Var f, Var f = E f² − (E f)².
     */
    static double[] readoutGradient(ActivationFunction act, double m, double sd, double c1, double c2) {
        double[] first = moments(act, 1, m, sd);
        double[] second = moments(act, 2, m, sd);
        double v = sd * sd;
        double dMeanDm = first[1] / sd;
        double dMeanDv = (first[2] - first[0]) / (2 * v);
        double dSecondDm = second[1] / sd;
        double dSecondDv = (second[2] - second[0]) / (2 * v);
        double mean = first[0];
        return new double[] {c1 * dMeanDm + c2 * (dSecondDm - 2 * mean * dMeanDm),
            c1 * dMeanDv + c2 * (dSecondDv - 2 * mean * dMeanDv)};
    }
}
