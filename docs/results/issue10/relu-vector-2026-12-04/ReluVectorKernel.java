package io.risbnn.estimator;

import java.nio.FloatBuffer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ReluKernel}'s loop lane-wise, eight elements at a time, with the same operations in the same order (both
 * branches computed and blended), so the same bits. Live lanes with |α| &lt; {@value #PLAIN_FROM} are computed here:
 * Φ from the Taylor table below 4 sd and the Mills-ratio tail from {@link MillsTable} beyond, both by gathers (in
 * a ResNet-20 bench step 92 % of the units were in that tail). The others (not live, |α| ≥ {@value #PLAIN_FROM},
 * where e^(−α²/2) leaves the fast exp's range, NaN) are overwritten by {@link ReluKernel#element}, as is the tail of
 * a block shorter than a vector. The work goes in
 * blocks of {@value #BLOCK} elements through per-thread arrays, one pass per step: with vectors passed between
 * methods C2 stops inlining and boxes them (measured in {@link RisVectorUnits}). Loaded only when the module is
 * present ({@link RisRows#VECTOR}).
 */
final class ReluVectorKernel {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final int LANES = DOUBLES.length();
    private static final int STRIDE = ReluKernel.DEGREE + 1;
    private static final int MILLS_STRIDE = MillsTable.DEGREE + 1;
    /** Lanes with |α| from here on take the plain code: −α²/2 < −684, near the fast exp's −700 limit. */
    static final double PLAIN_FROM = 37;
    /** Elements per block: its arrays (about 14 KB) stay in the L1 cache. */
    private static final int BLOCK = 256;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private ReluVectorKernel() {}

    /** One thread's arrays for a block. */
    private static final class Scratch {
        final float[] m = new float[BLOCK];
        final float[] v = new float[BLOCK];
        final double[] s = new double[BLOCK];
        final double[] alpha = new double[BLOCK];
        final double[] pdf = new double[BLOCK];
        final double[] lower = new double[BLOCK];
        final double[] g0 = new double[BLOCK];
        final double[] g1 = new double[BLOCK];
        final double[] g2 = new double[BLOCK];
        final boolean[] plain = new boolean[BLOCK];
        final float[] out = new float[6 * BLOCK];
        final int[] index = new int[LANES];
    }

    /** {@link ReluKernel#runScalar}'s outputs for elements [from, to), lane-wise. */
    static void run(FloatBuffer mb, FloatBuffer vb, FloatBuffer out, int n, int from, int to, boolean withVariance) {
        Scratch w = SCRATCH.get();
        int outputs = withVariance ? 6 : 3;
        for (int start = from; start < to; start += BLOCK) {
            int len = Math.min(BLOCK, to - start);
            mb.get(start, w.m, 0, len);
            vb.get(start, w.v, 0, len);
            int bound = DOUBLES.loopBound(len);
            for (int u = 0; u < bound; u += LANES) {
                standardise(w, u);
            }
            for (int u = 0; u < bound; u += LANES) {
                density(w, u);
            }
            for (int u = 0; u < bound; u += LANES) {
                lowerTail(w.alpha, w.lower, u, w.index);
            }
            for (int u = 0; u < bound; u += LANES) {
                mills(w, MillsTable.FLAT_COEFFICIENTS[0], w.g0, u);
            }
            for (int u = 0; u < bound; u += LANES) {
                mills(w, MillsTable.FLAT_COEFFICIENTS[1], w.g1, u);
            }
            for (int u = 0; u < bound; u += LANES) {
                mills(w, MillsTable.FLAT_COEFFICIENTS[2], w.g2, u);
            }
            for (int u = 0; u < bound; u += LANES) {
                outputs(w, u, withVariance);
            }
            for (int u = 0; u < len; u++) {
                if (u >= bound || w.plain[u]) {
                    ReluKernel.element(w.m[u], w.v[u], withVariance, w.out, u, BLOCK);
                }
            }
            for (int k = 0; k < outputs; k++) {
                out.put(k * n + start, w.out, k * BLOCK, len);
            }
        }
    }

    /** sd, α = m/sd and the lanes the plain code must take (not live, |α| ≥ {@value #PLAIN_FROM} or NaN), as {@link ReluKernel#element}. */
    private static void standardise(Scratch w, int u) {
        FloatVector mf = FloatVector.fromArray(FLOATS, w.m, u);
        FloatVector vf = FloatVector.fromArray(FLOATS, w.v, u);
        DoubleVector root = ((DoubleVector) vf.max(ReluKernel.MIN_VARIANCE).convertShape(VectorOperators.F2D, DOUBLES, 0))
                .lanewise(VectorOperators.SQRT);
        FloatVector sd = (FloatVector) root.convertShape(VectorOperators.D2F, FLOATS, 0);
        VectorMask<Float> live = sd.compare(VectorOperators.GT, mf.abs().add(1f).mul(1e-6f));
        DoubleVector s = (DoubleVector) sd.convertShape(VectorOperators.F2D, DOUBLES, 0);
        DoubleVector alpha = ((DoubleVector) mf.convertShape(VectorOperators.F2D, DOUBLES, 0)).div(s);
        s.intoArray(w.s, u);
        alpha.intoArray(w.alpha, u);
        alpha.abs().compare(VectorOperators.LT, PLAIN_FROM).and(live.cast(DOUBLES)).not()
                .intoArray(w.plain, u);
    }

    /** φ(α) = e^(−|α|²/2)/√(2π) (the lanes left to the plain code may hold anything). */
    private static void density(Scratch w, int u) {
        DoubleVector x = DoubleVector.fromArray(DOUBLES, w.alpha, u).abs();
        DoubleVector e = x.mul(-0.5).mul(x);
        DoubleVector inRange = e.blend(0.0, e.compare(VectorOperators.GT, -700).not());   // keeps the vector exp defined
        RisVectorRows.exp(inRange).mul(ReluKernel.INV_SQRT_2PI).intoArray(w.pdf, u);
    }

    /**
     * {@link ReluKernel#lowerTail} of min(|α|, 4) for the block at {@code u}: the interval's Taylor coefficients
     * gathered, Estrin's scheme. Also {@link RisVectorUnits}' Φ.
     */
    static void lowerTail(double[] alpha, double[] out, int u, int[] index) {
        DoubleVector x = DoubleVector.fromArray(DOUBLES, alpha, u).abs().min(ClosedFormMoments.TAIL_START);
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
                .intoArray(out, u);
    }

    /**
     * One Mills-ratio function g_f of min(max(|α|, 4), {@value #PLAIN_FROM}) for the block at {@code u}, as
     * {@link MillsTable#g0} and its siblings: the interval's coefficients gathered, Estrin's scheme.
     */
    private static void mills(Scratch w, double[] c, double[] out, int u) {
        DoubleVector x = DoubleVector.fromArray(DOUBLES, w.alpha, u).abs().max(MillsTable.FROM).min(PLAIN_FROM);
        IntVector j = ((IntVector) x.sub(MillsTable.FROM).mul(1 / MillsTable.WIDTH)
                .convertShape(VectorOperators.D2I, INTS, 0)).min(MillsTable.INTERVALS - 1);
        DoubleVector centre = ((DoubleVector) j.convertShape(VectorOperators.I2D, DOUBLES, 0)).add(0.5)
                .mul(MillsTable.WIDTH).add(MillsTable.FROM);
        DoubleVector z = x.sub(centre).mul(2 / MillsTable.WIDTH);
        int[] index = w.index;
        j.mul(MILLS_STRIDE).intoArray(index, 0);
        DoubleVector z2 = z.mul(z);
        DoubleVector z4 = z2.mul(z2);
        DoubleVector r0 = DoubleVector.fromArray(DOUBLES, c, 0, index, 0)
                .add(DoubleVector.fromArray(DOUBLES, c, 1, index, 0).mul(z))
                .add(DoubleVector.fromArray(DOUBLES, c, 2, index, 0)
                        .add(DoubleVector.fromArray(DOUBLES, c, 3, index, 0).mul(z)).mul(z2));
        DoubleVector r1 = DoubleVector.fromArray(DOUBLES, c, 4, index, 0)
                .add(DoubleVector.fromArray(DOUBLES, c, 5, index, 0).mul(z))
                .add(DoubleVector.fromArray(DOUBLES, c, 6, index, 0)
                        .add(DoubleVector.fromArray(DOUBLES, c, 7, index, 0).mul(z)).mul(z2));
        DoubleVector r2 = DoubleVector.fromArray(DOUBLES, c, 8, index, 0)
                .add(DoubleVector.fromArray(DOUBLES, c, 9, index, 0).mul(z))
                .add(DoubleVector.fromArray(DOUBLES, c, 10, index, 0)
                        .add(DoubleVector.fromArray(DOUBLES, c, 11, index, 0).mul(z)).mul(z2));
        r0.add(r1.mul(z4)).add(r2.add(DoubleVector.fromArray(DOUBLES, c, 12, index, 0).mul(z4)).mul(z4.mul(z4)))
                .intoArray(out, u);
    }

    /**
     * The closed forms of the block's lanes from s, α, φ, Φ(−|α|) and the Mills-ratio functions, as
     * {@link ReluKernel#element}'s two branches (|α| &lt; 4 and the tail), blended.
     */
    private static void outputs(Scratch w, int u, boolean withVariance) {
        DoubleVector s = DoubleVector.fromArray(DOUBLES, w.s, u);
        DoubleVector alpha = DoubleVector.fromArray(DOUBLES, w.alpha, u);
        DoubleVector pdf = DoubleVector.fromArray(DOUBLES, w.pdf, u);
        DoubleVector lower = DoubleVector.fromArray(DOUBLES, w.lower, u);
        DoubleVector x = alpha.abs();
        DoubleVector tablePsi = pdf.sub(x.mul(lower));
        DoubleVector second = x.mul(x).add(1).mul(lower).sub(x.mul(pdf));
        DoubleVector tableVar = second.sub(tablePsi.mul(tablePsi));
        DoubleVector tailLower = pdf.mul(DoubleVector.fromArray(DOUBLES, w.g0, u));
        DoubleVector tailPsi = pdf.mul(DoubleVector.fromArray(DOUBLES, w.g1, u));
        DoubleVector tailVar = pdf.mul(DoubleVector.fromArray(DOUBLES, w.g2, u)).sub(tailPsi.mul(tailPsi));
        VectorMask<Double> tail = x.compare(VectorOperators.GE, ClosedFormMoments.TAIL_START);
        lower = lower.blend(tailLower, tail);
        DoubleVector psiLower = tablePsi.blend(tailPsi, tail);
        DoubleVector varLower = tableVar.blend(tailVar, tail);
        VectorMask<Double> positive = alpha.compare(VectorOperators.GT, 0);
        DoubleVector upper = DoubleVector.broadcast(DOUBLES, 1).sub(lower);
        DoubleVector cdf = lower.blend(upper, positive);
        DoubleVector ccdf = upper.blend(lower, positive);
        DoubleVector psi = psiLower.blend(x.add(psiLower), positive);
        DoubleVector mean = s.mul(psi);
        float[] o = w.out;
        ((FloatVector) mean.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o, u);
        ((FloatVector) cdf.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o, BLOCK + u);
        ((FloatVector) pdf.div(s.mul(2)).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o, 2 * BLOCK + u);
        if (withVariance) {
            DoubleVector var = varLower.blend(varLower.sub(lower.mul(2)).add(1), positive);
            ((FloatVector) s.mul(s).mul(var.max(0)).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o, 3 * BLOCK + u);
            ((FloatVector) mean.mul(2).mul(ccdf).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o, 4 * BLOCK + u);
            ((FloatVector) cdf.sub(psi.mul(pdf)).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o, 5 * BLOCK + u);
        }
    }
}
