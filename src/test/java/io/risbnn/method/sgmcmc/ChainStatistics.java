package io.risbnn.method.sgmcmc;

/** Moments and effective sample size of a scalar Markov chain, for the samplers' distribution tests. */
final class ChainStatistics {
    private ChainStatistics() {}

    static double mean(double[] s) {
        double m = 0;
        for (double v : s) {
            m += v;
        }
        return m / s.length;
    }

    /** The (biased, 1/n) sample variance about {@code m}. */
    static double variance(double[] s, double m) {
        double v = 0;
        for (double e : s) {
            v += (e - m) * (e - m);
        }
        return v / s.length;
    }

    static double correlation(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double cov = 0;
        for (int k = 0; k < a.length; k++) {
            cov += (a[k] - ma) * (b[k] - mb);
        }
        return cov / a.length / Math.sqrt(variance(a, ma) * variance(b, mb));
    }

    /** n / (1 + 2 Σ ρ_t), the sum over Geyer's initial positive sequence of paired autocorrelations. */
    static double effectiveSampleSize(double[] s) {
        int n = s.length;
        double m = mean(s);
        double v = variance(s, m);
        double sum = 0;
        for (int t = 0; t + 1 < n / 2; t += 2) {
            double pair = autocorrelation(s, m, v, t) + autocorrelation(s, m, v, t + 1);
            if (pair < 0) {
                break;
            }
            sum += pair;
        }
        return n / (2 * sum - 1);
    }

    private static double autocorrelation(double[] s, double m, double v, int lag) {
        double c = 0;
        for (int k = 0; k + lag < s.length; k++) {
            c += (s[k] - m) * (s[k + lag] - m);
        }
        return c / s.length / v;
    }
}
