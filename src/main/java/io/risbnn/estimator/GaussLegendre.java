package io.risbnn.estimator;

/**
 * The n-node Gauss–Legendre rule on [lo, hi]: ∫ g ≈ Σ_k w_k g(x_k), exact for polynomials of degree
 * ≤ 2n − 1. Nodes by Newton's method on the Legendre three-term recurrence, in double precision.
 * Used where an integrand is confined to a fixed window (the GELU residual in {@link GeluVariance}).
 */
final class GaussLegendre {
    private final double[] nodes;
    private final double[] weights;

    private GaussLegendre(double[] nodes, double[] weights) {
        this.nodes = nodes;
        this.weights = weights;
    }

    static GaussLegendre on(int n, double lo, double hi) {
        if (n < 1) {
            throw new IllegalArgumentException("Gauss–Legendre needs at least one node, got " + n);
        }
        double[] x = new double[n];
        double[] w = new double[n];
        double half = (hi - lo) / 2;
        double mid = (hi + lo) / 2;
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double derivative = 1;
            for (int iter = 0; iter < 100; iter++) {
                double p1 = 1;
                double p2 = 0;
                for (int j = 1; j <= n; j++) {
                    double p3 = p2;
                    p2 = p1;
                    p1 = ((2.0 * j - 1) * z * p2 - (j - 1.0) * p3) / j;
                }
                derivative = n * (z * p1 - p2) / (z * z - 1);
                double step = p1 / derivative;
                z -= step;
                if (Math.abs(step) <= 1e-16) {
                    break;
                }
            }
            double weight = 2 / ((1 - z * z) * derivative * derivative);
            x[i] = mid - half * z;
            x[n - 1 - i] = mid + half * z;
            w[i] = half * weight;
            w[n - 1 - i] = half * weight;
        }
        return new GaussLegendre(x, w);
    }

    int size() {
        return nodes.length;
    }

    double node(int k) {
        return nodes[k];
    }

    double weight(int k) {
        return weights[k];
    }
}
