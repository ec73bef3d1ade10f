package io.risbnn.predict;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MixtureQuantileTest {
    @Test
    void oneGaussianHasTheClosedForm() {
        assertEquals(1 + 2 * 1.959963984540054, MixtureQuantile.of(new double[] {1}, new double[] {2}, 0.975), 1e-9);
        assertEquals(1.0, MixtureQuantile.of(new double[] {1, 1, 1}, new double[] {2, 2, 2}, 0.5), 1e-9);
        assertEquals(1 - 2 * 1.959963984540054, MixtureQuantile.of(new double[] {1, 1}, new double[] {2, 2}, 0.025), 1e-9);
    }

    @Test
    void mixtureQuantilesInvertTheMixtureCdf() {
        double[] means = {-3, 0, 5};
        double[] sigmas = {0.5, 1, 2};
        for (double p : new double[] {0.01, 0.025, 0.3, 0.5, 0.9, 0.975}) {
            double q = MixtureQuantile.of(means, sigmas, p);
            assertEquals(p, MixtureQuantile.cdf(means, sigmas, q), 1e-10, "p=" + p);
        }
        // a symmetric mixture has its median at the centre
        assertEquals(0.0, MixtureQuantile.of(new double[] {-2, 2}, new double[] {1, 1}, 0.5), 1e-9);
    }
}
