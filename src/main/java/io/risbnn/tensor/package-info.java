/**
 * Tensor helpers every package may use: {@link io.risbnn.tensor.Scalars}, constant arithmetic that is
 * safe under autograd, and {@link io.risbnn.tensor.MemoryLayout}. Where arrays live (CPU or GPU) is
 * {@code io.risbnn.runtime}'s concern.
 */
package io.risbnn.tensor;
