package io.risbnn.estimator;

/**
 * The per-unit part of {@link RisKernel}'s pass for one chunk: each unit's MM_APX proposals of both moments
 * ({@link RisKernel#mmApx}, {@link RisKernel#secondMmApx}) and from them the constants {@link RisRows} sums
 * with. At M = 10 this part took about 60 % of the kernel's time in plain Java (48 of 81 ns per unit on two
 * threads, measured), more than the M draws. Like the draws it has two versions that give the same bits: plain
 * Java here, and lane-wise ({@link RisVectorUnits}) when the Vector API is present ({@link RisRows#VECTOR}).
 */
final class RisUnits {
    /** α = m/sd (float32 values) and sd per unit; {@code fixed}: the proposals are set already (given, or not live). */
    final double[] alpha;
    final double[] sd;
    final boolean[] fixed;
    /** τ₁, λ₁, τ₂, λ₂ per unit, as float32 (the tensor path's proposal arrays are float32). */
    final float[] tau1;
    final float[] lam1;
    final float[] tau2;
    final float[] lam2;
    /** Scratch of the lane-wise passes: Φ(−|α|) (below 4 sd), φ(α), e^(−τ₁²/2), e^(−τ₂²/2). */
    final double[] lower;
    final double[] pdf;
    final double[] exp1;
    final double[] exp2;

    RisUnits(int capacity) {
        lower = new double[capacity];
        pdf = new double[capacity];
        exp1 = new double[capacity];
        exp2 = new double[capacity];
        alpha = new double[capacity];
        sd = new double[capacity];
        fixed = new boolean[capacity];
        tau1 = new float[capacity];
        lam1 = new float[capacity];
        tau2 = new float[capacity];
        lam2 = new float[capacity];
    }

    /** Sets unit u's proposals and marks them fixed. */
    void fix(int u, float t1, float l1, float t2, float l2) {
        fixed[u] = true;
        tau1[u] = t1;
        lam1[u] = l1;
        tau2[u] = t2;
        lam2[u] = l2;
    }

    /** MM_APX proposals of the units [0, len) that are not fixed. */
    void proposals(int len, double lam2Min, double tauMax) {
        if (RisRows.VECTOR) {
            RisVectorUnits.proposals(this, len, lam2Min, tauMax);
        } else {
            proposalsScalar(0, len, lam2Min, tauMax);
        }
    }

    /**
     * The first moment's MM_APX proposal of the units [0, len) that are not fixed; the second's is set to (0, 1), which
     * keeps its constants finite (they are not used).
     */
    void firstProposals(int len, double lam2Min, double tauMax) {
        if (RisRows.VECTOR) {
            RisVectorUnits.firstProposals(this, len, lam2Min, tauMax);
        } else {
            firstProposalsScalar(0, len, lam2Min, tauMax);
        }
        for (int u = 0; u < len; u++) {
            if (!fixed[u]) {
                tau2[u] = 0f;
                lam2[u] = 1f;
            }
        }
    }

    /** The rows' per-unit constants of units [0, len) from α, sd and the proposals. */
    void constants(RisRows rows, int len) {
        if (RisRows.VECTOR) {
            RisVectorUnits.constants(this, rows, len);
        } else {
            constantsScalar(rows, 0, len);
        }
    }

    /** τ₁ and λ₁ of the units [from, to) that are not fixed, as {@link RisKernel#mmApx}. */
    void firstProposalsScalar(int from, int to, double lam2Min, double tauMax) {
        double[] p = new double[2];
        for (int u = from; u < to; u++) {
            if (!fixed[u]) {
                RisKernel.mmApx(alpha[u], lam2Min, tauMax, p, 0);
                tau1[u] = (float) p[0];
                lam1[u] = (float) p[1];
            }
        }
    }

    void proposalsScalar(int from, int to, double lam2Min, double tauMax) {
        double[] p = new double[4];
        for (int u = from; u < to; u++) {
            if (!fixed[u]) {
                proposalScalar(u, lam2Min, tauMax, p);
            }
        }
    }

    /** Unit u's two proposals, as {@link RisKernel#mmApx} and {@link RisKernel#secondMmApx}. */
    void proposalScalar(int u, double lam2Min, double tauMax, double[] p) {
        RisKernel.mmApx(alpha[u], lam2Min, tauMax, p, 0);
        RisKernel.secondMmApx(alpha[u], lam2Min, tauMax, p, 2);
        tau1[u] = (float) p[0];
        lam1[u] = (float) p[1];
        tau2[u] = (float) p[2];
        lam2[u] = (float) p[3];
    }

    /**
     * k = (α + τ)/λ, c₁ = −τλ, c₂ = (1 − λ²)/2 of both proposals, sd·λ²·e^(−τ²/2) and sd²·λ³·e^(−τ²/2), as the
     * reference arranges them.
     */
    void constantsScalar(RisRows rows, int from, int to) {
        for (int u = from; u < to; u++) {
            double a = alpha[u];
            double s = sd[u];
            double t1 = tau1[u];
            double l1 = lam1[u];
            rows.alpha[u] = a;
            rows.k1[u] = (a + t1) / l1;
            rows.c11[u] = -t1 * l1;
            rows.c21[u] = (1 - l1 * l1) * 0.5;
            rows.factor1[u] = RisKernel.exp(-0.5 * t1 * t1) * l1 * l1 * s;
            double t2 = tau2[u];
            double l2 = lam2[u];
            rows.k2[u] = (a + t2) / l2;
            rows.c12[u] = -t2 * l2;
            rows.c22[u] = (1 - l2 * l2) * 0.5;
            rows.factor2[u] = RisKernel.exp(-0.5 * t2 * t2) * l2 * l2 * l2 * s * s;
        }
    }
}
