package io.risbnn.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.risbnn.estimator.OneEngineThread;
import io.risbnn.eval.metrics.ClassificationMetrics;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.Seeds;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * AUROC of the OOD scores on constructed cases. Null-hypothesis reference: with n_pos positives and
 * n_neg negatives drawn from one continuous distribution, the Mann–Whitney U = n_pos·n_neg·AUROC has
 * mean n_pos·n_neg/2 and variance n_pos·n_neg·(n_pos+n_neg+1)/12, so AUROC has mean ½ and standard
 * error √((n_pos+n_neg+1)/(12·n_pos·n_neg)); for n_pos = n_neg = 500 that is √(1001/3,000,000) = 0.01827.
 */
@ExtendWith(OneEngineThread.class)
class OutOfDistributionTest {
    private static final int CLASSES = 4;

    private static NDManager root;
    private static BayesianModel mlp;

    @BeforeAll
    static void setUp() {
        root = NDManager.newBaseManager();
        Seeds.seedEngine(5);
        // ρ0 = 0: s = softplus(0) ≈ 0.69, so the sampled networks disagree and MI is far from 0
        mlp = Models.build(ModelSpec.classifierMlp(6, new int[] {16}, CLASSES, 0.01, 0.0), root);
    }

    @AfterAll
    static void tearDown() {
        mlp.close();
        root.close();
    }

