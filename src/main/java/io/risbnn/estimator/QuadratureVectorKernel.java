package io.risbnn.estimator;

import java.nio.FloatBuffer;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link QuadratureKernel#runScalar} eight units at a time: the same operations in the same order per unit (the
 * conditional sums as masked adds), so the same bits. A chunk's m and sd are read and its six output rows written in
 * bulk through per-thread arrays; the nodes' f_k wait in an array between the two sums. The tail of a chunk shorter
 * than a vector takes the plain loop. Loaded only when the module is present ({@link RisRows#VECTOR}).
 */
final class QuadratureVectorKernel {
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
    private static final int LANES = DOUBLES.length();
    private static final int CHUNK = QuadratureKernel.CHUNK;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private QuadratureVectorKernel() {}

    /** One thread's chunk of inputs and outputs, and the f_k of one block of units. */
    private static final class Scratch {
        final float[] m = new float[CHUNK];
        final float[] sd = new float[CHUNK];
        final float[][] out = new float[6][CHUNK];
        double[] f = new double[0];

        double[] nodes(int count) {
            if (f.length < count * LANES) {
                f = new double[count * LANES];
            }
            return f;
        }
    }

    /** {@link QuadratureKernel#runScalar}'s outputs for units [from, to), at most {@link QuadratureKernel#CHUNK} of them. */
    static void run(FloatBuffer mb, FloatBuffer sb, double[] t, double[] w, FloatBuffer[] out, int from, int to) {
        Scratch s = SCRATCH.get();
        int len = to - from;
        mb.get(from, s.m, 0, len);
        sb.get(from, s.sd, 0, len);
        double[] f = s.nodes(t.length);
        int bound = DOUBLES.loopBound(len);
        for (int u = 0; u < bound; u += LANES) {
            block(s, t, w, f, u);
        }
        for (int k = 0; k < 6; k++) {
            out[k].put(from, s.out[k], 0, bound);
        }
        QuadratureKernel.runScalar(mb, sb, t, w, out, from + bound, to);
    }

    /** Eight units at u: both sums over the nodes, lane-wise. */
    private static void block(Scratch s, double[] t, double[] w, double[] f, int u) {
        DoubleVector m = (DoubleVector) FloatVector.fromArray(FLOATS, s.m, u).convertShape(VectorOperators.F2D, DOUBLES, 0);
        DoubleVector sd = (DoubleVector) FloatVector.fromArray(FLOATS, s.sd, u).convertShape(VectorOperators.F2D, DOUBLES, 0);
        DoubleVector zero = DoubleVector.zero(DOUBLES);
        DoubleVector mean = zero;
        DoubleVector dm = zero;
        DoubleVector dsd = zero;
        for (int k = 0; k < t.length; k++) {
            DoubleVector a = m.add(sd.mul(t[k]));
            DoubleVector on = zero.blend(w[k], a.compare(VectorOperators.GT, 0));
            DoubleVector fk = a.max(0);
            fk.intoArray(f, k * LANES);
            mean = mean.add(fk.mul(w[k]));
            dm = dm.add(on);
            dsd = dsd.add(on.mul(t[k]));
        }
        DoubleVector var = zero;
        DoubleVector vm = zero;
        DoubleVector vsd = zero;
        for (int k = 0; k < t.length; k++) {
            DoubleVector fk = DoubleVector.fromArray(DOUBLES, f, k * LANES);
            DoubleVector d = fk.sub(mean);
            DoubleVector wd = d.mul(w[k]);
            var = var.add(wd.mul(d));
            VectorMask<Double> positive = fk.compare(VectorOperators.GT, 0);
            vm = vm.add(wd, positive);
            vsd = vsd.add(wd.mul(t[k]), positive);
        }
        float[][] o = s.out;
        ((FloatVector) mean.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o[0], u);
        ((FloatVector) dm.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o[1], u);
        ((FloatVector) dsd.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o[2], u);
        ((FloatVector) var.convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o[3], u);
        ((FloatVector) vm.mul(2).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o[4], u);
        ((FloatVector) vsd.mul(2).convertShape(VectorOperators.D2F, FLOATS, 0)).intoArray(o[5], u);
    }
}
