package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.nn.BayesLinear;
import io.risbnn.variational.PosteriorInit;
import io.risbnn.variational.Softplus;
import java.util.Random;

/**
 * Independent double-precision reference maths for the RIS acceptance tests (RIS-SPEC §6) and small
 * helpers to build real layers. Nothing here calls the code under test's maths: Φ, ψ, the exact tilt
 * and the χ² tail are re-derived so that a test compares the product against an independent number.
 */
final class RisTestSupport {
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
    private static final int MILLS_CF_TERMS = 400;

    private RisTestSupport() {}

    // ------------------------------------------------------------------ Gaussian functions (double)

    static double phi(double x) {
        return Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
    }

    /** Mills ratio R(x) = (1 − Φ(x))/φ(x) for x ≥ 3 by a 400-term continued fraction (converged to 1e-16). */
    static double mills(double x) {
        if (x < 3) {
            throw new IllegalArgumentException("mills ratio continued fraction is used for x >= 3 only");
        }
        double tail = x;
        for (int k = MILLS_CF_TERMS; k >= 1; k--) {
            tail = x + k / tail;
        }
        return 1.0 / tail;
    }

    /** Φ(x): Taylor series Φ = ½ + φ(x)·Σ x^(2n+1)/(2n+1)!! for |x| ≤ 3, the Mills ratio beyond. */
    static double cdf(double x) {
        if (x < -3) {
            return phi(x) * mills(-x);
        }
        if (x > 3) {
            return 1 - phi(x) * mills(x);
        }
        double term = x;
        double sum = x;
        double x2 = x * x;
        for (int n = 1; n < 200; n++) {
            term *= x2 / (2 * n + 1);
            sum += term;
            if (Math.abs(term) < 1e-18 * Math.abs(sum)) {
                break;
            }
        }
        return 0.5 + phi(x) * sum;
    }

    /** ψ(α) = φ(α) + αΦ(α) = E[(α + t)+], t ~ N(0,1); for α < −3 as φ(α)(1 − xR(x)), x = −α. */
    static double psi(double alpha) {
        if (alpha < -3) {
            double x = -alpha;
            return phi(alpha) * (1 - x * mills(x));
        }
        return phi(alpha) + alpha * cdf(alpha);
    }

    /** E[relu(a)], a ~ N(m, sd²). */
    static double reluMean(double m, double sd) {
        return sd * psi(m / sd);
    }

    /** E[relu(a)²], a ~ N(m, v). */
    static double reluSecond(double m, double v) {
        double sd = Math.sqrt(v);
        double al = m / sd;
        return (m * m + v) * cdf(al) + m * sd * phi(al);
    }

    /** Per-sample MC variance of relu(a): E relu² − Z². */
    static double reluVariance(double m, double v) {
        double z = reluMean(m, Math.sqrt(v));
        return reluSecond(m, v) - z * z;
    }

    /** τ* = Φ(α)/ψ(α), the mean of t under r* ∝ relu(α + t)φ(t). */
    static double tauStar(double alpha) {
        if (alpha < -3) {
            double x = -alpha;
            double r = mills(x);
            return r / (1 - x * r);
        }
        return cdf(alpha) / psi(alpha);
    }

    /** λ*² = Var_{r*}(t) = ατ* + 2φ/ψ − τ*². */
    static double lam2Star(double alpha) {
        double tau = tauStar(alpha);
        double phiOverPsi;
        if (alpha < -3) {
            double x = -alpha;
            phiOverPsi = 1 / (1 - x * mills(x));
        } else {
            phiOverPsi = phi(alpha) / psi(alpha);
        }
        return alpha * tau + 2 * phiOverPsi - tau * tau;
    }

    /**
     * τ* and λ*² for α < 0 by quadrature, free of the cancellation in ατ + 2φ/ψ − τ² (which loses
     * ~x⁴·1e-16 for large x = −α): with u = t − x ≥ 0 and y = xu, r* ∝ y·exp(−y − y²/(2x²)), so
     * τ* = x + E[y]/x and λ*² = Var[y]/x². Composite Simpson on y ∈ [0, 80], 40000 intervals.
     */
    static double[] exactTiltByQuadrature(double alpha) {
        if (!(alpha < 0)) {
            throw new IllegalArgumentException("quadrature reference is for alpha < 0");
        }
        double x = -alpha;
        int intervals = 40000;
        double h = 80.0 / intervals;
        double i0 = 0;
        double i1 = 0;
        double i2 = 0;
        for (int j = 0; j <= intervals; j++) {
            double y = j * h;
            double w = (j == 0 || j == intervals) ? 1 : (j % 2 == 1 ? 4 : 2);
            double f = w * y * Math.exp(-y - y * y / (2 * x * x));
            i0 += f;
            i1 += f * y;
            i2 += f * y * y;
        }
        double ey = i1 / i0;
        double vy = i2 / i0 - ey * ey;
        return new double[] {x + ey / x, vy / (x * x)};
    }

