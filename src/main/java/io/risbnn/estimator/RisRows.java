package io.risbnn.estimator;

/**
 * The per-sample accumulation of {@link RisKernel} for one chunk of units: the per-unit constants of the two
 * proposals and the seven running sums, filled one row of ξ at a time. Almost all of a ris M=10 step's
 * Java time is here (60 % of a ResNet-20 mean-var step, measured), so the row loop has two versions that
 * give the same bits: plain Java ({@link #accumulateScalar}) and, when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the launcher, the test JVM and child runs do), the Vector API
 * ({@link RisVectorRows}: about 3.6× the plain loop on Java 17, measured in isolation). Without the module the plain loop runs.
 */
final class RisRows {
    /** Whether the Vector API version runs: the incubator module is in the boot layer and not switched off. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("risbnn.scalarKernel");

    /** Units in use, ≤ the arrays' length ({@link #reset}). */
    int len;
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
    /** Scratch: this row's two exponentials, e^(ξ(c₂₁ξ + c₁₁)) and e^(ξ(c₂₂ξ + c₁₂)). */
    final double[] weight1;
    final double[] weight2;

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
        weight1 = new double[len];
        weight2 = new double[len];
    }

    /**
     * Reuses these arrays for {@code units} units (at most their length): the sums start again at 0; the per-unit
     * constants are the caller's to set.
     */
    void reset(int units) {
        if (units > alpha.length) {
            throw new IllegalArgumentException(units + " units in rows of " + alpha.length);
        }
        len = units;
        for (double[] sum : new double[][] {sum1, squares1, sum2, on, onXi, f, fXi}) {
            java.util.Arrays.fill(sum, 0, units, 0.0);
        }
    }

    /** Adds one row of draws ξ[0 … len) to the sums, by the Vector API where available. */
    void accumulate(double[] xi) {
        if (VECTOR) {
            RisVectorRows.accumulate(this, xi);
        } else {
            accumulateScalar(xi, 0, len);
        }
    }

    /**
     * Adds one row to the first moment's sums only ({@link #sum1}, {@link #on}, {@link #onXi}: what MOMENT's output
     * needs), by the Vector API where available; the other sums are left as they are.
     */
    void accumulateFirst(double[] xi) {
        if (VECTOR) {
            RisVectorRows.accumulateFirst(this, xi);
        } else {
            accumulateFirstScalar(xi, 0, len);
        }
    }

    /** {@link #accumulateFirst}'s plain loop over units [from, to): {@link #accumulateScalar}'s operations for those sums. */
    void accumulateFirstScalar(double[] xi, int from, int to) {
        for (int u = from; u < to; u++) {
            double x = xi[u];
            sum1[u] += RisKernel.exp(x * (c21[u] * x + c11[u])) * Math.max(x + k1[u], 0);
            addFirstJacobianTerms(u, x);
        }
    }

    /** {@link #sumsScalar} for the first moment's sums only, from {@link #weight1}. */
    void firstSumsScalar(double[] xi, int from, int to) {
        for (int u = from; u < to; u++) {
            double x = xi[u];
            sum1[u] += weight1[u] * Math.max(x + k1[u], 0);
            addFirstJacobianTerms(u, x);
        }
    }

    /**
     * The plain loop over units [from, to), in one pass (split into {@link #weightsScalar} and {@link #sumsScalar},
     * as the vector version needs, it ran 1.3× slower): the same operations, so the same bits.
     */
    void accumulateScalar(double[] xi, int from, int to) {
        for (int u = from; u < to; u++) {
            double x = xi[u];
            // exponents stay below ~60: λ² ≥ 1/2 and τ ≤ tauMax
            double u1 = RisKernel.exp(x * (c21[u] * x + c11[u])) * Math.max(x + k1[u], 0);
            sum1[u] += u1;
            squares1[u] += u1 * u1;
            double p2 = Math.max(x + k2[u], 0);
            sum2[u] += RisKernel.exp(x * (c22[u] * x + c12[u])) * (p2 * p2);
            addJacobianTerms(u, x);
        }
    }

    /** e^(ξ(c₂ξ + c₁)) of units [from, to) into {@code out} ({@link RisKernel#exp}). */
    static void weightsScalar(double[] xi, double[] c2, double[] c1, double[] out, int from, int to) {
        for (int u = from; u < to; u++) {
            double x = xi[u];
            // exponents stay below ~60: λ² ≥ 1/2 and τ ≤ tauMax
            out[u] = RisKernel.exp(x * (c2[u] * x + c1[u]));
        }
    }

    /** The two importance-weighted moments and the four Jacobian sums of units [from, to). */
    void sumsScalar(double[] xi, int from, int to) {
        for (int u = from; u < to; u++) {
            double x = xi[u];
            double u1 = weight1[u] * Math.max(x + k1[u], 0);
            sum1[u] += u1;
            squares1[u] += u1 * u1;
            double p2 = Math.max(x + k2[u], 0);
            sum2[u] += weight2[u] * (p2 * p2);
            addJacobianTerms(u, x);
        }
    }

    /** The four MC Jacobian sums of relu(m + sd·ξ) for unit u. */
    private void addJacobianTerms(int u, double x) {
        double z = x + alpha[u];
        double step = z > 0 ? 1 : (z == 0 ? 0.5 : 0);   // (sign(z) + 1)/2 as the tensor path
        double pos = Math.max(z, 0);
        on[u] += step;
        onXi[u] += step * x;
        f[u] += pos;
        fXi[u] += pos * x;
    }

    /** The two MC Jacobian sums of the mean of relu(m + sd·ξ) for unit u, as {@link #addJacobianTerms}. */
    private void addFirstJacobianTerms(int u, double x) {
        double z = x + alpha[u];
        double step = z > 0 ? 1 : (z == 0 ? 0.5 : 0);
        on[u] += step;
        onXi[u] += step * x;
    }
}
