package io.risbnn.estimator;

/**
 * The Gaussian lower tail beyond x = {@value #FROM} as a table, for the fused kernels: with the Mills-ratio
 * continued fraction c₀ = x + 1/(x + 2/(x + 3/…)), c₁ = x + 2/(x + 3/…), c₂ = x + 3/(…), the three smooth
 * functions g₀ = 1/c₀, g₁ = 1/(c₀c₁) and g₂ = 2/(c₀c₁c₂) give Φ(−x) = φ(x)·g₀, ψ(−x) = φ(x)·g₁ and
 * E(t − x)₊² = φ(x)·g₂ without cancellation. Each is a degree-{@value #DEGREE} polynomial on intervals
 * of width {@value #WIDTH} up to {@value #TO} (beyond, φ(x) underflows to 0 in double), interpolated once at
 * Chebyshev nodes from a {@value #REFERENCE_TERMS}-term fraction. Evaluating one costs a short polynomial
 * where the fraction itself needed 20–30 dependent divisions per element (measured as most of the
 * {@code analytic} ReLU pass on a young network, whose units sit far out in the tail).
 * Agrees with the long fraction to ~1e-15 relative (tested).
 */
final class MillsTable {
    static final double FROM = 4;
    static final double TO = 40;
    static final double WIDTH = 1;
    static final int DEGREE = 12;
    static final int REFERENCE_TERMS = 2000;
    private static final int INTERVALS = (int) ((TO - FROM) / WIDTH);
    /** COEFFICIENTS[f][j]: the monomial coefficients in z = 2(x − centre_j)/WIDTH of function f on interval j. */
    private static final double[][][] COEFFICIENTS = new double[3][INTERVALS][];

    static {
        int nodes = DEGREE + 1;
        double[][] chebyshev = chebyshevMonomials(DEGREE);
        for (int j = 0; j < INTERVALS; j++) {
            double centre = FROM + (j + 0.5) * WIDTH;
            double[][] values = new double[3][nodes];
            double[] z = new double[nodes];
            for (int k = 0; k < nodes; k++) {
                z[k] = Math.cos(Math.PI * (k + 0.5) / nodes);
                double[] g = reference(centre + z[k] * WIDTH / 2);
                for (int f = 0; f < 3; f++) {
                    values[f][k] = g[f];
                }
            }
            for (int f = 0; f < 3; f++) {
                double[] monomial = new double[nodes];
                for (int d = 0; d <= DEGREE; d++) {
                    double c = 0;
                    for (int k = 0; k < nodes; k++) {
                        c += values[f][k] * Math.cos(Math.PI * d * (k + 0.5) / nodes);
                    }
                    c *= (d == 0 ? 1.0 : 2.0) / nodes;
                    for (int p = 0; p <= d; p++) {
                        monomial[p] += c * chebyshev[d][p];
                    }
                }
                COEFFICIENTS[f][j] = monomial;
            }
        }
    }

    private MillsTable() {}

    /** g₀, g₁, g₂ at x ≥ FROM from the {@value #REFERENCE_TERMS}-term fraction: slow, for the table and tests. */
    static double[] reference(double x) {
        double c = x;
        double c0 = 0;
        double c1 = 0;
        double c2 = 0;
        for (int j = REFERENCE_TERMS - 1; j >= 0; j--) {
            c = (j + 1) / c + x;
            if (j == 2) {
                c2 = c;
            } else if (j == 1) {
                c1 = c;
            } else if (j == 0) {
                c0 = c;
            }
        }
        return new double[] {1 / c0, 1 / (c0 * c1), 2 / (c0 * c1 * c2)};
    }

    /** The monomial coefficients of T_0 … T_degree (exact in double for these degrees). */
    private static double[][] chebyshevMonomials(int degree) {
        double[][] t = new double[degree + 1][degree + 1];
        t[0][0] = 1;
        if (degree > 0) {
            t[1][1] = 1;
        }
        for (int d = 2; d <= degree; d++) {
            for (int p = 0; p <= d; p++) {
                t[d][p] = (p > 0 ? 2 * t[d - 1][p - 1] : 0) - t[d - 2][p];
            }
        }
        return t;
    }

    /** g₀(x) = Φ(−x)/φ(x), the Mills ratio, for FROM ≤ x &lt; TO. */
    static double g0(double x) {
        return evaluate(0, x);
    }

    /** g₁(x) = ψ(−x)/φ(x) for FROM ≤ x &lt; TO. */
    static double g1(double x) {
        return evaluate(1, x);
    }

    /** g₂(x) = E(t − x)₊²/φ(x) for FROM ≤ x &lt; TO. */
    static double g2(double x) {
        return evaluate(2, x);
    }

    private static double evaluate(int f, double x) {
        int j = Math.min((int) ((x - FROM) * (1 / WIDTH)), INTERVALS - 1);
        double z = (x - (FROM + (j + 0.5) * WIDTH)) * (2 / WIDTH);
        return estrin12(COEFFICIENTS[f][j], z);
    }

    /** a₀ + a₁h + … + a₁₂h¹² in Estrin's scheme (a short dependency chain). */
    static double estrin12(double[] a, double h) {
        double h2 = h * h;
        double h4 = h2 * h2;
        double r0 = (a[0] + a[1] * h) + (a[2] + a[3] * h) * h2;
        double r1 = (a[4] + a[5] * h) + (a[6] + a[7] * h) * h2;
        double r2 = (a[8] + a[9] * h) + (a[10] + a[11] * h) * h2;
        return (r0 + r1 * h4) + (r2 + a[12] * h4) * (h4 * h4);
    }
}
