package io.risbnn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.risbnn.data.image.ChannelNormalizer;
import io.risbnn.data.image.ImageDataSpec;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageSet;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.OneEngineThread;
import io.risbnn.eval.metrics.ClassificationMetrics;
import io.risbnn.eval.metrics.ClassificationReport;
import io.risbnn.experiment.ImageRunTesting;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.Objective;
import io.risbnn.report.Stats;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.ExampleSet;
import io.risbnn.train.Seeds;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Networks sampled from q are whole networks: one weight draw per network for every test example,
 * whatever the chunking of rows, and the accumulated figures equal a direct computation.
 */
@ExtendWith(OneEngineThread.class)
class SampledNetworksTest {
    private static final int CLASSES = 3;
    private static final int ROWS = 37;

    private static NDManager root;
    private static BayesianModel mlp;
    private static DenseExamples dense;
    private static int[] denseLabels;

    @BeforeAll
    static void setUp() {
        root = NDManager.newBaseManager();
        Seeds.seedEngine(11);
        // ρ0 = 0: s = softplus(0) ≈ 0.69, far above the He std of the means, so sampled networks differ a lot
        mlp = Models.build(ModelSpec.classifierMlp(5, new int[] {16}, CLASSES, 0.01, 0.0), root);
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[ROWS][5];
        double[] y = new double[ROWS];
        denseLabels = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < 5; j++) {
                x[i][j] = random.nextGaussian();
            }
            denseLabels[i] = random.nextInt(CLASSES);
            y[i] = denseLabels[i];
        }
        dense = new DenseExamples(x, y);
    }

    @AfterAll
    static void tearDown() {
        mlp.close();
        root.close();
    }

    private static SampledNetworks.Result run(BayesianModel model, ExampleSet data, int[] labels, int count, long seed,
                                              int block, int rowsPerChunk) {
        return SampledNetworks.run(model, data, labels, count, seed, block, block * rowsPerChunk, null);
    }

    @Test
    void perNetworkAccuracyDoesNotDependOnTheChunking() {
        SampledNetworks.Result whole = run(mlp, dense, denseLabels, 30, 5, 10, ROWS);
        long[] done = new long[2];
        SampledNetworks.Result chunked = SampledNetworks.run(mlp, dense, denseLabels, 30, 5, 10, 10 * 4,
                (d, total) -> {
                    done[0] = d;
                    done[1] = total;
                });
        SampledNetworks.Result single = run(mlp, dense, denseLabels, 30, 5, 10, 1);
        assertEquals(3 * 10, done[1], "3 blocks × 10 chunks of ≤ 4 rows");
        assertEquals(done[1], done[0]);
        assertArrayEquals(whole.accuracy(), chunked.accuracy());
        assertArrayEquals(whole.accuracy(), single.accuracy());
        assertArrayEquals(whole.nll(), chunked.nll(), 1e-6);
        assertArrayEquals(whole.nll(), single.nll(), 1e-6);
        for (int i = 0; i < ROWS; i++) {
            assertArrayEquals(whole.predictive()[i], chunked.predictive()[i], 1e-6);
            assertArrayEquals(whole.predictive()[i], single.predictive()[i], 1e-6);
        }
        assertEquals(whole.predictiveAccuracy(), chunked.predictiveAccuracy());
        // the check means something only if the networks differ
        assertTrue(Arrays.stream(whole.accuracy()).distinct().count() > 3,
                "sampled networks should differ: " + Arrays.toString(whole.accuracy()));
    }

    @Test
    void convolutionalNetworksAreConsistentAcrossChunksToo() {
        Path dir = ImageRunTesting.twoClassFolder(tmp.resolve("images"), 2, 9, 4);
        ImageSet images = ImageDataSpec.parse("imagefolder:" + dir).load(false, Integer.MAX_VALUE);
        ImageExamples test = new ImageExamples(images, ChannelNormalizer.fit(images), null, 0);
        Seeds.seedEngine(2);
        try (BayesianModel lenet = Models.build(ModelSpec.image("lenet", images.channels(), 28, 28, 2, new int[0], 0.01, 0.0), root)) {
            SampledNetworks.Result a = run(lenet, test, test.labels(), 12, 9, 6, test.size());
            SampledNetworks.Result b = run(lenet, test, test.labels(), 12, 9, 6, 5);
            assertArrayEquals(a.accuracy(), b.accuracy());
            for (int i = 0; i < test.size(); i++) {
                assertArrayEquals(a.predictive()[i], b.predictive()[i], 1e-5);
            }
        }
    }

    @TempDir
    static Path tmp;

    @Test
    void figuresEqualADirectComputationOverAllNetworks() {
        int block = 10;
        int count = 30;
        long seed = 8;
        SampledNetworks.Result result = run(mlp, dense, denseLabels, count, seed, block, 3);

        double[][][] probs = new double[count][][];
        ForwardContext ctx = new ForwardContext(new McSharedEstimator(), Objective.ELBO, block);
        int[] rows = new int[ROWS];
        Arrays.setAll(rows, i -> i);
        for (int b = 0; b < count / block; b++) {
            Seeds.seedEngine(seed, SampledNetworks.PURPOSE, b);
            try (NDManager scratch = root.newSubManager()) {
                NDArray out = mlp.forward(dense.features(scratch, rows), ctx, false);
                double[] flat = out.toType(DataType.FLOAT64, false).toDoubleArray();
                double[][][] logits = new double[block][ROWS][CLASSES];
                for (int s = 0; s < block; s++) {
                    for (int i = 0; i < ROWS; i++) {
                        System.arraycopy(flat, (s * ROWS + i) * CLASSES, logits[s][i], 0, CLASSES);
                    }
                }
                double[][][] p = Predictive.softmax(logits);
                System.arraycopy(p, 0, probs, b * block, block);
            }
        }
        double[] direct = new double[count];
        for (int k = 0; k < count; k++) {
            direct[k] = ClassificationMetrics.accuracy(probs[k], denseLabels);
            assertEquals(ClassificationMetrics.nll(probs[k], denseLabels), result.nll()[k], 1e-6, "network " + k);
        }
        assertArrayEquals(direct, result.accuracy());
        assertEquals(Stats.mean(direct), Stats.mean(result.accuracy()), 1e-15);

        ClassificationReport report = ClassificationReport.of(probs, denseLabels);
        assertEquals(report.accuracy(), result.predictiveAccuracy(), 1e-15);
        assertEquals(report.nll(), result.predictiveNll(), 1e-6);
        var metrics = result.predictiveMetrics();
        assertEquals(report.accuracy(), metrics.get("accuracy"), 1e-15);
        assertEquals(report.brier(), metrics.get("brier"), 1e-6);
        assertEquals(report.meanEntropy(), metrics.get("entropy"), 1e-6);
        assertEquals(report.meanMutualInformation(), metrics.get("mutual_information"), 1e-6);
        assertEquals(report.ece(), metrics.get("ece"), 1e-6);
        // averaging probabilities is not averaging accuracies
        assertTrue(metrics.get("mutual_information") > 0.01, "networks should disagree: " + metrics);
    }

    @Test
    void sameSeedSameNetworksAndFewerNetworksAreAPrefix() {
        SampledNetworks.Result a = run(mlp, dense, denseLabels, 30, 21, 10, 7);
        SampledNetworks.Result b = run(mlp, dense, denseLabels, 30, 21, 10, 7);
        SampledNetworks.Result fewer = run(mlp, dense, denseLabels, 25, 21, 10, 5);
        SampledNetworks.Result other = run(mlp, dense, denseLabels, 30, 22, 10, 7);
        assertArrayEquals(a.accuracy(), b.accuracy());
        assertArrayEquals(a.nll(), b.nll());
        assertEquals(25, fewer.count());
        assertArrayEquals(Arrays.copyOf(a.accuracy(), 25), fewer.accuracy());
        assertFalse(Arrays.equals(a.accuracy(), other.accuracy()), "another seed draws other networks");
    }

    @Test
    void predictiveSampledSharesEachNetworkAcrossChunks() {
        // 600 networks: Predictive's chunks hold 4096/600 = 6 rows, so 37 rows take 7 chunks
        int samples = 600;
        double[][][] chunked = Predictive.sampled(mlp, dense, samples, 4);
        ForwardContext ctx = new ForwardContext(new McSharedEstimator(), Objective.ELBO, samples);
        int[] rows = new int[ROWS];
        Arrays.setAll(rows, i -> i);
        Seeds.seedEngine(4, Predictive.PURPOSE, 0);
        double[] flat;
        try (NDManager scratch = root.newSubManager()) {
            flat = mlp.forward(dense.features(scratch, rows), ctx, false).toType(DataType.FLOAT64, false).toDoubleArray();
        }
        for (int s = 0; s < samples; s += 37) {
            for (int i = 0; i < ROWS; i++) {
                for (int c = 0; c < CLASSES; c++) {
                    assertEquals(flat[(s * ROWS + i) * CLASSES + c], chunked[s][i][c], 1e-5, "network " + s + " row " + i);
                }
            }
        }
        // the seeded overload and the engine-seeded one are both reproducible
        Seeds.seedEngine(1);
        double[][][] a = Predictive.sampled(mlp, dense, 3);
        Seeds.seedEngine(1);
        double[][][] b = Predictive.sampled(mlp, dense, 3);
        assertTrue(Arrays.deepEquals(a, b));
    }
}
