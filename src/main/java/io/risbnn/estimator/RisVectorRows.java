package io.risbnn.estimator;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RisRows#accumulateScalar}'s loop lane-wise with {@code jdk.incubator.vector}: the same operations in the
 * same order, so the sums are the same bits, in two passes over the row (the weights, then the sums). {@link RisKernel#exp}'s 2ⁿ is built from the bits of
 * x/ln2 + 1.5·2⁵² (whose low mantissa bits hold n = rint(x/ln2)) instead of a double-to-long conversion, which
 * Java 17 does not compile to vector code (with it the loop ran only 1.1× the plain one). Blocks where an
 * exponent leaves (−700, 700), or is NaN, take the plain loop, as {@link RisKernel#exp} falls back to
 * {@link Math#exp} there; so does the tail of a chunk shorter than a vector. Loaded only when the module is
 * present ({@link RisRows#VECTOR}).
 */
final class RisVectorRows {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    private static final double LN2_HI = RisKernel.LN2_HI;
    private static final double LN2_LO = RisKernel.LN2_LO;
    private static final double INV_LN2 = RisKernel.INV_LN2;
    private static final double ROUNDING = 0x1.8p52;
    private static final long EXPONENT_OFFSET = Double.doubleToRawLongBits(ROUNDING) - 1023;

    private RisVectorRows() {}

    static void accumulate(RisRows r, double[] xi) {
        weights(xi, r.c21, r.c11, r.weight1, r.len);
        weights(xi, r.c22, r.c12, r.weight2, r.len);
        sums(r, xi);
    }

    /** {@link RisRows#accumulateFirstScalar} lane-wise: the first proposal's weights, then its three sums. */
    static void accumulateFirst(RisRows r, double[] xi) {
        weights(xi, r.c21, r.c11, r.weight1, r.len);
        firstSums(r, xi);
    }

    /**
     * One proposal's exponentials e^(ξ(c₂ξ + c₁)) of the row into {@code out}, a pass of its own: with both
     * proposals, or the sums, in one method C2 stopped inlining {@link #exp} (NodeCountInliningCutoff) and
     * called it with boxed vectors.
     */
    private static void weights(double[] xi, double[] c2, double[] c1, double[] out, int len) {
        int bound = SPECIES.loopBound(len);
        int u = 0;
        for (; u < bound; u += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, xi, u);
            DoubleVector e = x.mul(DoubleVector.fromArray(SPECIES, c2, u).mul(x).add(DoubleVector.fromArray(SPECIES, c1, u)));
            if (inRange(e).allTrue()) {
                exp(e).intoArray(out, u);
            } else {
                RisRows.weightsScalar(xi, c2, c1, out, u, u + SPECIES.length());
            }
        }
        RisRows.weightsScalar(xi, c2, c1, out, u, len);
    }

    /** The seven sums from the row and its weights, lane-wise. */
    private static void sums(RisRows r, double[] xi) {
        int bound = SPECIES.loopBound(r.len);
        int u = 0;
        for (; u < bound; u += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, xi, u);
            DoubleVector u1 = DoubleVector.fromArray(SPECIES, r.weight1, u).mul(x.add(DoubleVector.fromArray(SPECIES, r.k1, u)).max(0));
            DoubleVector.fromArray(SPECIES, r.sum1, u).add(u1).intoArray(r.sum1, u);
            DoubleVector.fromArray(SPECIES, r.squares1, u).add(u1.mul(u1)).intoArray(r.squares1, u);
            DoubleVector p2 = x.add(DoubleVector.fromArray(SPECIES, r.k2, u)).max(0);
            DoubleVector.fromArray(SPECIES, r.sum2, u).add(DoubleVector.fromArray(SPECIES, r.weight2, u).mul(p2.mul(p2)))
                    .intoArray(r.sum2, u);
            DoubleVector z = x.add(DoubleVector.fromArray(SPECIES, r.alpha, u));
            DoubleVector step = DoubleVector.zero(SPECIES).blend(1.0, z.compare(VectorOperators.GT, 0))
                    .blend(0.5, z.compare(VectorOperators.EQ, 0));
            DoubleVector pos = z.max(0);
            DoubleVector.fromArray(SPECIES, r.on, u).add(step).intoArray(r.on, u);
            DoubleVector.fromArray(SPECIES, r.onXi, u).add(step.mul(x)).intoArray(r.onXi, u);
            DoubleVector.fromArray(SPECIES, r.f, u).add(pos).intoArray(r.f, u);
            DoubleVector.fromArray(SPECIES, r.fXi, u).add(pos.mul(x)).intoArray(r.fXi, u);
        }
        r.sumsScalar(xi, u, r.len);
    }

    /** sum1, on and onXi from the row and its first weights, lane-wise (the same operations as {@link #sums}). */
    private static void firstSums(RisRows r, double[] xi) {
        int bound = SPECIES.loopBound(r.len);
        int u = 0;
        for (; u < bound; u += SPECIES.length()) {
            DoubleVector x = DoubleVector.fromArray(SPECIES, xi, u);
            DoubleVector u1 = DoubleVector.fromArray(SPECIES, r.weight1, u).mul(x.add(DoubleVector.fromArray(SPECIES, r.k1, u)).max(0));
            DoubleVector.fromArray(SPECIES, r.sum1, u).add(u1).intoArray(r.sum1, u);
            DoubleVector z = x.add(DoubleVector.fromArray(SPECIES, r.alpha, u));
            DoubleVector step = DoubleVector.zero(SPECIES).blend(1.0, z.compare(VectorOperators.GT, 0))
                    .blend(0.5, z.compare(VectorOperators.EQ, 0));
            DoubleVector.fromArray(SPECIES, r.on, u).add(step).intoArray(r.on, u);
            DoubleVector.fromArray(SPECIES, r.onXi, u).add(step.mul(x)).intoArray(r.onXi, u);
        }
        r.firstSumsScalar(xi, u, r.len);
    }

    /** Lanes with −700 &lt; x &lt; 700 (false for NaN), where {@link RisKernel#exp} uses its polynomial. */
    private static VectorMask<Double> inRange(DoubleVector x) {
        return x.compare(VectorOperators.GT, -700).and(x.compare(VectorOperators.LT, 700));
    }

    /** {@link RisKernel#exp} lane-wise for −700 &lt; x &lt; 700: the same reduction and polynomial. */
    static DoubleVector exp(DoubleVector x) {
        DoubleVector t = x.mul(INV_LN2).add(ROUNDING);
        DoubleVector n = t.sub(ROUNDING);             // rint(x/ln2), as Math.rint
        DoubleVector r = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        DoubleVector r2 = r.mul(r);
        DoubleVector r4 = r2.mul(r2);
        DoubleVector p0 = r.add(1).add(r.mul(1.0 / 6).add(0.5).mul(r2));
        DoubleVector p1 = r.mul(1.0 / 120).add(1.0 / 24).add(r.mul(1.0 / 5040).add(1.0 / 720).mul(r2));
        DoubleVector p2 = r.mul(1.0 / 362880).add(1.0 / 40320).add(r.mul(1.0 / 39916800).add(1.0 / 3628800).mul(r2));
        DoubleVector p = p0.add(p1.add(p2.mul(r4)).mul(r4));
        // 2ⁿ: the low mantissa bits of t are n, so (bits(t) − bits(1.5·2⁵²) + 1023) << 52 is its exponent field
        DoubleVector twoToN = t.reinterpretAsLongs().sub(EXPONENT_OFFSET).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
        return p.mul(twoToN);
    }
}
