package io.risbnn.method.laplace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.risbnn.eval.Predictive;
import io.risbnn.method.PointWeights;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.NoiseModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.posterior.VariationalPosterior;
import io.risbnn.train.ExampleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The Laplace posterior N(θ*, Σ), Σ = (H + δI)⁻¹, and its predictives:
 * <ul>
 *   <li>{@value #GLM}: the linearised network's (GLM) predictive f(x, θ*) + J(x)(θ − θ*), a Gaussian
 *       over the outputs with mean f(x, θ*) and covariance J(x) Σ J(x)ᵀ (full [C][C] per example for a
 *       classifier; evaluation takes E softmax over it by Monte Carlo);</li>
 *   <li>{@value #PROBIT} (classifiers): the probit approximation E softmax(f) ≈ softmax(m/√(1 + π v/8))
 *       (MacKay 1992), given as a point prediction of the scaled logits;</li>
 *   <li>sampled: networks with θ ~ N(θ*, Σ) applied without linearisation (the "NN predictive").</li>
 * </ul>
 * Own predictive: {@value #GLM} for regression; for classification {@value #PROBIT} under the probit
 * link, {@value #GLM} under the mc link.
 */
public final class LaplacePosterior implements PosteriorOutputs {
    /** The name of the linearised network's Gaussian predictive. */
    public static final String GLM = "glm";
    /** The name of the probit-approximated predictive (classifiers). */
    public static final String PROBIT = "glm-probit";
    /** Examples per linearised pass. */
    private static final int CHUNK = 256;

    private final BayesianModel model;
    private final Curvature curvature;
    private final double priorPrecision;
    private final boolean classification;
    private final boolean probit;

    LaplacePosterior(BayesianModel model, Curvature curvature, double priorPrecision, boolean classification,
                     boolean probit) {
        this.model = model;
        this.curvature = curvature;
        this.priorPrecision = priorPrecision;
        this.classification = classification;
        this.probit = probit;
    }

    /**
     * δ, the prior precision of the posterior.
     *
     * @return δ
     */
    public double priorPrecision() {
        return priorPrecision;
    }

    @Override
    public double[][][] sampled(ExampleSet inputs, int samples, long seed) {
        PointWeights weights = PointWeights.of(model);
        double[] map = weights.toDoubleArray();
        double[][][] out = new double[samples][][];
        try {
            for (int k = 0; k < samples; k++) {
                SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (k + 1)));
                double[] theta = map.clone();
                curvature.addSample(theta, random, priorPrecision, model.manager());
                weights.assign(theta, model.manager());
                out[k] = Predictive.moment(model, inputs)[0];
            }
        } finally {
            weights.assign(map, model.manager());
        }
        return out;
    }

    @Override
    public List<GaussianOutputs> predictives(ExampleSet inputs) {
        try (NDManager m = model.manager().newSubManager()) {
            return predictives(passes(inputs, m), inputs.size(), priorPrecision);
        }
    }

    /**
     * The linearised passes over {@code inputs} (outputs, recorded layer inputs and Jacobian factors at
     * θ*), in chunks, kept in {@code manager}: they do not depend on δ, so a caller comparing several δ
     * ({@link PriorPrecisionGrid}) runs them once.
     */
    List<LinearisedPass.Batch> passes(ExampleSet inputs, NDManager manager) {
        int n = inputs.size();
        List<LinearisedPass.Batch> out = new ArrayList<>();
        for (int from = 0; from < n; from += CHUNK) {
            int to = Math.min(n, from + CHUNK);
            int[] rows = new int[to - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            out.add(LinearisedPass.run(model, inputs.features(manager, rows), curvature.recordedLayers(),
                    curvature.needsGradients(), manager));
        }
        return out;
    }

    /** The predictives of {@code n} inputs from their {@link #passes}, with prior precision {@code delta}. */
    List<GaussianOutputs> predictives(List<LinearisedPass.Batch> passes, int n, double delta) {
        int c = model.likelihood().outputSize();
        double[][] mean = new double[n][c];
        double[][] variance = new double[n][c];
        double[][][] covariance = new double[n][c][c];
        int from = 0;
        for (LinearisedPass.Batch batch : passes) {
            int rows = (int) batch.outputs().getShape().get(0);
            try (NDManager m = model.manager().newSubManager()) {
                double[] f = batch.outputs().toDoubleArray();
                NDArray cov = curvature.outputCovariance(batch, delta, m);
                double[] v = cov.toDoubleArray();
                for (int i = 0; i < rows; i++) {
                    for (int a = 0; a < c; a++) {
                        mean[from + i][a] = f[i * c + a];
                        for (int b = 0; b < c; b++) {
                            covariance[from + i][a][b] = v[(i * c + a) * c + b];
                        }
                        variance[from + i][a] = covariance[from + i][a][a];
                    }
                }
            }
            from += rows;
        }
        List<GaussianOutputs> out = new ArrayList<>();
        out.add(new GaussianOutputs(GLM, mean, variance, true, classification ? covariance : null));
        if (classification) {
            double[][] scaled = new double[n][c];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < c; a++) {
                    scaled[i][a] = mean[i][a] / Math.sqrt(1 + Math.PI / 8 * variance[i][a]);
                }
            }
            out.add(GaussianOutputs.point(PROBIT, scaled));
        }
        return out;
    }

    @Override
    public String ownPredictive() {
        return classification && probit ? PROBIT : GLM;
    }

    @Override
    public NoiseModel noise() {
        return VariationalPosterior.noiseOf(model);
    }
}
