package io.risbnn.estimator;

import ai.djl.ndarray.NDArray;

/**
 * The linear part W ⋆ x of a layer (a dense product or a convolution), in the forms the estimators
 * need: with one kernel shared by the batch (means and variances: m = x ⋆ μ, v = x² ⋆ s²), and with
 * one kernel sample per group of rows (sampled networks).
 */
public interface LinearMap {
    /**
     * x ⋆ W for a batch x [B, …] and one kernel; no bias. Also used for variances (x² ⋆ s²).
     *
     * @param input the batch [B, …input feature shape]
     * @param kernel one kernel, of the layer's weight shape
     * @return the product [B, k, …] with k output features (channels)
     */
    NDArray apply(NDArray input, NDArray kernel);

    /**
     * Rows of {@code input} come in {@code kernels.size(0)} stream-major groups [M·B, …]; group j uses
     * kernel j of {@code kernels} [M, …kernel shape]. Returns [M·B, …] without bias.
     *
     * @param input M stacked batches [M·B, …], stream-major
     * @param kernels M kernel samples [M, …kernel shape]
     * @return the per-group products [M·B, k, …], without bias
     */
    NDArray applyPerGroup(NDArray input, NDArray kernels);

    /**
     * Adds a bias vector [k] along the output-feature (channel) axis of output [B, k, …].
     *
     * @param output the product [B, k, …]
     * @param bias the bias [k] (or a variance [k] when propagating variances)
     * @return {@code output} plus the bias broadcast over batch and spatial axes
     */
    NDArray addBias(NDArray output, NDArray bias);

    /**
     * Adds one bias sample per row group: output [M·B, k, …], biases [M, k].
     *
     * @param output the per-group products [M·B, k, …], stream-major
     * @param biases M bias samples [M, k]; group j gets row j
     * @return {@code output} with each group's bias added
     */
    NDArray addBiasPerGroup(NDArray output, NDArray biases);

    /**
     * True for a dense product (the weight-space reference form of RIS needs one).
     *
     * @return true for a dense layer, false for a convolution
     */
    boolean isDense();

    /**
     * Σ_r (∂ℓ_r/∂W)² over the rows r of a batch: the sum of squared per-example kernel gradients, shaped as
     * the kernel, from the layer's input rows and the gradient {@code outputGradient} of each row's loss
     * with respect to the row's pre-activation (exact per-example gradients, not the squared batch gradient).
     *
     * @param input the layer's input rows [R, …]
     * @param outputGradient ∂ℓ_r/∂(pre-activation of row r), [R, k, …]
     * @param kernelShape the shape of the layer's kernel
     * @return Σ_r (∂ℓ_r/∂W)², shaped {@code kernelShape}
     */
    NDArray squaredExampleGradients(NDArray input, NDArray outputGradient, ai.djl.ndarray.types.Shape kernelShape);

    /**
     * Σ_r (∂ℓ_r/∂b)² for the bias [k], from the same per-row pre-activation gradients.
     *
     * @param outputGradient ∂ℓ_r/∂(pre-activation of row r), [R, k, …]
     * @return Σ_r (∂ℓ_r/∂b)², shaped [k]
     */
    NDArray squaredExampleBiasGradients(NDArray outputGradient);
}
