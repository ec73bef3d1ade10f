package io.risbnn.examples;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.Posterior;
import io.risbnn.api.PredictiveDistribution;
import java.util.Random;

/**
 * An ordinary DJL network turned into a Bayesian one (MOPED-style: the posterior means start at its weights)
 * and fitted by VI; in practice the DJL network would be a trained one.
 */
public final class ConvertDeterministicModel {
    public static void main(String[] args) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock djl = new SequentialBlock().add(Linear.builder().setUnits(16).build())
                    .add(Activation.reluBlock()).add(Linear.builder().setUnits(1).build());
            djl.initialize(manager, DataType.FLOAT32, new Shape(1, 2));
            Random random = new Random(4);
            double[][] x = new double[200][2];
            double[] y = new double[200];
            for (int i = 0; i < x.length; i++) {
                x[i][0] = random.nextDouble() * 2 - 1;
                x[i][1] = random.nextDouble() * 2 - 1;
                y[i] = x[i][0] * x[i][1] + 0.05 * random.nextGaussian();
            }
            try (Posterior posterior = BayesianNetworks.regression().convert(djl, new Shape(2))
                    .data(x, y).epochs(40).seed(1).fit()) {
                System.out.println("converted layers: " + posterior.model().variationalLayers().size()
                        + ", method " + posterior.methodName() + " (" + posterior.config().estimator() + ", "
                        + posterior.objectiveLabel() + ")");
                PredictiveDistribution p = posterior.predict(new double[][] {{0.5, 0.5}, {-0.5, 0.5}});
                System.out.printf(java.util.Locale.ROOT, "f(0.5, 0.5) = %.3f ± %.3f (truth 0.25), f(-0.5, 0.5) = %.3f ± %.3f (truth -0.25)%n",
                        p.mean()[0], p.std()[0], p.mean()[1], p.std()[1]);
            }
        }
    }
}
