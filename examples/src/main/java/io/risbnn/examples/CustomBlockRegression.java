package io.risbnn.examples;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.Posterior;
import io.risbnn.api.PredictiveDistribution;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.nn.BayesLinear;
import io.risbnn.predict.PredictOptions;
import io.risbnn.variational.PosteriorInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Your own DJL block of Bayesian layers, fitted on y = sin(3x) + noise, asked about points inside and
 * outside the data, saved and loaded again. Argument: a directory to save into (default: a temporary one).
 */
public final class CustomBlockRegression {
    /** The network: any DJL container of risbnn layers; a factory, so the model can be rebuilt on load. */
    static SequentialBlock network() {
        return new SequentialBlock()
                .add(new BayesLinear("dense1", 1, 32, true, ActivationFunction.RELU, PosteriorInit.defaults()))
                .add(new BayesLinear("dense2", 32, 1, true, ActivationFunction.NONE, PosteriorInit.defaults()));
    }

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("risbnn-example");
        Random random = new Random(1);
        double[][] x = new double[200][1];
        double[] y = new double[200];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = random.nextDouble() * 2 - 1;                    // the data covers [-1, 1]
            y[i] = Math.sin(3 * x[i][0]) + 0.1 * random.nextGaussian();
        }
        double[][] queries = {{-0.5}, {0.0}, {0.5}, {3.0}};           // 3.0 is far outside the data
        PredictOptions options = new PredictOptions(100, 0, 0.95);   // S = 100 networks, seed 0, 95 % intervals
        PredictiveDistribution p;
        try (Posterior posterior = BayesianNetworks.regression()
                .network(CustomBlockRegression::network, new Shape(1))
                .data(x, y).epochs(60).samples(4).learningRate(0.02).seed(3)
                .fit()) {
            p = posterior.predict(queries, options);
            posterior.save(dir);
        }
        System.out.println("x      mean     std  epistemic aleatoric   lower_95  upper_95");
        for (int i = 0; i < queries.length; i++) {
            System.out.printf(java.util.Locale.ROOT, "%4.1f %8.3f %7.3f %8.3f %9.3f %10.3f %9.3f%n", queries[i][0],
                    p.mean()[i], p.std()[i], p.epistemicStd()[i], p.aleatoricStd()[i], p.quantile(0.025)[i],
                    p.quantile(0.975)[i]);
        }
        try (Posterior loaded = Posterior.load(dir, CustomBlockRegression::network)) {
            boolean same = Arrays.equals(p.mean(), loaded.predict(queries, options).mean());
            System.out.println("saved to " + dir + "; loaded again: " + (same ? "identical predictions" : "DIFFERENT predictions"));
            if (!same) {
                throw new IllegalStateException("a loaded posterior predicts differently");
            }
        }
    }
}
