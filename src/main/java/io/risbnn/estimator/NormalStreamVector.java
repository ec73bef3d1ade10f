package io.risbnn.estimator;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NormalStream#fillScalar} lane-wise: one block of 16 positions (8 pairs: 8 SplitMix64 outputs in one
 * 512-bit long vector, their cosines and sines in two 256-bit float vectors) per step, with the same float
 * operations in the same order, so the same bits. Positions before the first whole block and after the last
 * one take the plain code. Loaded only when the module is present ({@link RisRows#VECTOR}).
 */
final class NormalStreamVector {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_512;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_256;
    private static final int PAIRS = 8;
    private static final int BLOCK = 2 * PAIRS;
    /** γ·k for the block's lanes k = 0 … 7. */
    private static final LongVector STEPS = LongVector.zero(LONGS).addIndex(1).mul(NormalStream.GAMMA);

    /** Per-thread working arrays, so a fill allocates nothing (the kernel fills M rows per chunk of units). */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(() -> new Scratch(0));

    private NormalStreamVector() {}

    /** The top and low 24 bits of each pair's hash and its radius. */
    private static final class Scratch {
        final int[] a;
        final int[] angle;
        final float[] r;

        Scratch(int pairs) {
            a = new int[pairs];
            angle = new int[pairs];
            r = new float[pairs];
        }

        /** This one if it holds {@code pairs}, else a larger one for this thread. */
        Scratch atLeast(int pairs) {
            if (a.length >= pairs) {
                return this;
            }
            Scratch larger = new Scratch(Math.max(pairs, 2 * a.length));
            SCRATCH.set(larger);
            return larger;
        }
    }

    static void fill(long key, long first, float[] out, int offset, int len) {
        long end = first + len;
        long blocksFrom = Math.min(end, (first + BLOCK - 1) / BLOCK * BLOCK);
        long blocksTo = Math.max(blocksFrom, end / BLOCK * BLOCK);
        NormalStream.fillScalar(key, first, out, offset, (int) (blocksFrom - first));
        int blocks = (int) ((blocksTo - blocksFrom) / BLOCK);
        if (blocks > 0) {
            // three passes over the blocks, each a small method: in one method C2 stopped inlining the
            // polynomials and ran them on boxed vectors (2× slower, measured)
            Scratch scratch = SCRATCH.get().atLeast(blocks * PAIRS);
            int[] a = scratch.a;
            int[] angle = scratch.angle;
            float[] r = scratch.r;
            long b0 = blocksFrom / BLOCK;
            for (int k = 0; k < blocks; k++) {
                hash(key, b0 + k, a, angle, k * PAIRS);
            }
            for (int k = 0; k < blocks; k++) {
                radius(a, r, k * PAIRS);
            }
            int at = offset + (int) (blocksFrom - first);
            for (int k = 0; k < blocks; k++) {
                rotate(angle, r, k * PAIRS, out, at + k * BLOCK);
            }
        }
        NormalStream.fillScalar(key, blocksTo, out, offset + (int) (blocksTo - first), (int) (end - blocksTo));
    }

    /** Block b's 8 SplitMix64 outputs: their top 24 bits into a[at …), their low 24 into angle[at …). */
    private static void hash(long key, long b, int[] a, int[] angle, int at) {
        LongVector z = STEPS.add(key + NormalStream.GAMMA * (b * PAIRS + 1));
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
        LongVector h = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
        ((IntVector) h.lanewise(VectorOperators.LSHR, 40).convertShape(VectorOperators.L2I, INTS, 0)).intoArray(a, at);
        ((IntVector) h.lanewise(VectorOperators.AND, 0xFFFFFFL).convertShape(VectorOperators.L2I, INTS, 0)).intoArray(angle, at);
    }

    private static void radius(int[] a, float[] r, int at) {
        radius(IntVector.fromArray(INTS, a, at)).intoArray(r, at);
    }

    /** r·(cos θ, sin θ) of 8 pairs into out[at …) (cosines) and out[at + 8 …) (sines). */
    private static void rotate(int[] angles, float[] radii, int from, float[] out, int at) {
        IntVector angle = IntVector.fromArray(INTS, angles, from);
        FloatVector r = FloatVector.fromArray(FLOATS, radii, from);
        IntVector quadrant = angle.lanewise(VectorOperators.LSHR, 22);
        FloatVector phi = ((FloatVector) angle.lanewise(VectorOperators.AND, 0x3FFFFF).convertShape(VectorOperators.I2F, FLOATS, 0))
                .mul(0x1p-22f).mul(NormalStream.HALF_PI);
        FloatVector c = cos(phi);
        FloatVector s = sin(phi);
        // rotate (cos φ, sin φ) by quadrant·π/2: swap on odd quadrants, then flip the signs (XOR of the sign bit)
        VectorMask<Float> odd = ((FloatVector) quadrant.lanewise(VectorOperators.AND, 1)
                .convertShape(VectorOperators.I2F, FLOATS, 0)).compare(VectorOperators.GT, 0f);
        IntVector signX = quadrant.add(1).lanewise(VectorOperators.AND, 2).lanewise(VectorOperators.LSHL, 30);
        IntVector signY = quadrant.lanewise(VectorOperators.AND, 2).lanewise(VectorOperators.LSHL, 30);
        FloatVector x = c.blend(s, odd).viewAsIntegralLanes().lanewise(VectorOperators.XOR, signX).viewAsFloatingLanes();
        FloatVector y = s.blend(c, odd).viewAsIntegralLanes().lanewise(VectorOperators.XOR, signY).viewAsFloatingLanes();
        r.mul(x).intoArray(out, at);
        r.mul(y).intoArray(out, at + PAIRS);
    }

    private static FloatVector radius(IntVector a) {
        FloatVector x = (FloatVector) a.add(1).convertShape(VectorOperators.I2F, FLOATS, 0);
        IntVector bits = x.viewAsIntegralLanes();
        IntVector exponent = bits.lanewise(VectorOperators.LSHR, 23).sub(127);
        FloatVector m = bits.lanewise(VectorOperators.AND, 0x7FFFFF).lanewise(VectorOperators.OR, 0x3F800000)
                .viewAsFloatingLanes();
        FloatVector ln = ((FloatVector) exponent.sub(24).convertShape(VectorOperators.I2F, FLOATS, 0))
                .mul(NormalStream.LN2).add(lnMantissa(m)).min(0f);
        return ln.mul(-2f).lanewise(VectorOperators.SQRT);
    }

    private static FloatVector lnMantissa(FloatVector m) {
        FloatVector s = m.sub(1f).div(m.add(1f));
        FloatVector s2 = s.mul(s);
        float[] coefficients = NormalStream.LN;
        FloatVector p = FloatVector.broadcast(FLOATS, coefficients[0]);
        for (int k = 1; k < coefficients.length; k++) {
            p = p.mul(s2).add(coefficients[k]);
        }
        return s.mul(2f).mul(p);
    }

    private static FloatVector sin(FloatVector phi) {
        return phi.mul(nested(phi.mul(phi), NormalStream.SIN));
    }

    private static FloatVector cos(FloatVector phi) {
        return nested(phi.mul(phi), NormalStream.COS);
    }

    /** p ← 1 − q·c·p over the coefficients, from p = 1. */
    private static FloatVector nested(FloatVector q, float[] coefficients) {
        FloatVector one = FloatVector.broadcast(FLOATS, 1f);
        FloatVector p = one;
        for (float c : coefficients) {
            p = one.sub(q.mul(c).mul(p));
        }
        return p;
    }
}
