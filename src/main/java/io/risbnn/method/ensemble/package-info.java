/**
 * Deep ensembles (Lakshminarayanan et al. 2017): {@link io.risbnn.method.ensemble.DeepEnsemble} trains K
 * MAP members one after the other in the run loop ({@link io.risbnn.method.MemberTraining}), keeping the
 * finished ones in the checkpoint; {@link io.risbnn.method.ensemble.EnsemblePosterior} is their uniform
 * mixture (and, for regression, its moment-matched Gaussian).
 */
package io.risbnn.method.ensemble;
