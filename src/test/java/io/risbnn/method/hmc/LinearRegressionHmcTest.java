package io.risbnn.method.hmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.Seeds;
import io.risbnn.variational.Priors;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * HMC through the real network code: a network without hidden layers, known noise σ and the prior
 * N(0, σ_p²) is Bayesian linear regression in φ = [x; 1], whose posterior is N(Σ Φᵀy/σ², Σ) with
 * Σ = (ΦᵀΦ/σ² + I/σ_p²)⁻¹. {@link NetworkPotential} (forward, backward, prior) is sampled by the same
 * core; the draws' moments match the exact ones within Monte Carlo error (ESS-aware, z ≤ 4), and the
 * potential's gradient is the closed form's.
 */
class LinearRegressionHmcTest {
    private static final int N = 40;
    private static final double SIGMA = 0.5;
    private static final double PRIOR_STD = 1.0;
    private static final double[][] X = new double[N][2];
    private static final double[] Y = new double[N];

    static {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < N; i++) {
            X[i][0] = random.nextDouble(-1.5, 1.5);
            X[i][1] = random.nextDouble(-1.5, 1.5);
            Y[i] = 0.8 * X[i][0] - 0.5 * X[i][1] + 0.3 + SIGMA * HamiltonianSampler.gaussian(random);
        }
    }

    private static RealMatrix covariance() {
        double[][] phi = new double[N][];
        for (int i = 0; i < N; i++) {
            phi[i] = new double[] {X[i][0], X[i][1], 1};
        }
        RealMatrix a = new Array2DRowRealMatrix(phi);
        RealMatrix precision = a.transpose().multiply(a).scalarMultiply(1 / (SIGMA * SIGMA))
                .add(MatrixUtils.createRealIdentityMatrix(3).scalarMultiply(1 / (PRIOR_STD * PRIOR_STD)));
        return new LUDecomposition(precision).getSolver().getInverse();
    }

    private static double[] mean(RealMatrix covariance) {
        double[] phiTy = new double[3];
        for (int i = 0; i < N; i++) {
            phiTy[0] += X[i][0] * Y[i];
            phiTy[1] += X[i][1] * Y[i];
            phiTy[2] += Y[i];
        }
        return covariance.operate(new ArrayRealVector(phiTy).mapDivide(SIGMA * SIGMA)).toArray();
    }

    @Test
    void networkPotentialIsSampledToTheExactPosterior() {
        RealMatrix covariance = covariance();
        double[] mean = mean(covariance);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(ModelSpec.regressionMlp(2, new int[0], 0.01, null), root)) {
            new Hmc().prepare(model);
            model.likelihood().parameters().get(0).getArray().set(new ai.djl.ndarray.index.NDIndex("..."),
                    (float) Math.log(SIGMA));
            DenseExamples data = new DenseExamples(X, Y);
            int[] rows = java.util.stream.IntStream.range(0, N).toArray();
            NDArray x = data.features(model.manager(), rows);
            NDArray y = data.targets(model.manager(), rows);
            NetworkPotential potential = new NetworkPotential(model, Priors.parse("gaussian:" + PRIOR_STD), x, y, 1.0, false);
            assertEquals(3, potential.weights().size());
            Seeds.seedEngine(3);

            // the gradient at a point is Σ⁻¹(θ − m): the closed-form posterior's
            double[] at = {0.1, 0.2, -0.3};
            double[] g = new double[3];
            potential.valueAndGradient(at, g);
            double[] expected = new LUDecomposition(covariance).getSolver().solve(new ArrayRealVector(
                    new double[] {at[0] - mean[0], at[1] - mean[1], at[2] - mean[2]})).toArray();
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[i], g[i], 1e-3 * (1 + Math.abs(expected[i])), "∂U/∂θ" + i);
            }

            // θ's order in PointWeights: the weight [out=1, in=2], then the bias
            HamiltonianSampler sampler = new HamiltonianSampler();
            SplittableRandom random = new SplittableRandom(21);
            double[] theta = mean.clone();
            int burnIn = 50;
            int iterations = 1500;
            double[][] draws = new double[iterations - burnIn][];
            int accepted = 0;
            for (int i = 0; i < iterations; i++) {
                HamiltonianSampler.Transition t = sampler.transition(potential, theta, 0.03, 6, random.split());
                theta = t.theta();
                accepted += t.accepted() ? 1 : 0;
                if (i >= burnIn) {
                    draws[i - burnIn] = theta;
                }
            }
            assertTrue(accepted > 0.6 * iterations, "acceptance " + accepted / (double) iterations);
            List<String> failures = MomentCheck.failures(draws, mean, covariance.getData(), 4);
            assertTrue(failures.isEmpty(), failures.toString());
        }
    }
}
