package io.risbnn.method.adversarial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.RisConfig;
import io.risbnn.method.MethodOptions;
import io.risbnn.method.Methods;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * λ = 0 is plain MFVI bit for bit (the step skips the ascent and the adversarial term, and its ELBO is
 * the trainer's on the same engine draws); λ > 0 trains something else; the options are checked.
 */
class AdversarialSamplingTest {
    private static final int SAMPLES = 3;

    static TrainConfig config(String method, AdversarialOptions adversarial) {
        MethodOptions d = MethodOptions.defaults();
        return new TrainConfig(method, RisConfig.defaults(), Objective.ELBO, SAMPLES, 2, 16, "adam", 0.9,
                LrSchedule.parse("constant", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", 7, false,
                d.withAdversarial(adversarial));
    }

    /** Trains from seed 7 for 2 epochs of 4 steps (64 rows, batch 16); returns every parameter's values then the step losses. */
    private static List<float[]> train(TrainConfig config) {
        DenseExamples data = NoiseAscentTest.batch(new SplittableRandom(5));
        Seeds.seedEngine(config.seed());
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.classifierMlp(2, new int[] {16}, 3, 0.01, -3.0), root)) {
            BnnTrainer trainer = new BnnTrainer(model, config);
            trainer.fit(data, null, null);
            List<float[]> out = new ArrayList<>();
            for (NamedParameter p : BnnTrainer.namedParametersOf(model)) {
                out.add(p.array().toFloatArray());
            }
            float[] losses = new float[trainer.stepLosses().size()];
            for (int i = 0; i < losses.length; i++) {
                losses[i] = trainer.stepLosses().get(i).floatValue();
            }
            out.add(losses);
            return out;
        }
    }

    @Test
    void lambdaZeroIsPlainMeanFieldViBitForBit() {
        List<float[]> vi = train(config(McSharedEstimator.NAME, null));
        List<float[]> zero = train(config(Methods.ADVERSARIAL, new AdversarialOptions(0, 5, 0.02)));
        assertEquals(vi.size(), zero.size());
        assertEquals(8, vi.get(vi.size() - 1).length, "steps taken");
        for (int i = 0; i < vi.size(); i++) {
            assertArrayEquals(vi.get(i), zero.get(i), 0f, "array " + i);
        }
        // the adversarial term does change training (so the equality above is not vacuous)
        List<float[]> adversarial = train(config(Methods.ADVERSARIAL, AdversarialOptions.defaults()));
        boolean differs = false;
        for (int i = 0; i < vi.size(); i++) {
            differs |= !java.util.Arrays.equals(vi.get(i), adversarial.get(i));
        }
        assertTrue(differs, "λ = 0.8 trained exactly as VI");
    }

    @Test
    void aResumedStepDrawsTheSameAdversarialStartNoise() {
        double a = AdversarialStep.startStream(7, 3).nextGaussian();
        assertEquals(a, AdversarialStep.startStream(7, 3).nextGaussian(), 0);
        assertFalse(a == AdversarialStep.startStream(7, 4).nextGaussian(), "steps share their noise");
    }

    @Test
    void defaultsAreTheAuthorsAndBadOptionsAreRefusedByName() {
        AdversarialOptions d = AdversarialOptions.defaults();
        assertEquals(0.8, d.lambda());
        assertEquals(5, d.steps());
        assertEquals(0.02, d.stepSize());
        assertEquals(d, MethodOptions.defaults().adversarial());
        assertEquals(d, new MethodOptions(null, null, null, null, null, null, null, null).adversarial(), "a checkpoint from before the method");
        assertMessage(() -> new AdversarialOptions(1.5, 5, 0.02), "--as-lambda 1.5");
        assertMessage(() -> new AdversarialOptions(0.5, -1, 0.02), "--as-steps -1");
        assertMessage(() -> new AdversarialOptions(0.5, 5, Double.NaN), "--as-step-size NaN");
        assertTrue(Methods.of(Methods.ADVERSARIAL) instanceof AdversarialSampling);
        assertTrue(Methods.isNonVi(Methods.ADVERSARIAL));
    }

    private static void assertMessage(Runnable r, String start) {
        try {
            r.run();
        } catch (RisbnnException e) {
            assertTrue(e.getMessage().startsWith(start), e.getMessage());
            return;
        }
        throw new AssertionError("not refused: " + start);
    }
}
