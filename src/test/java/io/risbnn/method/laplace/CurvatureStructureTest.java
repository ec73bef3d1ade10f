package io.risbnn.method.laplace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.risbnn.estimator.ForwardContext;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.method.PointWeights;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.Objective;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.Seeds;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * diag and K-FAC against the full Gauss–Newton Σ_n J_nᵀ Λ_n J_n of a tiny MLP, with J_n from plain
 * autograd of each output with respect to every weight (independent of the probe trick): diag is its
 * diagonal exactly, K-FAC its layer blocks exactly for one example, approximately for several.
 */
class CurvatureStructureTest {
    private static final double SIGMA = 0.5;

    private static double[][] inputs(int n, int width, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][width];
        for (double[] row : x) {
            for (int j = 0; j < width; j++) {
                row[j] = r.nextGaussian();
            }
        }
        return x;
    }

    /** J [C][P] of one example's outputs with respect to θ (PointWeights order), by autograd. */
    private static double[][] jacobian(BayesianModel model, double[] x) {
        PointWeights weights = PointWeights.of(model);
        int c = model.likelihood().outputSize();
        double[][] out = new double[c][(int) weights.size()];
        for (NamedParameter p : weights.parameters()) {
            p.array().setRequiresGradient(true);
        }
        for (int k = 0; k < c; k++) {
            try (NDManager m = model.manager().newSubManager();
                 GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                double[][] before = new double[weights.parameters().size()][];
                for (int i = 0; i < before.length; i++) {
                    before[i] = grad(weights.parameters().get(i).array());
                }
                NDArray f = model.forward(m.create(new float[][] {toFloat(x)}),
                        new ForwardContext(new McSharedEstimator(), Objective.ELBO, 1), false);
                collector.backward(f.get("..., " + k).sum());
                int at = 0;
                for (int i = 0; i < before.length; i++) {
                    double[] after = grad(weights.parameters().get(i).array());
                    for (int j = 0; j < after.length; j++) {
                        out[k][at + j] = after[j] - before[i][j];
                    }
                    at += after.length;
                }
            }
        }
        return out;
    }

    private static double[] grad(NDArray a) {
        return a.getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** Σ_n J_nᵀ Λ_n J_n. */
    private static double[][] fullGaussNewton(BayesianModel model, double[][] x, boolean classification) {
        int p = (int) PointWeights.of(model).size();
        double[][] h = new double[p][p];
        for (double[] xn : x) {
            double[][] j = jacobian(model, xn);
            int c = j.length;
            double[][] lambda = new double[c][c];
            if (classification) {
                double[] f = io.risbnn.eval.Predictive.moment(model, new DenseExamples(new double[][] {xn}, new double[1]))[0][0];
                double[] prob = new double[c];
                double z = 0;
                for (int k = 0; k < c; k++) {
                    prob[k] = Math.exp(f[k]);
                    z += prob[k];
                }
                for (int a = 0; a < c; a++) {
                    for (int b = 0; b < c; b++) {
                        lambda[a][b] = (a == b ? prob[a] / z : 0) - prob[a] * prob[b] / (z * z);
                    }
                }
            } else {
                lambda[0][0] = 1 / (SIGMA * SIGMA);
            }
            for (int a = 0; a < c; a++) {
                for (int b = 0; b < c; b++) {
                    for (int u = 0; u < p; u++) {
                        for (int v = 0; v < p; v++) {
                            h[u][v] += lambda[a][b] * j[a][u] * j[b][v];
                        }
                    }
                }
            }
        }
        return h;
    }

    private static BayesianModel model(boolean classification, NDManager root) {
        Seeds.seedEngine(3);
        ModelSpec spec = classification ? ModelSpec.classifierMlp(3, new int[] {4}, 3, 0.01, null)
                : ModelSpec.regressionMlp(3, new int[] {4}, 0.01, null);
        BayesianModel model = Models.build(spec, root);
        new io.risbnn.method.MaximumAPosteriori().prepare(model);         // the point mass: J is the MAP network's
        // move the weights off their initialisation so ReLUs are mixed and the outputs spread
        PointWeights w = PointWeights.of(model);
        double[] theta = new double[(int) w.size()];
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < theta.length; i++) {
            theta[i] = r.nextGaussian();
        }
        w.assign(theta, model.manager());
        if (!classification) {
            LaplaceFixtures.setNoise(model, SIGMA);
        }
        return model;
    }

    private static LayerwiseCurvature fit(BayesianModel model, String structure, double[][] x) {
        Laplace laplace = new Laplace();
        laplace.prepare(model);
        laplace.finish(model, LaplaceFixtures.config(structure, "1"), new DenseExamples(x, new double[x.length]));
        return (LayerwiseCurvature) laplace.curvature();
    }

    @Test
    void diagIsTheDiagonalOfTheFullGaussNewton() {
        for (boolean classification : new boolean[] {false, true}) {
            try (NDManager root = NDManager.newBaseManager(); BayesianModel model = model(classification, root)) {
                double[][] x = inputs(12, 3, 1);
                double[][] full = fullGaussNewton(model, x, classification);
                double[] diag = fit(model, "diag", x).diagonalInTheta(full.length);
                for (int i = 0; i < full.length; i++) {
                    assertEquals(full[i][i], diag[i], 1e-5 * (1 + Math.abs(full[i][i])), "diagonal entry " + i);
                }
            }
        }
    }

    @Test
    void kfacIsExactForOneExampleAndCloseForSeveral() {
        for (boolean classification : new boolean[] {false, true}) {
            try (NDManager root = NDManager.newBaseManager(); BayesianModel model = model(classification, root)) {
                double[][] one = inputs(1, 3, 2);
                double[][] full = fullGaussNewton(model, one, classification);
                LayerwiseCurvature kfac = fit(model, "kfac", one);
                List<DenseSlots> layers = slots(model);
                for (int l = 0; l < layers.size(); l++) {
                    double err = blockError(full, kfac.block(l), layers.get(l));
                    assertTrue(err < 1e-5, "one example, layer " + l + ": relative error " + err);
                }
                double[][] many = inputs(40, 3, 4);
                full = fullGaussNewton(model, many, classification);
                kfac = fit(model, "kfac", many);
                for (int l = 0; l < layers.size(); l++) {
                    double err = blockError(full, kfac.block(l), layers.get(l));
                    System.out.printf("kfac vs full GGN, %s, 40 examples, layer %d: relative Frobenius error %.4f%n",
                            classification ? "classifier" : "regression", l, err);
                    assertTrue(err < 0.8, "40 examples, layer " + l + ": relative error " + err);
                    if (l == 0) {     // the hidden layer: G_n and A_n vary together, K-FAC is an approximation
                        assertTrue(err > 1e-3, "K-FAC is not exact for several examples: " + err);
                    }
                }
            }
        }
    }

    private static List<DenseSlots> slots(BayesianModel model) {
        PointWeights w = PointWeights.of(model);
        return model.variationalLayers().stream().map(l -> DenseSlots.of(w, l)).toList();
    }

    /** ‖K − H_l‖_F / ‖H_l‖_F with H_l the full Gauss–Newton's block of the layer, in [W | b] order. */
    private static double blockError(double[][] full, double[][] block, DenseSlots slots) {
        int cols = slots.columns();
        double diff = 0;
        double norm = 0;
        for (int a = 0; a < block.length; a++) {
            for (int b = 0; b < block.length; b++) {
                double h = full[slots.thetaIndex(a / cols, a % cols)][slots.thetaIndex(b / cols, b % cols)];
                diff += Math.pow(block[a][b] - h, 2);
                norm += h * h;
            }
        }
        return Math.sqrt(diff / norm);
    }
}
