package io.risbnn.method.adversarial;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The ascent does what it is for: on a batch, the cross-entropy at ε_adv exceeds the cross-entropy at
 * the ε ~ N(0, I) it started from. Over 12 seeds (model, batch and start noise each seeded), the mean
 * increase d̄ is more than 4 standard errors above 0; the same number of random-sign steps of the same
 * size, the control, raises it by less than the ascent on average.
 */
class NoiseAscentTest {
    private static final int SEEDS = 12;
    private static final int ROWS = 64;

    @Test
    void theAdversarialNoiseRaisesTheCrossEntropyItAscends() {
        NoiseAscent ascent = new NoiseAscent(5, 0.02);    // the authors' defaults
        double[] gain = new double[SEEDS];
        double[] control = new double[SEEDS];
        for (int k = 0; k < SEEDS; k++) {
            Seeds.seedEngine(100 + k);
            try (NDManager root = NDManager.newBaseManager();
                 BayesianModel model = Models.build(ModelSpec.classifierMlp(2, new int[] {16}, 3, 0.01, -2.0), root);
                 NDScope scope = new NDScope()) {
                model.variationalLayers().forEach(l -> {
                    l.weight().mu().setRequiresGradient(true);
                    l.weight().rho().setRequiresGradient(true);
                });
                DenseExamples batch = batch(new SplittableRandom(k));
                int[] rows = java.util.stream.IntStream.range(0, ROWS).toArray();
                NDArray x = batch.features(root, rows);
                NDArray y = batch.targets(root, rows);
                SuppliedNoise start = SuppliedNoise.standardNormal(model, new SplittableRandom(1000 + k));
                double before = value(NoiseAscent.nllAt(model, start, x, y));
                SuppliedNoise adversarial = ascent.ascend(model, start, x, y);
                adversarial.tensors().values().forEach(e -> assertFalse(e.hasGradient(), "ε_adv is a constant"));
                gain[k] = value(NoiseAscent.nllAt(model, adversarial, x, y)) - before;
                SplittableRandom signs = new SplittableRandom(2000 + k);
                SuppliedNoise random = start.map(e -> e.add(randomSigns(e, signs).mul(5 * 0.02)));
                control[k] = value(NoiseAscent.nllAt(model, random, x, y)) - before;
            }
        }
        double mean = mean(gain);
        double se = standardError(gain, mean);
        System.out.printf("ascent: mean CE gain %.5f (se %.5f), random-sign control %.5f%n", mean, se, mean(control));
        assertTrue(mean > 4 * se, "mean CE increase " + mean + " vs standard error " + se);
        assertTrue(mean > mean(control), "ascent " + mean + " vs random signs " + mean(control));
    }

    /**
     * The hook runs the network at the supplied noise (its outputs are x·(μ + s·ε)ᵀ + μ_b + s_b·ε_b), and
     * the adversarial term's gradient reaches μ and ρ at that fixed ε: ∂L/∂ρ = ∂L/∂μ · ε · sigmoid(ρ).
     */
    @Test
    void theNetworkRunsAtTheSuppliedNoiseAndItsGradientReachesMuAndRho() {
        Seeds.seedEngine(3);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.classifierMlp(2, new int[0], 3, 0.01, -1.0), root);
             NDScope scope = new NDScope()) {
            io.risbnn.nn.VariationalBlock layer = model.variationalLayers().get(0);
            io.risbnn.variational.GaussianPosterior w = layer.weight();
            io.risbnn.variational.GaussianPosterior b = layer.bias();
            for (io.risbnn.variational.GaussianPosterior p : new io.risbnn.variational.GaussianPosterior[] {w, b}) {
                p.mu().setRequiresGradient(true);
                p.rho().setRequiresGradient(true);
            }
            DenseExamples batch = batch(new SplittableRandom(9));
            int[] rows = java.util.stream.IntStream.range(0, 8).toArray();
            NDArray x = batch.features(root, rows);
            NDArray y = batch.targets(root, rows);
            SuppliedNoise eps = SuppliedNoise.standardNormal(model, new SplittableRandom(4));
            NDArray ew = eps.tensors().get(w).squeeze(0);
            NDArray eb = eps.tensors().get(b).squeeze(0);

            io.risbnn.estimator.ForwardContext at = new io.risbnn.estimator.ForwardContext(
                    new io.risbnn.estimator.McSharedEstimator(), io.risbnn.objective.Objective.ELBO, 1, false, eps);
            float[] out = model.forward(x, at, false).toFloatArray();
            NDArray weights = w.mu().add(w.sigma().mul(ew));
            NDArray expected = x.matMul(weights.transpose()).add(b.mu().add(b.sigma().mul(eb)));
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected.toFloatArray(), out, 1e-5f);

            try (ai.djl.training.GradientCollector c = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                c.backward(NoiseAscent.nllAt(model, eps, x, y));
            }
            float[] gMu = w.mu().getGradient().toFloatArray();
            float[] gRho = w.rho().getGradient().toFloatArray();
            float[] e = ew.toFloatArray();
            float[] rho = w.rho().toFloatArray();
            float[] chain = new float[gMu.length];
            for (int i = 0; i < chain.length; i++) {
                chain[i] = (float) (gMu[i] * e[i] / (1 + Math.exp(-rho[i])));
            }
            double norm = 0;
            for (float g : gMu) {
                norm += Math.abs(g);
            }
            assertTrue(norm > 1e-4, "the data term has a gradient in μ: " + norm);
            org.junit.jupiter.api.Assertions.assertArrayEquals(chain, gRho, 1e-6f);
        }
    }

    private static NDArray randomSigns(NDArray like, SplittableRandom random) {
        float[] s = new float[Math.toIntExact(like.size())];
        for (int i = 0; i < s.length; i++) {
            s[i] = random.nextBoolean() ? 1f : -1f;
        }
        return like.getManager().create(s, like.getShape());
    }

    /** Three classes by a rule on two features, with 10% of the labels flipped. */
    static DenseExamples batch(SplittableRandom random) {
        double[][] x = new double[ROWS][2];
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            x[i][0] = random.nextDouble(-1, 1);
            x[i][1] = random.nextDouble(-1, 1);
            y[i] = x[i][0] > 0.3 ? 2 : x[i][1] > 0 ? 1 : 0;
            if (random.nextDouble() < 0.1) {
                y[i] = random.nextInt(3);
            }
        }
        return new DenseExamples(x, y);
    }

    private static double value(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) {
            s += d;
        }
        return s / v.length;
    }

    private static double standardError(double[] v, double mean) {
        double ss = 0;
        for (double d : v) {
            ss += (d - mean) * (d - mean);
        }
        return Math.sqrt(ss / (v.length - 1) / v.length);
    }
}
