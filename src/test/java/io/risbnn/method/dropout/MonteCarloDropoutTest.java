package io.risbnn.method.dropout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import io.risbnn.RisbnnException;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.estimator.RisConfig;
import io.risbnn.eval.ClassificationEvaluation;
import io.risbnn.eval.Predictive;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.method.Methods;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The MC dropout method and its posterior on untrained (MAP-prepared) networks. */
class MonteCarloDropoutTest {
    static TrainConfig config(Objective objective, int epochs, int batch, double lr) {
        return new TrainConfig(MonteCarloDropout.NAME, RisConfig.defaults(), objective, 1, epochs, batch, "adam", 0.9,
                LrSchedule.parse("cosine", lr, 1, 1), KlSchedule.standard(), "gaussian:1", 0, false);
    }

    static double[][] randomInputs(int n, int width, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = random.nextDouble(-2, 2);
            }
        }
        return x;
    }

    private static DenseExamples rows(double[][] x, int from, int to) {
        double[][] part = Arrays.copyOfRange(x, from, to);
        return new DenseExamples(part, new double[part.length]);
    }

    /** A regression MLP with dropout, prepared by the method (point-mass weights). */
    private static BayesianModel regressionModel(NDManager root, double rate) {
        Seeds.seedEngine(4);
        BayesianModel model = Models.build(ModelSpec.regressionMlp(3, new int[] {16, 16}, 0.01, null).withDropout(rate), root);
        new MonteCarloDropout().prepare(model);
        return model;
    }

    @Test
    void sampledNetworksAreSeededAndTheSameWhateverTheChunkingOfRows() {
        int n = 100;
        int samples = 100;       // 4096 rows per pass / 100 networks: chunks of 40 examples
        double[][] x = randomInputs(n, 3, 1);
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = regressionModel(root, 0.3)) {
            PosteriorOutputs posterior = new DropoutPosterior(model);
            DenseExamples all = rows(x, 0, n);
            double[][][] a = posterior.sampled(all, samples, 5);
            double[][][] b = posterior.sampled(all, samples, 5);
            double[][][] other = posterior.sampled(all, samples, 6);
            double[][][] tail = posterior.sampled(rows(x, 60, n), samples, 5);       // one chunk instead of two
            double[][][] single = posterior.sampled(rows(x, 73, 74), samples, 5);
            boolean differs = false;
            for (int s = 0; s < samples; s++) {
                for (int i = 0; i < n; i++) {
                    assertArrayEquals(a[s][i], b[s][i], 0, "same seed, same networks");
                    differs |= a[s][i][0] != other[s][i][0];
                }
                for (int i = 60; i < n; i++) {
                    assertArrayEquals(a[s][i], tail[s][i - 60], 1e-6, "network " + s + ", row " + i + " in another chunk");
                }
                assertArrayEquals(a[s][73], single[s][0], 1e-6, "network " + s + " on row 73 alone");
            }
            assertTrue(differs, "another seed draws other networks");
        }
    }

    @Test
    void aSampledNetworkIsOneThinnedNetworkForEveryInput() {
        double[][] x = randomInputs(20, 3, 2);
        x[1] = x[0].clone();                  // the same input twice
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = regressionModel(root, 0.3)) {
            double[][][] out = new DropoutPosterior(model).sampled(rows(x, 0, 20), 30, 8);
            double spread = 0;
            for (int s = 0; s < out.length; s++) {
                assertEquals(out[s][0][0], out[s][1][0], 0, "network " + s + " sees the same input through the same masks");
                spread += Math.abs(out[s][0][0] - out[0][0][0]);
            }
            assertTrue(spread > 0, "the networks differ");
        }
    }

    @Test
    void theMeanNetworkIsTheNetworkWithoutDropout() {
        double[][] x = randomInputs(30, 3, 3);
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = regressionModel(root, 0.3);
             BayesianModel plain = Models.build(model.spec().withDropout(0), root)) {
            Map<String, NamedParameter> target = new HashMap<>();
            BnnTrainer.namedParametersOf(plain).forEach(p -> target.put(p.name(), p));
            for (NamedParameter p : BnnTrainer.namedParametersOf(model)) {
                target.get(p.name()).array().set(new NDIndex("..."), p.array());
            }
            DenseExamples inputs = rows(x, 0, 30);
            List<GaussianOutputs> predictives = new DropoutPosterior(model).predictives(inputs);
            assertEquals(1, predictives.size());
            GaussianOutputs meanNet = predictives.get(0);
            assertEquals(DropoutPosterior.MEAN_NET, meanNet.name());
            assertFalse(meanNet.hasEpistemicPart());
            double[][] expected = Predictive.moment(plain, inputs)[0];
            double[][] sampledPlain = Predictive.sampled(plain, inputs, 1, 3)[0];    // a point mass: the MAP network
            double[][][] meanVar = Predictive.meanVar(model, inputs);                 // dropout off under MEAN_VAR too
            double[][][] meanVarPlain = Predictive.meanVar(plain, inputs);
            for (int i = 0; i < 30; i++) {
                assertArrayEquals(expected[i], meanNet.mean()[i], 1e-6);
                assertArrayEquals(sampledPlain[i], meanNet.mean()[i], 1e-5);
                assertArrayEquals(meanVarPlain[0][i], meanVar[0][i], 1e-6);
                assertArrayEquals(meanVarPlain[1][i], meanVar[1][i], 1e-9);
            }
        }
    }

    /** Gaussian mixture log density over S networks, in original units, by hand: log-sum-exp per example. */
    private static double mixtureLogLikelihood(double[][][] raw, double[] targets, TargetStandardizer scale, double sigma) {
        double total = 0;
        double sd = sigma * scale.std();
        for (int i = 0; i < targets.length; i++) {
            double[] logs = new double[raw.length];
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < raw.length; s++) {
                double z = (targets[i] - scale.inverse(raw[s][i][0])) / sd;
                logs[s] = -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
                max = Math.max(max, logs[s]);
            }
            double sum = 0;
            for (double l : logs) {
                sum += Math.exp(l - max);
            }
            total += max + Math.log(sum / raw.length);
        }
        return total / targets.length;
    }

    @Test
    void regressionSampledMetricsAreTheMixtureOverDropoutPasses() {
        int n = 40;
        double[][] x = randomInputs(n, 3, 4);
        double[] targets = new double[n];
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            targets[i] = 10 + 3 * Math.sin(x[i][0]) + random.nextGaussian();
        }
        TargetStandardizer scale = TargetStandardizer.fit(targets);
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = regressionModel(root, 0.2)) {
            PosteriorOutputs posterior = new MonteCarloDropout().posterior(model, config(Objective.ELBO, 1, 8, 0.01), null);
            assertEquals(PosteriorOutputs.SAMPLED, posterior.ownPredictive());
            DenseExamples test = new DenseExamples(x, scale.transform(targets));
            Map<String, Double> metrics = RegressionEvaluation.evaluate(posterior, test, targets, scale, 25, 17);
            double[][][] raw = posterior.sampled(test, 25, 17);
            double sigma = ((GaussianLikelihood) model.likelihood()).noiseStd();
            assertEquals(mixtureLogLikelihood(raw, targets, scale, sigma), metrics.get("test_ll_sampled"), 1e-9);
            assertEquals(metrics.get("test_ll_sampled"), metrics.get("test_ll"), 0, "the own predictive is the mixture");
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double mean = 0;
                for (double[][] network : raw) {
                    mean += scale.inverse(network[i][0]) / raw.length;
                }
                sq += (mean - targets[i]) * (mean - targets[i]);
            }
            assertEquals(Math.sqrt(sq / n), metrics.get("rmse_sampled"), 1e-9);
            assertTrue(Double.isFinite(metrics.get("rmse_mean-net")) && Double.isFinite(metrics.get("test_ll_mean-net")));
        }
    }

    @Test
    void classificationSampledProbabilitiesAreTheMeanOfSoftmaxes() {
        int n = 24;
        double[][] x = randomInputs(n, 16, 6);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        Seeds.seedEngine(7);
        ModelSpec spec = ModelSpec.image("mlp-image", 1, 4, 4, 3, new int[] {12}, 0.01, null).withDropout(0.4);
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = Models.build(spec, root)) {
            MonteCarloDropout method = new MonteCarloDropout();
            method.prepare(model);
            PosteriorOutputs posterior = method.posterior(model, config(Objective.ELBO, 1, 8, 0.01), null);
            DenseExamples test = new DenseExamples(x, new double[n]);
            Map<String, double[][]> probs = new HashMap<>();
            Map<String, Double> metrics = ClassificationEvaluation.evaluate(posterior, test, labels, 20, 23, probs);
            double[][][] logits = posterior.sampled(test, 20, 23);
            double[][] meanNet = Predictive.moment(model, test)[0];
            boolean spread = false;
            for (int i = 0; i < n; i++) {
                double[] expected = new double[3];
                for (double[][] network : logits) {
                    double[] p = softmax(network[i]);
                    for (int c = 0; c < 3; c++) {
                        expected[c] += p[c] / logits.length;
                    }
                    spread |= network[i][0] != logits[0][i][0];
                }
                assertArrayEquals(expected, probs.get(PosteriorOutputs.SAMPLED)[i], 1e-9, "example " + i);
                assertArrayEquals(softmax(meanNet[i]), probs.get(DropoutPosterior.MEAN_NET)[i], 1e-9, "mean net " + i);
            }
            assertTrue(spread, "dropout passes differ");
            assertTrue(Double.isFinite(metrics.get("test_nll")) && Double.isFinite(metrics.get("nll_mean-net")));
        }
    }

    static double[] softmax(double[] z) {
        double max = Arrays.stream(z).max().orElseThrow();
        double[] p = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(z[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= sum;
        }
        return p;
    }

    @Test
    void refusesAModelWithoutDropoutAndDeterministicObjectives() {
        MonteCarloDropout method = new MonteCarloDropout();
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel plain = Models.build(ModelSpec.regressionMlp(3, new int[] {4}, 0.01, null), root)) {
            RisbnnException e = assertThrows(RisbnnException.class, () -> method.prepare(plain));
            assertTrue(e.getMessage().contains("without dropout"), e.getMessage());
        }
        assertThrows(RisbnnException.class, () -> method.estimator(config(Objective.MOMENT, 1, 8, 0.01)));
        assertThrows(RisbnnException.class, () -> method.estimator(config(Objective.MEAN_VAR, 1, 8, 0.01)));
    }

    @Test
    void isRegisteredStatelessAndLabelledAsMap() {
        assertInstanceOf(MonteCarloDropout.class, Methods.of("mc-dropout"));
        MonteCarloDropout method = new MonteCarloDropout();
        assertEquals("mc-dropout", method.name());
        assertTrue(method.state().isEmpty());
        assertEquals("log-posterior", method.objectiveLabel(config(Objective.ELBO, 1, 8, 0.01)));
        assertEquals(0.05, DropoutOptions.defaults().rate());
        assertEquals(0.05, DropoutOptions.defaults().applyTo(ModelSpec.regressionMlp(2, new int[] {3}, 0.1, null)).dropout());
    }
}
