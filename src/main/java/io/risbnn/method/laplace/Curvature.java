package io.risbnn.method.laplace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.risbnn.nn.VariationalBlock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Gauss–Newton approximation H ≈ Σ_n J_nᵀ Λ_n J_n over some of θ, and the Gaussian posterior
 * N(θ*, (H + δI)⁻¹) it gives with an isotropic prior precision δ: filled batch by batch, then
 * completed (eigen-decomposed), after which it can sample weights and linearise predictions.
 */
interface Curvature {
    /** The layers whose inputs (and, if {@link #needsGradients}, pre-activation gradients) a batch must record. */
    List<VariationalBlock> recordedLayers();

    boolean needsGradients();

    /** Adds the batch's Σ_n J_nᵀ Λ_n J_n. */
    void add(LinearisedPass.Batch batch, OutputHessian hessian);

    /** Ends accumulation: scales the sums by {@code scale} (N over the examples summed) and decomposes them. */
    void complete(double scale);

    /** H's eigenvalues in its approximation (diag: its entries; kfac: products of the factors' eigenvalues). */
    double[] eigenvalues();

    /** ‖θ*‖² over the covered parameters, θ in {@link io.risbnn.method.PointWeights} order. */
    double squaredNorm(double[] theta);

    /** Adds a draw from N(0, (H + δI)⁻¹) to θ (PointWeights order). */
    void addSample(double[] theta, SplittableRandom random, double delta, NDManager scratch);

    /** J(x) (H + δI)⁻¹ J(x)ᵀ for a recorded batch: [B, C, C] float64 in {@code scratch}. */
    NDArray outputCovariance(LinearisedPass.Batch batch, double delta, NDManager scratch);

    /** The completed factors, by name, for a checkpoint. */
    Map<String, NDArray> state();
}
