package io.risbnn.eval;

import io.risbnn.posterior.GaussianOutputs;
import java.util.SplittableRandom;

/**
 * The predictive class probabilities of Gaussian logits f ~ N(m, diag v), E softmax(f), by Monte
 * Carlo over the K logits of each example with a fixed seed (a deterministic function of the moments).
 * This is how a model trained under {@code mean-var} predicts by its own propagation.
 */
public final class GaussianLogits {
    /** Draws per example: the probabilities' Monte Carlo error is below 1/(2√draws) ≈ 0.016 per class. */
    public static final int DRAWS = 1000;
    private static final long SEED = 0x6d65616e766172L;

    private GaussianLogits() {}

    /**
     * E softmax(f) per example, and E H(softmax(f)) over the same draws (the expected entropy of one
     * network, so H(E softmax) − E H is the mutual information of the Gaussian logits).
     */
    public record Expectation(double[][] probabilities, double[] meanEntropy) {}

    /**
     * E softmax(f) and E H(softmax(f)) for independent Gaussian logits f ~ N(m, diag v) per example.
     *
     * @param mean [N][K] logit means
     * @param variance [N][K] logit variances, ≥ 0
     * @return the expected probabilities [N][K] and entropies [N]
     */
    public static Expectation expectation(double[][] mean, double[][] variance) {
        return expectation(mean, variance, true);
    }

    /**
     * E softmax over the Gaussian logits of a predictive that has an epistemic part: through its full
     * covariance where it gives one (a linearised network's), else its independent variances.
     *
     * @param g a deterministic predictive over logits
     * @param withEntropy also E H (ignored, always computed, with a full covariance)
     * @return the expected probabilities (and entropies)
     */
    public static Expectation expectation(GaussianOutputs g, boolean withEntropy) {
        return g.covariance() != null ? expectation(g.mean(), g.covariance()) : expectation(g.mean(), g.variance(), withEntropy);
    }

    /** @param withEntropy also E H (one entropy per draw); the probabilities alone need none */
    private static Expectation expectation(double[][] mean, double[][] variance, boolean withEntropy) {
        return monteCarlo(mean, withEntropy, i -> {
            int k = mean[i].length;
            double[] sd = new double[k];
            for (int c = 0; c < k; c++) {
                sd[c] = Math.sqrt(Math.max(0, variance[i][c]));
            }
            return (random, logits) -> {
                for (int c = 0; c < k; c++) {
                    logits[c] = mean[i][c] + sd[c] * gaussian(random);
                }
            };
        });
    }

    /**
     * E softmax(f) and E H(softmax(f)) for correlated logits f ~ N(m, Σ) per example (a linearised
     * network's), by the same seeded Monte Carlo through the Cholesky factor of Σ (jittered until positive definite).
     *
     * @param mean [N][K] logit means
     * @param covariance [N][K][K]
     * @return the expected probabilities [N][K] and entropies [N]
     */
    public static Expectation expectation(double[][] mean, double[][][] covariance) {
        return monteCarlo(mean, true, i -> {
            int k = mean[i].length;
            double[][] l = cholesky(covariance[i]);
            double[] z = new double[k];
            return (random, logits) -> {
                for (int c = 0; c < k; c++) {
                    z[c] = gaussian(random);
                }
                for (int r = 0; r < k; r++) {
                    double v = mean[i][r];
                    for (int c = 0; c <= r; c++) {
                        v += l[r][c] * z[c];
                    }
                    logits[r] = v;
                }
            };
        });
    }

    /** One draw of an example's logits into {@code logits}, from {@code random}. */
    private interface LogitDraw {
        void draw(SplittableRandom random, double[] logits);
    }

    /**
     * The shared Monte Carlo: {@value #DRAWS} draws per example from one stream seeded once, the mean of
     * their softmaxes and (if asked) of their entropies; {@code drawsOf} gives example i's draw.
     */
    private static Expectation monteCarlo(double[][] mean, boolean withEntropy,
                                          java.util.function.IntFunction<LogitDraw> drawsOf) {
        int n = mean.length;
        double[][] probs = new double[n][];
        double[] meanEntropy = new double[n];
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < n; i++) {
            int k = mean[i].length;
            LogitDraw draw = drawsOf.apply(i);
            double[] sum = new double[k];
            double[] logits = new double[k];
            double[] p = new double[k];
            for (int d = 0; d < DRAWS; d++) {
                draw.draw(random, logits);
                Predictive.softmaxRow(logits, p);
                for (int c = 0; c < k; c++) {
                    sum[c] += p[c];
                }
                if (withEntropy) {
                    meanEntropy[i] += io.risbnn.eval.metrics.ClassificationMetrics.entropy(p);
                }
            }
            for (int c = 0; c < k; c++) {
                sum[c] /= DRAWS;
            }
            probs[i] = sum;
            meanEntropy[i] /= DRAWS;
        }
        return new Expectation(probs, meanEntropy);
    }

    /** Lower Cholesky factor of a symmetric positive semi-definite matrix, with growing jitter where needed. */
    static double[][] cholesky(double[][] a) {
        int k = a.length;
        double scale = 0;
        for (int i = 0; i < k; i++) {
            scale = Math.max(scale, Math.abs(a[i][i]));
        }
        double jitter = 0;
        for (int attempt = 0; attempt < 12; attempt++) {
            double[][] l = new double[k][k];
            boolean ok = true;
            for (int r = 0; r < k && ok; r++) {
                for (int c = 0; c <= r; c++) {
                    double v = a[r][c] + (r == c ? jitter : 0);
                    for (int j = 0; j < c; j++) {
                        v -= l[r][j] * l[c][j];
                    }
                    if (r == c) {
                        if (v <= 0) {
                            ok = v == 0 && scale == 0;
                            if (!ok) {
                                break;
                            }
                            l[r][r] = 0;
                        } else {
                            l[r][r] = Math.sqrt(v);
                        }
                    } else {
                        l[r][c] = l[c][c] == 0 ? 0 : v / l[c][c];
                    }
                }
            }
            if (ok) {
                return l;
            }
            jitter = jitter == 0 ? Math.max(scale, 1e-300) * 1e-10 : jitter * 10;
        }
        throw new IllegalArgumentException("logit covariance is not positive semi-definite");
    }

    /** A standard normal draw (Box–Muller, one of the pair). */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
