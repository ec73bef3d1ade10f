package io.risbnn.method.laplace;

import io.risbnn.estimator.RisConfig;
import io.risbnn.method.MethodOptions;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.TrainConfig;

/** Configurations and model surgery shared by the Laplace tests. */
final class LaplaceFixtures {
    private LaplaceFixtures() {}

    static TrainConfig config(String structure, String priorPrecision, int curvatureExamples, int epochs, String prior) {
        return new TrainConfig("laplace", RisConfig.defaults(), Objective.ELBO, 1, epochs, 32, "adam", 0.9,
                LrSchedule.parse("cosine", 0.01, 1, 1), KlSchedule.standard(), prior, 0, false)
                .withMethods(MethodOptions.defaults().withLaplace(new LaplaceOptions(structure, "probit", priorPrecision, 100,
                        curvatureExamples)));
    }

    static TrainConfig config(String structure, String priorPrecision) {
        return config(structure, priorPrecision, 0, 1, "gaussian:1");
    }

    /** Sets the homoscedastic noise σ of a regression model. */
    static void setNoise(BayesianModel model, double sigma) {
        model.likelihood().parameters().get(0).getArray().set(new ai.djl.ndarray.index.NDIndex("..."), (float) Math.log(sigma));
    }
}
