package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The double references of the mean-var tests against the ReLU closed forms (MOMENTS.md §3). */
class MeanVarReferenceTest {
    @Test
    void quadratureMatchesTheReluClosedForms() {
        for (double m : new double[] {-3, -0.7, 0, 0.4, 2.5}) {
            for (double sd : new double[] {0.3, 1, 2}) {
                double al = m / sd;
                double mean = sd * RisTestSupport.psi(al);
                double second = RisTestSupport.reluSecond(m, sd * sd);
                assertEquals(mean, MeanVarReference.mean(ActivationFunction.RELU, m, sd), 1e-11 * (1 + mean));
                assertEquals(second, MeanVarReference.second(ActivationFunction.RELU, m, sd), 1e-11 * (1 + second));
                // ∂E relu/∂m = Φ(α), ∂E relu/∂v = φ(α)/(2sd), ∂E relu²/∂m = 2 E relu, ∂E relu²/∂v = Φ(α)
                double[] gMean = MeanVarReference.readoutGradient(ActivationFunction.RELU, m, sd, 1, 0);
                assertEquals(RisTestSupport.cdf(al), gMean[0], 1e-9);
                assertEquals(RisTestSupport.phi(al) / (2 * sd), gMean[1], 1e-9);
                double[] gVar = MeanVarReference.readoutGradient(ActivationFunction.RELU, m, sd, 0, 1);
                assertEquals(2 * mean - 2 * mean * RisTestSupport.cdf(al), gVar[0], 1e-9);
                assertEquals(RisTestSupport.cdf(al) - 2 * mean * RisTestSupport.phi(al) / (2 * sd), gVar[1], 1e-9);
            }
        }
    }

    @Test
    void smoothActivationsAgreeWithIndependentIdentities() {
        // E tanh(a) = 0 at m = 0; E a² for NONE = m² + v; E gelu(a) for a ~ N(m, s²) = m Φ(m/√(1+s²)) + s²/√(1+s²) φ(m/√(1+s²))
        assertEquals(0, MeanVarReference.mean(ActivationFunction.TANH, 0, 1.3), 1e-13);
        assertEquals(0.49 + 2.25, MeanVarReference.second(ActivationFunction.NONE, 0.7, 1.5), 1e-10);
        double m = 0.8;
        double s = 1.7;
        double r = Math.sqrt(1 + s * s);
        double gelu = m * RisTestSupport.cdf(m / r) + s * s / r * RisTestSupport.phi(m / r);
        assertEquals(gelu, MeanVarReference.mean(ActivationFunction.GELU, m, s), 1e-10);
    }
}
