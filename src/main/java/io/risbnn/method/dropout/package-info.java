/**
 * MC dropout (Gal &amp; Ghahramani 2016) as an inference method: {@link io.risbnn.method.dropout.MonteCarloDropout}
 * trains a network built with {@link io.risbnn.nn.McDropout} blocks (a {@link io.risbnn.model.ModelSpec} with a
 * dropout rate, see {@link io.risbnn.method.dropout.DropoutOptions#applyTo}) as MAP, and
 * {@link io.risbnn.method.dropout.DropoutPosterior} predicts with T dropout passes (each pass one thinned network
 * shared by all inputs) and, deterministically, with the mean network (dropout off).
 */
package io.risbnn.method.dropout;
