package io.risbnn.method.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDManager;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.eval.Predictive;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.method.MethodOptions;
import io.risbnn.method.Methods;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.estimator.RisConfig;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import io.risbnn.train.TrainingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Deep ensembles: seeded members, and the mixture predictive computed as a log-sum-exp over the members. */
class DeepEnsembleTest {
    private static final int MEMBERS = 3;

    /** The targets data(n, seed) holds. */
    private static double[] targets(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double x0 = r.nextDouble(-2, 2);
            double x1 = r.nextDouble(-2, 2);
            y[i] = Math.sin(x0) + 0.5 * x1 + 0.1 * r.nextGaussian();
        }
        return y;
    }

    private static DenseExamples data(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i][0] = r.nextDouble(-2, 2);
            x[i][1] = r.nextDouble(-2, 2);
            y[i] = Math.sin(x[i][0]) + 0.5 * x[i][1] + 0.1 * r.nextGaussian();
        }
        return new DenseExamples(x, y);
    }

    private static TrainConfig config() {
        MethodOptions d = MethodOptions.defaults();
        return new TrainConfig(Methods.ENSEMBLE, RisConfig.defaults(), Objective.ELBO, 1, 3, 16, "adam", 0.9,
                LrSchedule.parse("constant", 0.01, 1, 1), KlSchedule.standard(), "gaussian:1.0", 11, false,
                d.withEnsemble(new EnsembleOptions(MEMBERS)));
    }

    /** Trains every member as the run loop does (member k from its own seed) and returns the method. */
    private static DeepEnsemble train(BayesianModel model, DenseExamples train, TrainConfig config) {
        DeepEnsemble ensemble = new DeepEnsemble();
        for (int k = 0; k < MEMBERS; k++) {
            TrainConfig member = ensemble.memberConfig(config, k);
            Seeds.seedEngine(member.seed());
            try (BayesianModel fresh = Models.build(model.spec(), model.manager())) {
                var target = BnnTrainer.namedParametersOf(model);
                var source = BnnTrainer.namedParametersOf(fresh);
                for (int i = 0; i < target.size(); i++) {
                    target.get(i).array().set(new ai.djl.ndarray.index.NDIndex("..."), source.get(i).array());
                }
            }
            new BnnTrainer(model, member, ensemble).fit(train, null, null, new TrainingState(),
                    io.risbnn.train.Checkpointer.none());
            ensemble.memberDone(model);
        }
        return ensemble;
    }

    @Test
    void membersAreSeededDistinctNetworksAndTheMixtureIsALogSumExp() {
        DenseExamples train = data(96, 1);
        DenseExamples test = data(20, 2);
        double[] targets = targets(20, 2);
        ModelSpec spec = ModelSpec.regressionMlp(2, new int[] {8}, 0.01, null);
        TrainConfig config = config();
        try (NDManager root = NDManager.newBaseManager()) {
            BayesianModel a = Models.build(spec, root);
            BayesianModel b = Models.build(spec, root);
            EnsemblePosterior pa = (EnsemblePosterior) train(a, train, config).posterior(a, config, () -> train);
            EnsemblePosterior pb = (EnsemblePosterior) train(b, train, config).posterior(b, config, () -> train);
            double[][][] outA = pa.memberOutputs(test);
            double[][][] outB = pb.memberOutputs(test);
            for (int k = 0; k < MEMBERS; k++) {
                for (int i = 0; i < 20; i++) {
                    assertArrayEquals(outA[k][i], outB[k][i], 0.0, "same seed, member " + k);
                }
            }
            assertFalse(outA[0][0][0] == outA[1][0][0] || outA[1][0][0] == outA[2][0][0], "members must differ");

            // the sampled predictive of K networks is the equal-weight mixture of the members' Gaussians
            TargetStandardizer scale = TargetStandardizer.of(3, 2);
            double[] original = scale.inverse(targets);
            Map<String, Double> m = RegressionEvaluation.evaluate(pa, test, original, scale, MEMBERS, 0);
            double ll = 0;
            for (int i = 0; i < 20; i++) {
                double[] logTerms = new double[MEMBERS];
                for (int k = 0; k < MEMBERS; k++) {
                    double mean = scale.inverse(outA[k][i][0]);
                    double sd = Math.exp(outA[k][i][1] / 2) * scale.std();
                    double z = (original[i] - mean) / sd;
                    logTerms[k] = -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI) - Math.log(MEMBERS);
                }
                double max = Math.max(logTerms[0], Math.max(logTerms[1], logTerms[2]));
                double sum = 0;
                for (double t : logTerms) {
                    sum += Math.exp(t - max);
                }
                ll += max + Math.log(sum);
            }
            assertEquals(ll / 20, m.get("test_ll_sampled"), 1e-9);
            assertEquals(m.get("test_ll_sampled"), m.get("test_ll"), 0.0);   // the mixture is the ensemble's own

            // each member's own noise: log σ_k² of member k is twice the log of its learned σ
            double[][][] sampled = pa.sampled(test, 2 * MEMBERS, 7);
            assertEquals(2 * MEMBERS, sampled.length);
            assertArrayEquals(sampled[1][0], sampled[1 + MEMBERS][0], 0.0);   // network s is member s mod K
        }
    }

    @Test
    void memberZeroIsTheMapRunOfTheSameSeed() {
        DenseExamples train = data(64, 3);
        DenseExamples test = data(10, 4);
        ModelSpec spec = ModelSpec.regressionMlp(2, new int[] {8}, 0.01, null);
        TrainConfig config = config();
        try (NDManager root = NDManager.newBaseManager()) {
            Seeds.seedEngine(config.seed());
            BayesianModel map = Models.build(spec, root);
            TrainConfig mapConfig = config.withEstimator(io.risbnn.method.MaximumAPosteriori.NAME);
            new BnnTrainer(map, mapConfig).fit(train, null, null);
            double[][] mapOut = Predictive.moment(map, test)[0];
            double mapSigma = ((GaussianLikelihood) map.likelihood()).noiseStd();

            Seeds.seedEngine(config.seed());
            BayesianModel model = Models.build(spec, root);
            EnsemblePosterior p = (EnsemblePosterior) train(model, train, config).posterior(model, config, () -> train);
            double[][] member0 = p.memberOutputs(test)[0];
            for (int i = 0; i < 10; i++) {
                assertEquals(mapOut[i][0], member0[i][0], 0.0);
                assertEquals(2 * Math.log(mapSigma), member0[i][1], 1e-12);
            }
        }
    }
}
