package io.risbnn.estimator;

/**
 * The per-sample accumulation of {@link RisKernel} for one chunk of units: the per-unit constants of the two
 * proposals and the seven running sums, filled one row of ξ at a time. Almost all of a ris M=10 step's
 * Java time is here (60 % of a ResNet-20 mean-var step, measured), so the row loop has two versions that
 * give the same bits: plain Java ({@link #accumulateScalar}) and, when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher, the test JVM and child runs do), the Vector API
 * ({@link RisVectorRows}, 2.5–3.4× faster on Java 17). Without the module the plain loop runs.
 */
final class RisRows {
    /** Whether the Vector API version runs: the incubator module is in the boot layer and not switched off. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("risbnn.scalarKernel");

    final int len;
    final double[] alpha;
    final double[] k1;
    final double[] c11;
    final double[] c21;
    final double[] factor1;
    final double[] k2;
    final double[] c12;
    final double[] c22;
    final double[] factor2;
    final double[] sum1;
    final double[] squares1;
    final double[] sum2;
    final double[] on;
    final double[] onXi;
    final double[] f;
    final double[] fXi;

    RisRows(int len) {
        this.len = len;
        alpha = new double[len];
        k1 = new double[len];
        c11 = new double[len];
        c21 = new double[len];
        factor1 = new double[len];
        k2 = new double[len];
        c12 = new double[len];
        c22 = new double[len];
        factor2 = new double[len];
        sum1 = new double[len];
        squares1 = new double[len];
        sum2 = new double[len];
        on = new double[len];
        onXi = new double[len];
        f = new double[len];
        fXi = new double[len];
    }

    /** Adds one row of draws ξ[0 … len) to the sums, by the Vector API where available. */
    void accumulate(double[] xi) {
        if (VECTOR) {
            RisVectorRows.accumulate(this, xi);
        } else {
            accumulateScalar(xi, 0, len);
        }
    }

    /** The plain loop over units [from, to). */
    void accumulateScalar(double[] xi, int from, int to) {
        for (int u = from; u < to; u++) {
            unit(u, xi[u]);
        }
    }

    /** One draw of one unit: the two importance-weighted moments and the four Jacobian sums. */
    private void unit(int u, double xi) {
        // exponents stay below ~60: λ² ≥ 1/2 and τ ≤ tauMax
        double u1 = RisKernel.exp(xi * (c21[u] * xi + c11[u])) * Math.max(xi + k1[u], 0);
        sum1[u] += u1;
        squares1[u] += u1 * u1;
        double p2 = Math.max(xi + k2[u], 0);
        sum2[u] += RisKernel.exp(xi * (c22[u] * xi + c12[u])) * (p2 * p2);
        double z = xi + alpha[u];
        double step = z > 0 ? 1 : (z == 0 ? 0.5 : 0);   // (sign(z) + 1)/2 as the tensor path
        double pos = Math.max(z, 0);
        on[u] += step;
        onXi[u] += step * xi;
        f[u] += pos;
        fXi[u] += pos * xi;
    }
}
