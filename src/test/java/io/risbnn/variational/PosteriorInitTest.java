package io.risbnn.variational;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.train.Seeds;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Bias means start spread (U(−1/√fanIn, 1/√fanIn)), seeded like the weights; ρ starts as before. */
class PosteriorInitTest {
    private static final int WIDTH = 4000;

    private static float[][] firstLayer(long seed) {
        Seeds.seedEngine(seed);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(3, new int[] {WIDTH}, 0.01, null), root)) {
            VariationalBlock layer = model.variationalLayers().get(0);
            return new float[][] {layer.bias().mu().toFloatArray(), layer.bias().rho().toFloatArray(),
                    layer.weight().mu().toFloatArray()};
        }
    }

    @Test
    void biasMeansAreUniformWithinOneOverRootFanIn() {
        float[] mu = firstLayer(11)[0];
        assertEquals(WIDTH, mu.length);
        double bound = PosteriorInit.biasBound(3);
        assertEquals(1 / Math.sqrt(3), bound, 1e-12);
        double mean = 0;
        int inner = 0;
        for (float v : mu) {
            assertTrue(Math.abs(v) <= bound + 1e-6, "bias " + v + " outside ±" + bound);
            mean += v;
            inner += Math.abs(v) < bound / 2 ? 1 : 0;
        }
        mean /= mu.length;
        double var = 0;
        for (float v : mu) {
            var += (v - mean) * (v - mean);
        }
        var /= mu.length - 1;
        // 4000 draws of U(−a, a): mean 0 (se a/√12000 ≈ 0.005), variance a²/3 (se ≈ 0.0017), half of them within ±a/2 (se 0.008)
        assertEquals(0.0, mean, 0.02);
        assertEquals(bound * bound / 3, var, 0.008);
        assertEquals(0.5, inner / (double) mu.length, 0.03);
    }

    @Test
    void theSeedFixesTheBiasesAndRhoIsUnchanged() {
        float[][] a = firstLayer(5);
        float[][] b = firstLayer(5);
        float[][] c = firstLayer(6);
        assertArrayEquals(a[0], b[0]);
        assertArrayEquals(a[2], b[2]);
        assertFalse(Arrays.equals(a[0], c[0]));
        float rho = (float) PosteriorInit.withSigmaRatio(0.01).initialRho(3);
        for (float r : a[1]) {
            assertEquals(rho, r, 1e-6f);
        }
        assertTrue(Arrays.stream(new int[] {0, 1, 2}).allMatch(i -> a[0][i] != 0f));
    }
}
