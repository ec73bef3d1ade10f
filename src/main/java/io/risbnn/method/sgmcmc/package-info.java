/**
 * Stochastic-gradient MCMC for networks where full-batch HMC is out of reach: SGHMC (Chen, Fox &amp;
 * Guestrin 2014) with the cyclical step-size schedule and sample-collection rule of cSG-MCMC (Zhang et
 * al. 2020). The chain is the point-mass network's weights; the kept samples form a uniform mixture.
 * {@link io.risbnn.method.sgmcmc.CyclicalSchedule} is the schedule, {@link io.risbnn.method.sgmcmc.SghmcStep}
 * one update, {@link io.risbnn.method.sgmcmc.StochasticGradientHmc} the method.
 */
package io.risbnn.method.sgmcmc;
