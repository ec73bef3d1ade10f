package io.risbnn.estimator;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RisUnits}' plain loops lane-wise, eight units at a time, with the same operations in the same order (both
 * branches computed and blended), so the same bits. Φ below 4 sd is {@link ReluKernel}'s table read by gathers.
 * Φ beyond 4 sd (the Mills-ratio tail) is computed per unit into the lanes' array. Lanes the polynomial forms do
 * not cover take the plain code: α ≥ {@value #PLAIN_FROM} in the second moment and blocks with exponents outside
 * (−700, 700). Each pass is a small method that reads and writes arrays
 * ({@link RisUnits}' scratch): with vectors passed between methods C2 stopped inlining and boxed them (the first
 * version was no faster than the plain loops). Loaded only when the module is present ({@link RisRows#VECTOR}).
 */
final class RisVectorUnits {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final int LANES = DOUBLES.length();
    private static final int STRIDE = ReluKernel.DEGREE + 1;

    /**
     * From this α on the second moment's lanes take the plain code: −α²/2 &lt; −684 nears the fast exp's −700 limit.
     * Between 4 and here, Φ(−α) is the Mills-ratio tail, computed per unit as {@link RisKernel#cdf} does: in a
     * ResNet-20 step most units are out there, and handing them all to the plain code took 7.7 % of a ris M=10 step.
     */
    private static final double PLAIN_FROM = 37;

    private RisVectorUnits() {}

    static void proposals(RisUnits units, int len, double lam2Min, double tauMax) {
        int bound = DOUBLES.loopBound(len);
        int[] index = new int[LANES];
        for (int u = 0; u < bound; u += LANES) {
            first(units, u, lam2Min, tauMax);
        }
        for (int u = 0; u < bound; u += LANES) {
            lowerTail(units, u, index);
        }
        for (int u = 0; u < bound; u++) {               // Φ(−α) of the Mills-ratio tail, as RisKernel.cdf takes it
            double a = units.alpha[u];
            if (a >= ClosedFormMoments.TAIL_START && a < PLAIN_FROM) {
                units.lower[u] = RisKernel.tailLower(a);
            }
        }
        for (int u = 0; u < bound; u += LANES) {
            density(units, u);
        }
        double[] p = new double[4];
        for (int u = 0; u < bound; u += LANES) {
            if (second(units, u, lam2Min, tauMax)) {
                for (int k = u; k < u + LANES; k++) {      // φ(α) out of the fast exp's range: the plain code
                    if (!units.fixed[k] && units.alpha[k] >= PLAIN_FROM) {
                        units.proposalScalar(k, lam2Min, tauMax, p);
                    }
                }
            }
        }
        units.proposalsScalar(bound, len, lam2Min, tauMax);
    }

    /** τ₁ and λ₁ of {@link RisUnits#firstProposals}, lane-wise (the plain code for the tail of the chunk). */
    static void firstProposals(RisUnits units, int len, double lam2Min, double tauMax) {
        int bound = DOUBLES.loopBound(len);
        for (int u = 0; u < bound; u += LANES) {
            first(units, u, lam2Min, tauMax);
        }
        units.firstProposalsScalar(bound, len, lam2Min, tauMax);
    }

    /** {@link RisKernel#mmApx}: τ₁ and λ₁ of the block's open lanes. */
    private static void first(RisUnits units, int u, double lam2Min, double tauMax) {
        VectorMask<Float> open = FLOATS.loadMask(units.fixed, u).not();
        DoubleVector alpha = DoubleVector.fromArray(DOUBLES, units.alpha, u);
        DoubleVector root = alpha.mul(alpha).add(4).lanewise(VectorOperators.SQRT);
        DoubleVector positive = DoubleVector.broadcast(DOUBLES, 2).div(root.add(alpha));
        DoubleVector negative = root.sub(alpha).mul(0.5);
        DoubleVector tau = negative.blend(positive, alpha.compare(VectorOperators.GE, 0)).min(tauMax);
        DoubleVector a = alpha.max(1e-6);
        DoubleVector lam = DoubleVector.broadcast(DOUBLES, 1).sub(DoubleVector.broadcast(DOUBLES, 1).div(a.mul(a)))
                .max(lam2Min).lanewise(VectorOperators.SQRT);
        ((FloatVector) tau.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(units.tau1, u, open);
        ((FloatVector) lam.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(units.lam1, u, open);
    }

    /** {@link ReluKernel#lowerTail} of min(|α|, 4): the interval's Taylor coefficients gathered, Estrin's scheme. */
    private static void lowerTail(RisUnits units, int u, int[] index) {
        DoubleVector x = DoubleVector.fromArray(DOUBLES, units.alpha, u).abs().min(ClosedFormMoments.TAIL_START);
        IntVector j = ((IntVector) x.mul(1 / ReluKernel.WIDTH).convertShape(VectorOperators.D2I, INTS, 0))
                .min(ReluKernel.INTERVALS - 1);
        DoubleVector h = x.sub(((DoubleVector) j.convertShape(VectorOperators.I2D, DOUBLES, 0)).add(0.5).mul(ReluKernel.WIDTH));
        j.mul(STRIDE).intoArray(index, 0);
        double[] c = ReluKernel.FLAT_COEFFICIENTS;
        DoubleVector h2 = h.mul(h);
        DoubleVector h4 = h2.mul(h2);
        DoubleVector r0 = DoubleVector.fromArray(DOUBLES, c, 0, index, 0)
                .add(DoubleVector.fromArray(DOUBLES, c, 1, index, 0).mul(h))
                .add(DoubleVector.fromArray(DOUBLES, c, 2, index, 0)
                        .add(DoubleVector.fromArray(DOUBLES, c, 3, index, 0).mul(h)).mul(h2));
        DoubleVector r1 = DoubleVector.fromArray(DOUBLES, c, 4, index, 0)
                .add(DoubleVector.fromArray(DOUBLES, c, 5, index, 0).mul(h))
                .add(DoubleVector.fromArray(DOUBLES, c, 6, index, 0)
                        .add(DoubleVector.fromArray(DOUBLES, c, 7, index, 0).mul(h)).mul(h2));
        DoubleVector r2 = DoubleVector.fromArray(DOUBLES, c, 8, index, 0)
                .add(DoubleVector.fromArray(DOUBLES, c, 9, index, 0).mul(h))
                .add(DoubleVector.fromArray(DOUBLES, c, 10, index, 0)
                        .add(DoubleVector.fromArray(DOUBLES, c, 11, index, 0).mul(h)).mul(h2));
        r0.add(r1.mul(h4)).add(r2.add(DoubleVector.fromArray(DOUBLES, c, 12, index, 0).mul(h4)).mul(h4.mul(h4)))
                .intoArray(units.lower, u);
    }

    /** φ(α) = e^(−α²/2)/√(2π) where the exponent is in (−700, 700) (elsewhere the lane is not used). */
    private static void density(RisUnits units, int u) {
        DoubleVector alpha = DoubleVector.fromArray(DOUBLES, units.alpha, u);
        RisVectorRows.exp(alpha.mul(-0.5).mul(alpha)).mul(RisKernel.INV_SQRT_2PI).intoArray(units.pdf, u);
    }

    /**
     * {@link RisKernel#secondMmApx}: τ₂ and λ₂ of the block's open lanes; returns whether an open lane has
     * α ≥ {@value #PLAIN_FROM} (that lane is left to the plain code).
     */
    private static boolean second(RisUnits units, int u, double lam2Min, double tauMax) {
        VectorMask<Float> open = FLOATS.loadMask(units.fixed, u).not();
        DoubleVector alpha = DoubleVector.fromArray(DOUBLES, units.alpha, u);
        DoubleVector pdf = DoubleVector.fromArray(DOUBLES, units.pdf, u);
        DoubleVector lower = DoubleVector.fromArray(DOUBLES, units.lower, u);
        DoubleVector cdf = DoubleVector.broadcast(DOUBLES, 1).sub(lower).blend(lower, alpha.compare(VectorOperators.LT, 0));
        DoubleVector psi = pdf.add(alpha.mul(cdf));
        DoubleVector s2 = alpha.mul(alpha).add(1).mul(cdf).add(alpha.mul(pdf));
        DoubleVector steinTau = psi.mul(2).div(s2);
        DoubleVector steinLam2 = cdf.mul(2).div(s2).add(1).sub(steinTau.mul(steinTau));
        DoubleVector farTau = alpha.mul(alpha).add(8).lanewise(VectorOperators.SQRT).sub(alpha).mul(0.5);
        VectorMask<Double> stein = alpha.compare(VectorOperators.GE, -3);
        DoubleVector tau = farTau.blend(steinTau, stein).min(tauMax);
        DoubleVector lam = DoubleVector.zero(DOUBLES).blend(steinLam2, stein).max(lam2Min).lanewise(VectorOperators.SQRT);
        ((FloatVector) tau.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(units.tau2, u, open);
        ((FloatVector) lam.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(units.lam2, u, open);
        return alpha.compare(VectorOperators.GE, PLAIN_FROM).anyTrue();
    }

    static void constants(RisUnits units, RisRows rows, int len) {
        int bound = DOUBLES.loopBound(len);
        for (int u = 0; u < bound; u += LANES) {
            exponentials(units, u);
        }
        for (int u = 0; u < bound; u += LANES) {
            if (!block(units, rows, u)) {
                units.constantsScalar(rows, u, u + LANES);
            }
        }
        units.constantsScalar(rows, bound, len);
    }

    /** e^(−τ²/2) of both proposals where the exponents are in (−700, 700) (elsewhere the block takes the plain code). */
    private static void exponentials(RisUnits units, int u) {
        DoubleVector t1 = (DoubleVector) FloatVector.fromArray(FLOATS, units.tau1, u).convertShape(VectorOperators.F2D, DOUBLES, 0);
        DoubleVector t2 = (DoubleVector) FloatVector.fromArray(FLOATS, units.tau2, u).convertShape(VectorOperators.F2D, DOUBLES, 0);
        RisVectorRows.exp(t1.mul(-0.5).mul(t1)).intoArray(units.exp1, u);
        RisVectorRows.exp(t2.mul(-0.5).mul(t2)).intoArray(units.exp2, u);
    }

    /** The block's constants as {@link RisUnits#constantsScalar}; false (nothing written) if an exponent is out of range. */
    private static boolean block(RisUnits units, RisRows rows, int u) {
        DoubleVector t1 = (DoubleVector) FloatVector.fromArray(FLOATS, units.tau1, u).convertShape(VectorOperators.F2D, DOUBLES, 0);
        DoubleVector t2 = (DoubleVector) FloatVector.fromArray(FLOATS, units.tau2, u).convertShape(VectorOperators.F2D, DOUBLES, 0);
        DoubleVector e1 = t1.mul(-0.5).mul(t1);
        DoubleVector e2 = t2.mul(-0.5).mul(t2);
        if (!e1.compare(VectorOperators.GT, -700).and(e1.compare(VectorOperators.LT, 700))
                .and(e2.compare(VectorOperators.GT, -700)).and(e2.compare(VectorOperators.LT, 700)).allTrue()) {
            return false;
        }
        DoubleVector a = DoubleVector.fromArray(DOUBLES, units.alpha, u);
        DoubleVector s = DoubleVector.fromArray(DOUBLES, units.sd, u);
        DoubleVector l1 = (DoubleVector) FloatVector.fromArray(FLOATS, units.lam1, u).convertShape(VectorOperators.F2D, DOUBLES, 0);
        DoubleVector l2 = (DoubleVector) FloatVector.fromArray(FLOATS, units.lam2, u).convertShape(VectorOperators.F2D, DOUBLES, 0);
        DoubleVector one = DoubleVector.broadcast(DOUBLES, 1);
        a.intoArray(rows.alpha, u);
        a.add(t1).div(l1).intoArray(rows.k1, u);
        t1.neg().mul(l1).intoArray(rows.c11, u);
        one.sub(l1.mul(l1)).mul(0.5).intoArray(rows.c21, u);
        DoubleVector.fromArray(DOUBLES, units.exp1, u).mul(l1).mul(l1).mul(s).intoArray(rows.factor1, u);
        a.add(t2).div(l2).intoArray(rows.k2, u);
        t2.neg().mul(l2).intoArray(rows.c12, u);
        one.sub(l2.mul(l2)).mul(0.5).intoArray(rows.c22, u);
        DoubleVector.fromArray(DOUBLES, units.exp2, u).mul(l2).mul(l2).mul(l2).mul(s).mul(s).intoArray(rows.factor2, u);
        return true;
    }
}
