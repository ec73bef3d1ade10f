package io.risbnn.method.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The sampler core on an explicit correlated 2-D Gaussian N(m, Σ), Σ = [[1, 0.95·1·0.5], [·, 0.25]]:
 * the draws' means and covariances match within Monte Carlo error (ESS-aware z ≤ 4); the leapfrog energy
 * error is second order in ε; and a wrong Metropolis–Hastings ratio (the kinetic term left out, or the
 * sign flipped) makes the same moment check fail.
 */
class HamiltonianSamplerTest {
    static final double[] MEAN = {1.0, -2.0};
    static final double[][] COV = {{1.0, 0.95 * 0.5}, {0.95 * 0.5, 0.25}};
    static final double Z = 4;

    /** U(x) = ½(x − m)ᵀΣ⁻¹(x − m). */
    static final Potential GAUSSIAN = (x, g) -> {
        double det = COV[0][0] * COV[1][1] - COV[0][1] * COV[0][1];
        double a = COV[1][1] / det;
        double b = -COV[0][1] / det;
        double c = COV[0][0] / det;
        double d0 = x[0] - MEAN[0];
        double d1 = x[1] - MEAN[1];
        g[0] = a * d0 + b * d1;
        g[1] = b * d0 + c * d1;
        return 0.5 * (d0 * g[0] + d1 * g[1]);
    };

    static double[][] draws(HamiltonianSampler sampler, int iterations, int burnIn, double step, int leapfrog, long seed) {
        double[] theta = {0, 0};
        double[][] out = new double[iterations - burnIn][];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < iterations; i++) {
            theta = sampler.transition(GAUSSIAN, theta, step, leapfrog, random.split()).theta();
            if (i >= burnIn) {
                out[i - burnIn] = theta;
            }
        }
        return out;
    }

    @Test
    void samplesTheCorrelatedGaussian() {
        double[][] d = draws(new HamiltonianSampler(), 6000, 200, 0.15, 12, 1);
        List<String> failures = MomentCheck.failures(d, MEAN, COV, Z);
        assertTrue(failures.isEmpty(), failures.toString());
    }

    @Test
    void aWrongAcceptanceRatioFailsTheMomentCheck() {
        // U alone: the kinetic energy's change is ignored, so proposals are accepted by the potential's change only
        double[][] noKinetic = draws(new HamiltonianSampler((u, k, uNew, kNew) -> u - uNew), 6000, 200, 0.15, 12, 1);
        assertFalse(MomentCheck.failures(noKinetic, MEAN, COV, Z).isEmpty(), "the kinetic term left out passed");
        double[][] flipped = draws(new HamiltonianSampler((u, k, uNew, kNew) -> (uNew + kNew) - (u + k)), 6000, 200, 0.15,
                12, 1);
        assertFalse(MomentCheck.failures(flipped, MEAN, COV, Z).isEmpty(), "the flipped sign passed");
    }

    /**
     * Fixed trajectory length τ = εL = 1.2, ε halved: the mean |ΔH| over 50 random starts falls by
     * 4 ± 0.25 (leapfrog's shadow Hamiltonian differs from H by O(ε²)).
     */
    @Test
    void energyErrorIsSecondOrderInTheStepSize() {
        double coarse = meanEnergyError(0.02, 60);
        double fine = meanEnergyError(0.01, 120);
        double finer = meanEnergyError(0.005, 240);
        assertEquals(4, coarse / fine, 0.25, "ε 0.02 → 0.01: " + coarse + " → " + fine);
        assertEquals(4, fine / finer, 0.25, "ε 0.01 → 0.005: " + fine + " → " + finer);
    }

    private static double meanEnergyError(double step, int leapfrog) {
        SplittableRandom random = new SplittableRandom(7);
        double sum = 0;
        int starts = 50;
        for (int s = 0; s < starts; s++) {
            double[] theta = {MEAN[0] + random.nextDouble(-1, 1), MEAN[1] + random.nextDouble(-0.5, 0.5)};
            double[] p = {HamiltonianSampler.gaussian(random), HamiltonianSampler.gaussian(random)};
            double[] g = new double[2];
            double u = GAUSSIAN.valueAndGradient(theta, g);
            HamiltonianSampler.Trajectory t = HamiltonianSampler.leapfrog(GAUSSIAN, theta, p, g, step, leapfrog);
            sum += Math.abs(t.potential() + HamiltonianSampler.kinetic(t.momentum()) - u - HamiltonianSampler.kinetic(p));
        }
        return sum / starts;
    }

    @Test
    void dualAveragingReachesTheTargetAcceptance() {
        SplittableRandom random = new SplittableRandom(3);
        DualAveraging adapt = new DualAveraging(1.0, 0.8);
        HamiltonianSampler sampler = new HamiltonianSampler();
        double[] theta = {0, 0};
        for (int i = 0; i < 500; i++) {
            HamiltonianSampler.Transition t = sampler.transition(GAUSSIAN, theta, adapt.step(), 10, random.split());
            theta = t.theta();
            adapt.update(t.acceptProbability());
        }
        double sum = 0;
        int n = 2000;
        for (int i = 0; i < n; i++) {
            HamiltonianSampler.Transition t = sampler.transition(GAUSSIAN, theta, adapt.finalStep(), 10, random.split());
            theta = t.theta();
            sum += t.acceptProbability();
        }
        // the acceptance at the averaged step: target ± 0.08 (dual averaging's bias at 500 iterations is small)
        assertEquals(0.8, sum / n, 0.08, "step " + adapt.finalStep());
    }

    @Test
    void splitRHatIsOneForMixedChainsAndLargeForSeparatedOnes() {
        SplittableRandom random = new SplittableRandom(5);
        double[] a = new double[400];
        double[] b = new double[400];
        double[] c = new double[400];
        for (int i = 0; i < 400; i++) {
            a[i] = HamiltonianSampler.gaussian(random);
            b[i] = HamiltonianSampler.gaussian(random);
            c[i] = 3 + HamiltonianSampler.gaussian(random);
        }
        assertEquals(1.0, ChainDiagnostics.splitRHat(List.of(a, b)), 0.02);
        assertTrue(ChainDiagnostics.splitRHat(List.of(a, c)) > 1.5);
        assertEquals(400, ChainDiagnostics.effectiveSampleSize(a), 80, "independent draws: ESS ≈ n");
        double[] ar = new double[4000];   // AR(1), φ = 0.9: ESS ≈ n(1 − φ)/(1 + φ) ≈ 211
        for (int i = 1; i < ar.length; i++) {
            ar[i] = 0.9 * ar[i - 1] + HamiltonianSampler.gaussian(random);
        }
        assertEquals(211, ChainDiagnostics.effectiveSampleSize(ar), 60);
    }
}
