package io.risbnn.method.swag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.risbnn.RisbnnException;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.estimator.RisConfig;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.method.MethodOptions;
import io.risbnn.method.Methods;
import io.risbnn.method.PointWeights;
import io.risbnn.method.dropout.DropoutOptions;
import io.risbnn.method.ensemble.EnsembleOptions;
import io.risbnn.method.laplace.LaplaceOptions;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SWAG as a method: training collects iterates, the posterior is evaluated, and a checkpoint resumes it exactly. */
class SwagTest {
    private static final int N = 64;

    static TrainConfig config(String method, int epochs, int batch, SwagOptions swag) {
        return new TrainConfig(method, RisConfig.defaults(), Objective.ELBO, 1, epochs, batch, "adam", 0.9,
                LrSchedule.parse("constant", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", 0, false,
                MethodOptions.defaults().withSwag(swag));
    }

    static SwagOptions options(int start, int every, String schedule) {
        return new SwagOptions(start, -1, 20, every, -1, schedule, true);
    }

    private static DenseExamples sine(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = random.nextDouble(-2, 2);
            y[i] = Math.sin(1.5 * x[i][0]) + 0.1 * random.nextGaussian();
        }
        return new DenseExamples(x, y);
    }

    private static double[] targets(DenseExamples set, NDManager m) {
        int[] rows = new int[set.size()];
        java.util.Arrays.setAll(rows, i -> i);
        return set.targets(m, rows).toType(DataType.FLOAT64, false).toDoubleArray();
    }

    /** Rows [from, to) of another set. */
    static ExampleSet rows(ExampleSet base, int from, int to) {
        return new ExampleSet() {
            @Override
            public int size() {
                return to - from;
            }

            @Override
            public NDArray features(NDManager manager, int[] rows) {
                return base.features(manager, shift(rows));
            }

            @Override
            public NDArray targets(NDManager manager, int[] rows) {
                return base.targets(manager, shift(rows));
            }

            private int[] shift(int[] rows) {
                int[] out = new int[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    out[i] = rows[i] + from;
                }
                return out;
            }
        };
    }

    static List<float[]> allArrays(BayesianModel model) {
        List<float[]> out = new ArrayList<>();
        for (NamedParameter p : BnnTrainer.namedParametersOf(model)) {
            out.add(p.array().toType(DataType.FLOAT32, false).toFloatArray());
        }
        return out;
    }

