package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link ReluVectorKernel} against {@link ReluKernel}'s plain loop: the same six outputs, bit for bit. */
class ReluVectorKernelTest {
    @Test
    void laneWiseLoopGivesThePlainLoopsBits() {
        assertTrue(RisRows.VECTOR, "the test JVM is started with --add-modules jdk.incubator.vector (pom argLine)");
        // 1,203 elements: several blocks of 256 and a tail shorter than a vector
        int n = 1203;
        SplittableRandom random = new SplittableRandom(23);
        float[] m = new float[n];
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            double sd = Math.exp(random.nextDouble(-6, 4));
            double alpha = switch (i % 7) {
                case 0 -> random.nextDouble(-60, 60);                 // both tails, and past x = 38.6
                case 1 -> new double[] {0, 4, -4, 3.9999999, -3.9999999, 0.125, 38.7}[random.nextInt(7)];
                default -> random.nextGaussian() * 2;
            };
            m[i] = (float) (alpha * sd);
            v[i] = (float) (sd * sd);
        }
        m[5] = 3f;
        v[5] = 0f;                                   // not live
        m[6] = -2f;
        v[6] = 1e-14f;                               // not live: sd below 1e-6·(1 + |m|)
        m[7] = Float.NaN;
        v[8] = Float.NaN;
        m[9] = 0f;
        v[9] = 0f;
        for (boolean withVariance : new boolean[] {false, true}) {
            int outputs = withVariance ? 6 : 3;
            FloatBuffer plain = FloatBuffer.allocate(outputs * n);
            FloatBuffer lanes = FloatBuffer.allocate(outputs * n);
            FloatBuffer mb = FloatBuffer.wrap(m);
            FloatBuffer vb = FloatBuffer.wrap(v);
            // two ranges, as the parallel chunks split them: outputs go to k·n + i either way
            ReluKernel.runScalar(mb, vb, plain, n, 0, 700, withVariance);
            ReluKernel.runScalar(mb, vb, plain, n, 700, n, withVariance);
            ReluVectorKernel.run(mb, vb, lanes, n, 0, 700, withVariance);
            ReluVectorKernel.run(mb, vb, lanes, n, 700, n, withVariance);
            for (int k = 0; k < outputs; k++) {
                float[] p = new float[n];
                float[] l = new float[n];
                plain.get(k * n, p);
                lanes.get(k * n, l);
                assertArrayEquals(p, l, 0f, "output " + k + (withVariance ? " with" : " without") + " the variance");
            }
        }
    }
}