    static double tauApx(double alpha) {
        return (Math.sqrt(alpha * alpha + 4) - alpha) / 2;
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    // ------------------------------------------------------------------ χ² tail

    /** log Γ(x), Lanczos (g = 7, 9 terms), relative error ~1e-15 for x > 0. */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    /** Regularised upper incomplete gamma Q(a, x) (series below a + 1, Lentz continued fraction above). */
    static double gammaQ(double a, double x) {
        if (x <= 0) {
            return 1;
        }
        double logPrefactor = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double ap = a;
            double sum = 1 / a;
            double del = sum;
            for (int n = 0; n < 10000; n++) {
                ap += 1;
                del *= x / ap;
                sum += del;
                if (Math.abs(del) < Math.abs(sum) * 1e-16) {
                    break;
                }
            }
            return 1 - sum * Math.exp(logPrefactor);
        }
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < tiny) {
                d = tiny;
            }
            c = b + an / c;
            if (Math.abs(c) < tiny) {
                c = tiny;
            }
            d = 1 / d;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(logPrefactor) * h;
    }

    /** P(χ²_df > x). */
    static double chi2Sf(double x, int df) {
        return gammaQ(df / 2.0, x / 2.0);
    }

    // ------------------------------------------------------------------ sample statistics

    /** Column means and unbiased variances of a row-major [rows, cols] sample. */
    static double[][] columnMeanVar(double[] values, int rows, int cols) {
        double[] mean = new double[cols];
        double[] var = new double[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                mean[c] += values[r * cols + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            mean[c] /= rows;
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double d = values[r * cols + c] - mean[c];
                var[c] += d * d;
            }
        }
        for (int c = 0; c < cols; c++) {
            var[c] /= rows - 1;
        }
        return new double[][] {mean, var};
    }

    static double sampleVariance(double[] x) {
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return s / (x.length - 1);
    }

    static double[] toDoubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    // ------------------------------------------------------------------ configurations and layers

    /** The prototype's dense_config: z = |N(0,1)|ⁿ, μ ~ N(0, 2/n) [k, n], s = r|μ| (row-major). */
    static final class DenseConfig {
        final int n;
        final int k;
        final double[] z;
        final double[] mu;
        final double[] s;

        DenseConfig(int n, int k, double r, long seed) {
            this.n = n;
            this.k = k;
            Random rng = new Random(seed);
            z = new double[n];
            for (int j = 0; j < n; j++) {
                z[j] = Math.abs(rng.nextGaussian());
            }
            mu = new double[k * n];
            s = new double[k * n];
            double scale = Math.sqrt(2.0 / n);
            for (int i = 0; i < k * n; i++) {
                mu[i] = rng.nextGaussian() * scale;
                s[i] = Math.max(r * Math.abs(mu[i]), 1e-8);
            }
        }
    }

    /** A real {@link BayesLinear} with μ and s = softplus(ρ) set from the given row-major [k, n] values. */
    static BayesLinear dense(NDManager manager, DataType type, int n, int k, double[] mu, double[] s) {
        BayesLinear layer = new BayesLinear("dense", n, k, false, ActivationFunction.RELU, PosteriorInit.defaults());
        layer.initialize(manager, type, new Shape(1, n));
        setParams(layer, mu, s, null, null);
        return layer;
    }

    /** As {@link #dense} with a variational bias (μ_b, s_b). */
    static BayesLinear denseWithBias(NDManager manager, DataType type, int n, int k, double[] mu, double[] s,
                                     double[] muB, double[] sB) {
        BayesLinear layer = new BayesLinear("dense", n, k, true, ActivationFunction.RELU, PosteriorInit.defaults());
        layer.initialize(manager, type, new Shape(1, n));
        setParams(layer, mu, s, muB, sB);
        return layer;
    }

    static void setParams(io.risbnn.nn.VariationalBlock layer, double[] mu, double[] s, double[] muB, double[] sB) {
        set(layer.weight().mu(), mu);
        set(layer.weight().rho(), rhoOf(s));
        if (muB != null) {
            set(layer.bias().mu(), muB);
            set(layer.bias().rho(), rhoOf(sB));
        }
    }

    static double[] rhoOf(double[] s) {
        double[] rho = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            rho[i] = Softplus.inverse(s[i]);
        }
        return rho;
    }

    static void set(NDArray target, double[] values) {
        if (target.getDataType() == DataType.FLOAT64) {
            target.set(values);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < values.length; i++) {
                f[i] = (float) values[i];
            }
            target.set(f);
        }
    }

    /** The effective (μ, s) the layer holds, in double (s = softplus of the stored ρ). */
    static double[][] effectiveParams(io.risbnn.nn.VariationalBlock layer) {
        double[] mu = toDoubles(layer.weight().mu());
        double[] rho = toDoubles(layer.weight().rho());
        double[] s = new double[rho.length];
        for (int i = 0; i < rho.length; i++) {
            s[i] = Softplus.of(rho[i]);
        }
        return new double[][] {mu, s, rho};
    }

    /** m_i = Σ μ_ij z_j and v_i = Σ s_ij² z_j², in double. */
    static double[][] moments(double[] mu, double[] s, double[] z, int k, int n) {
        double[] m = new double[k];
        double[] v = new double[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                m[i] += mu[i * n + j] * z[j];
                v[i] += s[i * n + j] * s[i * n + j] * z[j] * z[j];
            }
        }
        return new double[][] {m, v};
    }

    /** The input row z repeated {@code rows} times: [rows, n], each row an independent repetition. */
    static NDArray repeatRows(NDManager manager, double[] z, int rows, DataType type) {
        NDArray row = manager.create(z).reshape(1, z.length).toType(type, false);
        return row.repeat(0, rows);
    }

    static String fmt(double x) {
        return String.format(java.util.Locale.ROOT, "%.4g", x);
    }
}