    static void assertSameArrays(List<float[]> expected, List<float[]> actual, String what) {
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i), actual.get(i), 0f, what + ", array " + i);
        }
    }

    @Test
    void namesResolveToBothVariants() {
        assertInstanceOf(Swag.class, Methods.of(Methods.SWAG));
        assertTrue(((Swag) Methods.of(Methods.SWAG)).full());
        assertFalse(((Swag) Methods.of(Methods.SWAG_DIAG)).full());
        assertEquals(Methods.SWAG_DIAG, Methods.of(Methods.SWAG_DIAG).name());
    }

    @Test
    void trainsEvaluatesAndResumesARegressionMlp() {
        DenseExamples train = sine(N, 1);
        DenseExamples test = sine(40, 2);
        TrainConfig config = config(Methods.SWAG, 150, 16, options(100, 0, SwagOptions.CONSTANT));
        Seeds.seedEngine(0);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(1, new int[] {20}, 0.01, null), root)) {
            Swag swag = new Swag(true);
            new BnnTrainer(model, config, swag).fit(train, null, null);
            assertEquals(50, swag.moments().count(), "one iterate per epoch from epoch 100 of 150");
            assertEquals(20, swag.moments().columns(), "the last K = 20 deviations");
            swag.finish(model, config, train);
            double[] mean = swag.moments().mean();
            float[] weights = PointWeights.of(model).flatten(root).toFloatArray();
            for (int p = 0; p < mean.length; p++) {
                assertEquals((float) mean[p], weights[p], 0f, "after finish the model holds the SWA mean");
            }

            PosteriorOutputs posterior = swag.posterior(model, config, () -> train);
            List<float[]> before = allArrays(model);
            Map<String, Double> metrics = RegressionEvaluation.evaluate(posterior, test, targets(test, root),
                    TargetStandardizer.of(0, 1), 20, 7);
            assertSameArrays(before, allArrays(model), "sampling leaves the model as it was");
            for (String key : new String[] {"rmse_sampled", "rmse_swa", "test_ll_sampled", "test_ll_swa", "rmse"}) {
                assertTrue(metrics.containsKey(key) && Double.isFinite(metrics.get(key)), key + " in " + metrics);
            }
            assertEquals(metrics.get("rmse_sampled"), metrics.get("rmse"), 0.0, "the own predictive is the sampled one");
            assertTrue(metrics.get("rmse_swa") < 0.2, "the SWA network fits sin (noise 0.1): " + metrics);

            // networks differ from each other, and a seed gives the same networks whatever the chunking
            double[][][] all = posterior.sampled(test, 4, 3);
            assertFalse(all[0][0][0] == all[1][0][0], "sampled networks differ");
            double[][][] head = posterior.sampled(rows(test, 0, 15), 4, 3);
            double[][][] tail = posterior.sampled(rows(test, 15, 40), 4, 3);
            for (int k = 0; k < 4; k++) {
                for (int i = 0; i < 40; i++) {
                    double chunked = i < 15 ? head[k][i][0] : tail[k][i - 15][0];
                    assertEquals(all[k][i][0], chunked, 1e-6, "network " + k + ", row " + i);
                }
            }

            // a checkpoint's state restored into a fresh instance: same moments, same sampled outputs
            Map<String, NDArray> state = swag.state();
            Swag resumed = new Swag(true);
            resumed.prepare(model);
            resumed.restore(model, config, state);
            assertEquals(swag.moments().count(), resumed.moments().count());
            assertArrayEquals(swag.moments().mean(), resumed.moments().mean(), 0.0);
            assertArrayEquals(swag.moments().squareMean(), resumed.moments().squareMean(), 0.0);
            for (int k = 0; k < swag.moments().columns(); k++) {
                assertArrayEquals(swag.moments().deviation(k), resumed.moments().deviation(k), 0.0);
            }
            double[][][] again = resumed.posterior(model, config, () -> train).sampled(test, 4, 3);
            for (int k = 0; k < 4; k++) {
                for (int i = 0; i < 40; i++) {
                    assertEquals(all[k][i][0], again[k][i][0], 0.0, "resumed network " + k + ", row " + i);
                }
            }
        }
    }

    @Test
    void collectsEveryStepsAndTheDiagonalVariantHasNoDeviations() {
        DenseExamples train = sine(32, 4);
        TrainConfig config = config(Methods.SWAG_DIAG, 4, 8, options(2, 3, SwagOptions.CYCLIC));  // 4 steps per epoch
        Seeds.seedEngine(0);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(1, new int[] {8}, 0.01, null), root)) {
            Swag swag = new Swag(false);
            new BnnTrainer(model, config, swag).fit(train, null, null);
            assertEquals(2, swag.moments().count(), "steps 8…15 are the SWAG phase: collected after its 3rd and 6th");
            assertEquals(0, swag.moments().columns());
            swag.finish(model, config, train);
            double[][][] out = swag.posterior(model, config, () -> train).sampled(train, 3, 1);
            assertTrue(Double.isFinite(out[2][5][0]));
        }
    }

    @Test
    void finishingWithoutIteratesNamesTheOption() {
        DenseExamples train = sine(16, 5);
        TrainConfig config = config(Methods.SWAG, 2, 16, options(2, 0, SwagOptions.CONSTANT));
        Seeds.seedEngine(0);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(1, new int[] {4}, 0.01, null), root)) {
            Swag swag = new Swag(true);
            new BnnTrainer(model, config, swag).fit(train, null, null);
            RisbnnException e = assertThrows(RisbnnException.class, () -> swag.finish(model, config, train));
            assertTrue(e.getMessage().contains("--swag-start 2") && e.getMessage().contains("--epochs 2"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void learningRateIsTheRunsBeforeTheStartThenSwags() {
        TrainConfig cosine = new TrainConfig(Methods.SWAG, RisConfig.defaults(), Objective.ELBO, 1, 10, 8, "sgd", 0.9,
                LrSchedule.parse("cosine", 0.1, 1, 1), KlSchedule.standard(), "gaussian:1.0", 0, false,
                MethodOptions.defaults().withSwag(
                        new SwagOptions(-1, 0.03, 20, 0, -1, SwagOptions.CONSTANT, true)));
        Swag swag = new Swag(true);
        long total = 100;   // 10 steps per epoch; start epoch 5 (half)
        assertEquals(cosine.lr().rate(4, 49, total), swag.learningRate(cosine, 4, 49, total), 0.0);
        assertEquals(0.03, swag.learningRate(cosine, 5, 50, total), 0.0);
        assertEquals(0.03, swag.learningRate(cosine, 9, 99, total), 0.0);

        TrainConfig cyclic = cosine.withMethods(MethodOptions.defaults().withSwag(
                new SwagOptions(5, 0.03, 20, 0, -1, SwagOptions.CYCLIC, true)));
        double low = 0.03 * Swag.CYCLIC_LOW_FACTOR;
        assertEquals(0.9 * 0.03 + 0.1 * low, swag.learningRate(cyclic, 5, 50, total), 1e-15, "first step of a cycle");
        assertEquals(low, swag.learningRate(cyclic, 5, 59, total), 1e-15, "the cycle's last step, whose iterate is collected");
        assertEquals(0.9 * 0.03 + 0.1 * low, swag.learningRate(cyclic, 6, 60, total), 1e-15, "the next cycle");
    }

    @Test
    void optionsScaleDefaultsFollowThePaper() {
        assertEquals(0.5, SwagOptions.defaults().scale(true), 0.0);
        assertEquals(1.0, SwagOptions.defaults().scale(false), 0.0);
        assertEquals(5, SwagOptions.defaults().startEpoch(10));
        assertThrows(RisbnnException.class, () -> new SwagOptions(0, -1, 20, 0, -1, "triangle", true));
    }
}
