package io.risbnn.estimator;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
public class ReluTiming {
    public static void main(String[] a) {
        int n = 1 << 21;
        double tailFrac = Double.parseDouble(a[0]);
        float[] m = new float[n], v = new float[n];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            double sd = 0.01; double alpha = r.nextDouble() < tailFrac ? r.nextDouble(4, 30) * (r.nextBoolean() ? 1 : -1) : r.nextGaussian();
            m[i] = (float) (alpha * sd); v[i] = (float) (sd * sd);
        }
        FloatBuffer mb = FloatBuffer.wrap(m), vb = FloatBuffer.wrap(v);
        FloatBuffer out = java.nio.ByteBuffer.allocateDirect(6 * n * 4).order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        for (int round = 0; round < 8; round++) {
            long t0 = System.nanoTime();
            ReluKernel.runScalar(mb, vb, out, n, 0, n, true);
            long t1 = System.nanoTime();
            ReluVectorKernel.run(mb, vb, out, n, 0, n, true);
            long t2 = System.nanoTime();
            System.out.printf("round %d: plain %.1f ns/elem, vector %.1f ns/elem%n", round, (t1 - t0) / (double) n, (t2 - t1) / (double) n);
        }
    }
}
