package io.risbnn.estimator;

/**
 * Gauss–Hermite rules for expectations under the standard normal: E g(t) ≈ Σ_k w_k g(t_k) with
 * t_k = √2·x_k and w_k = ω_k/√π, where (x_k, ω_k) are the nodes and weights for ∫ e^(−x²) g(x) dx.
 * The rule with n nodes is exact for polynomials of degree ≤ 2n − 1. Nodes are found by Newton's
 * method on the orthonormal Hermite polynomials (three-term recurrence), in double precision; the
 * weights sum to 1 within rounding.
 */
public final class GaussHermite {
    /** More nodes than this lose double precision in the recurrence's tail weights. */
    public static final int MAX_NODES = 200;

    private final double[] nodes;
    private final double[] weights;

    private GaussHermite(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    /**
     * The n-node rule for N(0, 1), nodes ascending; exact for polynomials of degree ≤ 2n − 1.
     *
     * @param n the number of nodes, in [1, {@link #MAX_NODES}]
     * @return the rule, with weights summing to 1
     * @throws IllegalArgumentException if {@code n} is outside [1, {@link #MAX_NODES}]
     */
    public static GaussHermite standardNormal(int n) {
        if (n < 1 || n > MAX_NODES) {
            throw new IllegalArgumentException("Gauss–Hermite nodes must be in [1, " + MAX_NODES + "], got " + n);
        }
        double[] x = new double[n];
        double[] w = new double[n];
        double piQuarter = Math.pow(Math.PI, -0.25);
        double z = 0;
        for (int i = 0; i < (n + 1) / 2; i++) {
            // initial guesses for the largest roots first (Szegő-type asymptotics), then from the previous roots
            if (i == 0) {
                z = Math.sqrt(2.0 * n + 1) - 1.85575 * Math.pow(2.0 * n + 1, -1.0 / 6);
            } else if (i == 1) {
                z -= 1.14 * Math.pow(n, 0.426) / z;
            } else if (i == 2) {
                z = 1.86 * z - 0.86 * x[0];
            } else if (i == 3) {
                z = 1.91 * z - 0.91 * x[1];
            } else {
                z = 2.0 * z - x[i - 2];
            }
            double derivative = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p1 = piQuarter;
                double p2 = 0;
                for (int j = 1; j <= n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.sqrt(2.0 / j) * p2 - Math.sqrt((j - 1.0) / j) * p3;
                }
                derivative = Math.sqrt(2.0 * n) * p2;
                double step = p1 / derivative;
                z -= step;
                if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) {
                    break;
                }
            }
            x[i] = z;
            x[n - 1 - i] = -z;
            w[i] = 2.0 / (derivative * derivative);
            w[n - 1 - i] = w[i];
        }
        double[] t = new double[n];
        double[] weight = new double[n];
        double total = 0;
        for (int k = 0; k < n; k++) {      // ascending order
            t[k] = Math.sqrt(2) * x[n - 1 - k];
            weight[k] = w[n - 1 - k] / Math.sqrt(Math.PI);
            total += weight[k];
        }
        for (int k = 0; k < n; k++) {      // remove the rounding of the normaliser
            weight[k] /= total;
        }
        return new GaussHermite(t, weight);
    }

    /**
     * The number of nodes n.
     *
     * @return n, as passed to {@link #standardNormal}
     */
    public int size() {
        return nodes.length;
    }

    /**
     * t_k, the nodes for N(0, 1), ascending.
     *
     * @return a fresh copy of the n nodes
     */
    public double[] nodes() {
        return nodes.clone();
    }

    /**
     * w_k, summing to 1.
     *
     * @return a fresh copy of the n weights, in the order of {@link #nodes()}
     */
    public double[] weights() {
        return weights.clone();
    }

    /**
     * One node without copying the array.
     *
     * @param k the index, in [0, {@link #size()})
     * @return t_k
     */
    public double node(int k) {
        return nodes[k];
    }

    /**
     * One weight without copying the array.
     *
     * @param k the index, in [0, {@link #size()})
     * @return w_k, the weight of node t_k
     */
    public double weight(int k) {
        return weights[k];
    }
}
