package io.risbnn.examples;

import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.Posterior;
import io.risbnn.api.PredictiveDistribution;
import java.util.List;
import java.util.Random;

/**
 * A built-in Bayesian MLP classifier on three Gaussian blobs: class probabilities, the predictive entropy
 * and its epistemic part (mutual information), in a blob, between blobs and far from all of them.
 */
public final class ClassificationUncertainty {
    public static void main(String[] args) {
        Random random = new Random(2);
        double[][] x = new double[300][2];
        double[] y = new double[300];
        for (int i = 0; i < x.length; i++) {
            int label = i % 3;
            x[i][0] = 2 * Math.cos(2 * Math.PI * label / 3) + 0.5 * random.nextGaussian();
            x[i][1] = 2 * Math.sin(2 * Math.PI * label / 3) + 0.5 * random.nextGaussian();
            y[i] = label;
        }
        double[][] queries = {{2, 0}, {0, 0}, {12, 12}};
        try (Posterior posterior = BayesianNetworks.classification(List.of("east", "north-west", "south-west"))
                .hidden(32).estimator("lrt").data(x, y).epochs(30).seed(0).fit()) {
            PredictiveDistribution p = posterior.predict(queries);
            String[] where = {"in the east blob", "between the blobs", "far from the data"};
            for (int i = 0; i < queries.length; i++) {
                System.out.printf(java.util.Locale.ROOT, "%-18s predicted %-10s p=%.3f  entropy %.3f  mutual information %.3f%n",
                        where[i], p.classNames().get(p.predicted()[i]), p.probabilities()[i][p.predicted()[i]],
                        p.entropy()[i], p.mutualInformation()[i]);
            }
        }
    }
}
