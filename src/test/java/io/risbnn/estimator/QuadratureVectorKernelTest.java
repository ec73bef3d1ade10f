package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link QuadratureVectorKernel} against {@link QuadratureKernel#runScalar}: the same six outputs, bit for bit. */
class QuadratureVectorKernelTest {
    @Test
    void laneWiseLoopGivesThePlainLoopsBits() {
        assertTrue(RisRows.VECTOR, "the test JVM is started with --add-modules jdk.incubator.vector (pom argLine)");
        int n = 3005;                                  // a full chunk, then a part that is not a multiple of 8
        SplittableRandom random = new SplittableRandom(29);
        float[] m = new float[n];
        float[] sd = new float[n];
        for (int i = 0; i < n; i++) {
            double s = Math.exp(random.nextDouble(-5, 3));
            m[i] = (float) (random.nextGaussian() * 3 * s);
            sd[i] = (float) s;
        }
        m[3] = 0f;
        sd[3] = 0f;                                    // a = 0 at every node: the step's boundary
        m[4] = Float.NaN;
        sd[5] = Float.NaN;
        m[6] = 5f;
        sd[6] = 1e-30f;
        for (int nodes : new int[] {1, 3, 10, 20}) {
            GaussHermite rule = GaussHermite.standardNormal(nodes);
            FloatBuffer[] plain = rows(n);
            FloatBuffer[] lanes = rows(n);
            FloatBuffer mb = FloatBuffer.wrap(m);
            FloatBuffer sb = FloatBuffer.wrap(sd);
            QuadratureKernel.runScalar(mb, sb, rule.nodes(), rule.weights(), plain, 0, QuadratureKernel.CHUNK);
            QuadratureKernel.runScalar(mb, sb, rule.nodes(), rule.weights(), plain, QuadratureKernel.CHUNK, n);
            QuadratureVectorKernel.run(mb, sb, rule.nodes(), rule.weights(), lanes, 0, QuadratureKernel.CHUNK);
            QuadratureVectorKernel.run(mb, sb, rule.nodes(), rule.weights(), lanes, QuadratureKernel.CHUNK, n);
            for (int k = 0; k < 6; k++) {
                assertArrayEquals(plain[k].array(), lanes[k].array(), 0f, nodes + " nodes, output " + k);
            }
        }
    }

    private static FloatBuffer[] rows(int n) {
        FloatBuffer[] rows = new FloatBuffer[6];
        for (int k = 0; k < 6; k++) {
            rows[k] = FloatBuffer.allocate(n);
        }
        return rows;
    }
}
