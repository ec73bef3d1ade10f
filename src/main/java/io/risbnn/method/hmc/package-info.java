/**
 * Full-batch Hamiltonian Monte Carlo over a network's weights (Neal 2011; Izmailov et al. 2021): the
 * sampler core on a flat vector and an explicit potential ({@link io.risbnn.method.hmc.HamiltonianSampler},
 * {@link io.risbnn.method.hmc.Potential}), the network's potential ({@link io.risbnn.method.hmc.NetworkPotential}),
 * step-size adaptation ({@link io.risbnn.method.hmc.DualAveraging}), convergence figures
 * ({@link io.risbnn.method.hmc.ChainDiagnostics}) and the method that plugs them into a run as its step rule
 * ({@link io.risbnn.method.hmc.Hmc}).
 */
package io.risbnn.method.hmc;
