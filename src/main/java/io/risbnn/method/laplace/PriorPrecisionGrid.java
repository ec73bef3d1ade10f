package io.risbnn.method.laplace;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.risbnn.eval.Predictive;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.train.ExampleSet;
import java.util.List;

/**
 * The prior precision δ chosen on held-out rows (Daxberger et al. 2021's grid search): the δ of a log
 * grid over [1e-4, 1e4] (41 values, 0.2 decades apart) whose linearised predictive has the lowest mean
 * negative log-likelihood on the validation rows — the GLM Gaussian N(f, JΣJᵀ + σ²) for regression,
 * the probit predictive for classification (cheap enough to evaluate 41 times). Ties go to the smaller δ.
 */
final class PriorPrecisionGrid {
    static final int POINTS = 41;
    static final double LOG10_MIN = -4;
    static final double LOG10_MAX = 4;
    private static final double MIN_PROB = 1e-12;

    private PriorPrecisionGrid() {}

    static double[] grid() {
        double[] out = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            out[i] = Math.pow(10, LOG10_MIN + (LOG10_MAX - LOG10_MIN) * i / (POINTS - 1));
        }
        return out;
    }

    /** The grid's δ with the lowest validation NLL. */
    static double choose(BayesianModel model, Curvature curvature, boolean classification, ExampleSet validation) {
        double[] targets = targets(model, validation);
        double best = Double.NaN;
        double bestNll = Double.POSITIVE_INFINITY;
        LaplacePosterior posterior = new LaplacePosterior(model, curvature, Double.NaN, classification, true);
        try (NDManager m = model.manager().newSubManager()) {
            // the linearised passes do not depend on δ: run once, then only the output covariance per δ
            List<LinearisedPass.Batch> passes = posterior.passes(validation, m);
            for (double delta : grid()) {
                List<GaussianOutputs> predictives = posterior.predictives(passes, validation.size(), delta);
                GaussianOutputs own = predictives.stream().filter(g -> g.name().equals(posterior.ownPredictive()))
                        .findFirst().orElseThrow();
                double nll = nll(model, own, targets, classification);
                if (nll < bestNll) {
                    bestNll = nll;
                    best = delta;
                }
            }
        }
        return best;
    }

    /** Mean validation NLL of the posterior's own predictive (standardised units for regression). */
    static double nll(BayesianModel model, LaplacePosterior posterior, ExampleSet validation, double[] targets,
                      boolean classification) {
        return nll(model, posterior.own(validation).orElseThrow(), targets, classification);
    }

    private static double nll(BayesianModel model, GaussianOutputs own, double[] targets, boolean classification) {
        int n = targets.length;
        double sum = 0;
        if (classification) {
            double[] p = new double[own.mean()[0].length];
            for (int i = 0; i < n; i++) {
                Predictive.softmaxRow(own.mean()[i], p);
                sum -= Math.log(Math.max(MIN_PROB, p[(int) targets[i]]));
            }
        } else {
            double sigma = ((GaussianLikelihood) model.likelihood()).noiseStd();
            for (int i = 0; i < n; i++) {
                double var = own.variance()[i][0] + sigma * sigma;
                double r = targets[i] - own.mean()[i][0];
                sum += 0.5 * Math.log(2 * Math.PI * var) + r * r / (2 * var);
            }
        }
        return sum / n;
    }

    private static double[] targets(BayesianModel model, ExampleSet data) {
        int[] rows = new int[data.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        try (NDManager m = model.manager().newSubManager()) {
            return data.targets(m, rows).toType(DataType.FLOAT64, false).toDoubleArray();
        }
    }
}
