package io.risbnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.risbnn.RisbnnException;
import io.risbnn.estimator.RisConfig;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BnnTrainerTest {
    /** y = sin(3x₀) + 0.5x₁ + small noise: learnable by a small MLP in a few epochs. */
    static DenseExamples toyRegression(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextDouble(-1, 1);
            x[i][1] = r.nextDouble(-1, 1);
            y[i] = Math.sin(3 * x[i][0]) + 0.5 * x[i][1] + 0.05 * r.nextGaussian();
        }
        return new DenseExamples(x, y);
    }

    static TrainConfig config(String estimator, Objective objective, int epochs, long seed) {
        return new TrainConfig(estimator, RisConfig.defaults(), objective, 4, epochs, 32, "adam", 0.9,
                LrSchedule.parse("constant", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", seed, false);
    }

    static List<EpochMetrics> train(String estimator, Objective objective, int epochs, long seed) {
        return train(estimator, objective, epochs, seed, io.risbnn.estimator.ActivationFunction.RELU);
    }

    static List<EpochMetrics> train(String estimator, Objective objective, int epochs, long seed,
                                    io.risbnn.estimator.ActivationFunction activation) {
        Seeds.seedEngine(seed);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[] {32}, 0.01, null)
                     .withActivation(activation), root)) {
            return new BnnTrainer(model, config(estimator, objective, epochs, seed)).fit(toyRegression(512, 1), null, null);
        }
    }

    @ParameterizedTest
    @CsvSource({"mc-shared,ELBO", "lrt,ELBO", "mc-shared,MOMENT", "lrt,MOMENT", "analytic,MOMENT", "ris,MOMENT",
            "lrt,MEAN_VAR", "analytic,MEAN_VAR", "quadrature,MEAN_VAR", "ris,MEAN_VAR", "quadrature,MOMENT"})
    void everyValidPairLearnsAToyRegression(String estimator, Objective objective) {
        List<EpochMetrics> history = train(estimator, objective, 8, 7);
        double first = history.get(0).nll();
        double last = history.get(history.size() - 1).nll();
        // a standardised target starts near NLL ≈ 1.2 (σ=0.5 init); a fit of sin(3x) brings it well below 0
        assertTrue(last < first - 0.5, estimator + "/" + objective + ": NLL " + first + " -> " + last);
    }

    /** Every activation learns under every objective, with an estimator that serves it. */
    @ParameterizedTest
    @CsvSource({"leaky-relu,ris,MEAN_VAR", "gelu,analytic,MEAN_VAR", "silu,ris,MEAN_VAR", "tanh,quadrature,MEAN_VAR",
            "softplus,lrt,MEAN_VAR", "gelu,ris,MOMENT", "tanh,lrt,ELBO", "silu,mc-shared,ELBO", "softplus,quadrature,MOMENT",
            "leaky-relu,analytic,MOMENT"})
    void everyActivationLearns(String activation, String estimator, Objective objective) {
        List<EpochMetrics> history = train(estimator, objective, 8, 7, io.risbnn.estimator.ActivationFunction.parse(activation));
        double first = history.get(0).nll();
        double last = history.get(history.size() - 1).nll();
        // SiLU learns sin(3x) more slowly than the others under every objective alike (0.84 -> 0.53 in 8 epochs,
        // ELBO and mean-var); a model that does not learn stays near its first epoch
        assertTrue(last < first - 0.25, activation + " " + estimator + "/" + objective + ": NLL " + first + " -> " + last);
    }

    @Test
    void sameSeedSameLosses() {
        List<EpochMetrics> a = train("ris", Objective.MOMENT, 2, 11);
        List<EpochMetrics> b = train("ris", Objective.MOMENT, 2, 11);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).loss(), b.get(i).loss(), 0.0);
        }
    }

    @Test
    void momentOnlyEstimatorsAreRefusedUnderElbo() {
        RisbnnException e = assertThrows(RisbnnException.class, () -> train("ris", Objective.ELBO, 1, 1));
        assertTrue(e.getMessage().contains("--objective moment"), e.getMessage());
        assertThrows(RisbnnException.class, () -> train("analytic", Objective.ELBO, 1, 1));
    }

    @Test
    void memoryStaysFlatAcrossEpochs() {
        Seeds.seedEngine(5);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[] {16}, 0.01, null), root)) {
            BnnTrainer trainer = new BnnTrainer(model, config("ris", Objective.MOMENT, 1, 5));
            DenseExamples data = toyRegression(256, 2);
            trainer.fit(data, null, null);
            int afterOne = model.manager().getManagedArrays().size();
            new BnnTrainer(model, config("ris", Objective.MOMENT, 6, 5)).fit(data, null, null);
            // parameters + the second trainer's optimiser state; nothing per step survives
            int afterMore = model.manager().getManagedArrays().size();
            assertTrue(afterMore <= afterOne + 2 * trainer.parameters().size(),
                    "managed arrays grew from " + afterOne + " to " + afterMore);
        }
    }
}