    /** n rows of 6 Gaussian features scaled by {@code scale}. */
    private static DenseExamples rows(int n, double scale, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][6];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 6; j++) {
                x[i][j] = scale * random.nextGaussian();
            }
        }
        return new DenseExamples(x, new double[n]);
    }

    /** S × n probability vectors: softmax of Gaussian logits with spread {@code sharpness}. */
    private static double[][][] probabilities(int s, int n, double sharpness, SplittableRandom random) {
        double[][][] logits = new double[s][n][CLASSES];
        for (int k = 0; k < s; k++) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < CLASSES; c++) {
                    logits[k][i][c] = sharpness * random.nextGaussian();
                }
            }
        }
        return Predictive.softmax(logits);
    }

    @Test
    void nullStandardErrorMatchesTheMannWhitneyVariance() {
        int n = 500;
        double h0 = Math.sqrt((n + n + 1) / (12.0 * n * n));
        assertEquals(0.0182665, h0, 1e-6);
        assertEquals(h0, OutOfDistribution.aurocStandardError(0.5, n, n), 1e-12);
        assertEquals(Math.sqrt((30 + 70 + 1) / (12.0 * 30 * 70)), OutOfDistribution.aurocStandardError(0.5, 30, 70), 1e-12);
        assertEquals(0.0, OutOfDistribution.aurocStandardError(1.0, n, n), 1e-12);
    }

    @Test
    void clearlyMoreUncertainOodGivesAurocNearOne() {
        SplittableRandom random = new SplittableRandom(1);
        // in-distribution: every network confident (logits spread 6); OOD: networks confident about
        // different classes (spread 6 but independent per network) → high entropy of the mean and high MI
        double[][][] inProbs = probabilities(1, 400, 6, random);
        double[][][] inStack = new double[20][][];
        java.util.Arrays.fill(inStack, inProbs[0]);     // 20 identical networks: MI exactly 0
        double[][][] oodProbs = probabilities(20, 400, 6, random);
        double[][] in = OutOfDistribution.sampledScores(inStack);
        double[][] ood = OutOfDistribution.sampledScores(oodProbs);
        OutOfDistribution.Score entropy = OutOfDistribution.score("entropy", in[0], ood[0]);
        OutOfDistribution.Score mi = OutOfDistribution.score("mi", in[1], ood[1]);
        assertTrue(entropy.auroc() > 0.97, "entropy AUROC " + entropy.auroc());
        assertEquals(1.0, mi.auroc(), 1e-12, "in-distribution MI is exactly 0, OOD MI positive");
        assertEquals(0.0, mi.meanIn(), 1e-12);
        assertTrue(entropy.meanOod() > entropy.meanIn() + 0.5, entropy.meanIn() + " vs " + entropy.meanOod());
        // swapping the roles gives 1 − AUROC
        assertEquals(1 - entropy.auroc(), OutOfDistribution.score("x", ood[0], in[0]).auroc(), 1e-12);
    }

    @Test
    void twoSamplesOfOneDistributionGiveHalfWithinTheNullStandardError() {
        SplittableRandom random = new SplittableRandom(2);
        int n = 500;
        double se = Math.sqrt((n + n + 1) / (12.0 * n * n));
        double[][] in = OutOfDistribution.sampledScores(probabilities(10, n, 2, random));
        double[][] ood = OutOfDistribution.sampledScores(probabilities(10, n, 2, random));
        for (int k = 0; k < 2; k++) {
            double auroc = OutOfDistribution.score("s", in[k], ood[k]).auroc();
            // 3 SE: a false failure has probability 0.0027 per score, and the seed is fixed
            assertEquals(0.5, auroc, 3 * se, "score " + k + ": AUROC " + auroc + ", null SE " + se);
        }
    }

    @Test
    void identicalSetsThroughAModelGiveExactlyHalf() {
        DenseExamples set = rows(60, 1, 3);
        OutOfDistribution.Result r = OutOfDistribution.evaluate(mlp, set, set, 8, 0);
        assertEquals(60, r.inSize());
        assertEquals(60, r.oodSize());
        for (OutOfDistribution.Score s : r.scores()) {
            // the same networks score both copies: equal score multisets, so U is exactly n²/2
            assertArrayEquals(s.in(), s.ood(), 1e-12, s.name());
            assertEquals(0.5, s.auroc(), 1e-12, s.name());
            assertEquals(s.meanIn(), s.meanOod(), 1e-12, s.name());
        }
        assertTrue(r.score(OutOfDistribution.MUTUAL_INFORMATION).meanIn() > 1e-3, "sampled networks should disagree");
    }

    @Test
    void scoresAgreeWithADirectComputationAndAcrossBlocks() {
        DenseExamples in = rows(30, 1, 4);
        DenseExamples ood = rows(25, 0.05, 5);
        int samples = 6;
        OutOfDistribution.Result r = OutOfDistribution.evaluate(mlp, in, ood, samples, 9);
        Seeds.seedEngine(9);
        double[][] direct = OutOfDistribution.sampledScores(Predictive.softmax(Predictive.sampled(mlp, in, samples)));
        assertArrayEquals(direct[0], r.score(OutOfDistribution.ENTROPY_SAMPLED).in(), 1e-6);
        assertArrayEquals(direct[1], r.score(OutOfDistribution.MUTUAL_INFORMATION).in(), 1e-6);
        double[] moment = ClassificationMetrics.predictiveEntropy(Predictive.softmax(Predictive.moment(mlp, ood))[0]);
        assertArrayEquals(moment, r.score(OutOfDistribution.ENTROPY_MOMENT).ood(), 1e-6);
        // blocks of 7 rows (the engine re-seeded before each): the same networks, so the same scores up to
        // float32 rounding (the engine's products round differently for other batch sizes)
        OutOfDistribution.Result blocks = OutOfDistribution.evaluate(mlp, in, ood, samples, 9, 7L * samples * CLASSES);
        for (OutOfDistribution.Score s : r.scores()) {
            assertArrayEquals(s.in(), blocks.score(s.name()).in(), 1e-6, s.name());
            assertArrayEquals(s.ood(), blocks.score(s.name()).ood(), 1e-6, s.name());
        }
        // near-zero inputs give near-uniform first-moment outputs: more uncertain than unit-scale inputs
        assertTrue(r.score(OutOfDistribution.ENTROPY_MOMENT).auroc() > 0.9,
                "moment entropy AUROC " + r.score(OutOfDistribution.ENTROPY_MOMENT).auroc());
    }

    @Test
    void joinedSetConcatenatesTheTwoSetsInOrder() {
        DenseExamples a = rows(3, 1, 6);
        DenseExamples b = rows(4, 1, 7);
        OutOfDistribution.Joined joined = new OutOfDistribution.Joined(a, b, 2, 4);   // rows a2, b0, b1, b2
        try (NDManager m = root.newSubManager()) {
            float[] got = joined.features(m, new int[] {0, 1, 3}).toFloatArray();
            float[] a2 = a.features(m, new int[] {2}).toFloatArray();
            float[] b02 = b.features(m, new int[] {0, 2}).toFloatArray();
            float[] expected = new float[18];
            System.arraycopy(a2, 0, expected, 0, 6);
            System.arraycopy(b02, 0, expected, 6, 12);
            assertArrayEquals(expected, got);
        }
    }
}
