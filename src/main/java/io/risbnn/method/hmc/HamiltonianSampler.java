package io.risbnn.method.hmc;

import java.util.SplittableRandom;

/**
 * One HMC transition (Neal 2011, §5.3.2): momenta p ~ N(0, I), L leapfrog steps of size ε, and a
 * Metropolis–Hastings test; a proposal whose energy is not finite is rejected (a divergence). The core
 * works on a flat double[] and an explicit {@link Potential}, so it is tested without a network.
 * Cost: L + 1 gradient evaluations per transition (the gradient at the start is recomputed, not cached,
 * so a resumed run does exactly what the uninterrupted one does).
 */
public final class HamiltonianSampler {
    /** The result of a transition: the new state (θ itself when rejected) and what the test saw. */
    public record Transition(double[] theta, double potential, boolean accepted, double acceptProbability,
                             double energyError) {}

    /** Where a trajectory ended. */
    public record Trajectory(double[] theta, double[] momentum, double potential) {}

    private final Acceptance acceptance;

    /** A sampler with the Metropolis–Hastings test. */
    public HamiltonianSampler() {
        this(Acceptance.METROPOLIS);
    }

    /**
     * A sampler with a given acceptance rule.
     *
     * @param acceptance computes log α of a trajectory
     */
    public HamiltonianSampler(Acceptance acceptance) {
        this.acceptance = acceptance;
    }

    /**
     * A transition from θ (not modified); momenta and the uniform of the test come from {@code random}.
     *
     * @param potential U and its gradient
     * @param theta the current state
     * @param stepSize ε, &gt; 0
     * @param leapfrogSteps L, ≥ 1
     * @param random the stream of the momenta p ~ N(0, I) and the test's uniform
     * @return the transition: the next state and its potential, whether the proposal was accepted, α and the energy error
     */
    public Transition transition(Potential potential, double[] theta, double stepSize, int leapfrogSteps,
                                 SplittableRandom random) {
        double[] p = new double[theta.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = gaussian(random);
        }
        double logU = Math.log(random.nextDouble());
        double[] gradient = new double[theta.length];
        double u = potential.valueAndGradient(theta, gradient);
        double k = kinetic(p);
        Trajectory end = leapfrog(potential, theta, p, gradient, stepSize, leapfrogSteps);
        double kNew = kinetic(end.momentum());
        double energyError = (end.potential() + kNew) - (u + k);
        double logRatio = acceptance.logRatio(u, k, end.potential(), kNew);
        if (!Double.isFinite(energyError) || Double.isNaN(logRatio)) {
            return new Transition(theta.clone(), u, false, 0, energyError);
        }
        double probability = Math.min(1, Math.exp(logRatio));
        boolean accepted = logU < logRatio;
        return accepted ? new Transition(end.theta(), end.potential(), true, probability, energyError)
                : new Transition(theta.clone(), u, false, probability, energyError);
    }

    /**
     * L leapfrog steps from (θ, p) with ∇U(θ) given: half a momentum step, L − 1 alternating full steps,
     * a last position step and half a momentum step. Inputs are not modified. Stops early (with a
     * non-finite potential) once the energy has diverged.
     *
     * @param potential U and its gradient
     * @param theta the start position
     * @param momentum the start momentum
     * @param gradientAtTheta ∇U(θ)
     * @param stepSize ε
     * @param leapfrogSteps L
     * @return the end point of the trajectory
     */
    public static Trajectory leapfrog(Potential potential, double[] theta, double[] momentum, double[] gradientAtTheta,
                                      double stepSize, int leapfrogSteps) {
        double[] q = theta.clone();
        double[] p = momentum.clone();
        double[] g = gradientAtTheta.clone();
        double u = Double.NaN;
        for (int i = 0; i < p.length; i++) {
            p[i] -= 0.5 * stepSize * g[i];
        }
        for (int l = 0; l < leapfrogSteps; l++) {
            for (int i = 0; i < q.length; i++) {
                q[i] += stepSize * p[i];
            }
            u = potential.valueAndGradient(q, g);
            if (!Double.isFinite(u)) {
                return new Trajectory(q, p, Double.POSITIVE_INFINITY);
            }
            double factor = l == leapfrogSteps - 1 ? 0.5 : 1.0;
            for (int i = 0; i < p.length; i++) {
                p[i] -= factor * stepSize * g[i];
            }
        }
        return new Trajectory(q, p, u);
    }

    /**
     * The kinetic energy K(p) = ½ Σ p² (unit mass matrix).
     *
     * @param p a momentum
     * @return K(p)
     */
    public static double kinetic(double[] p) {
        double s = 0;
        for (double v : p) {
            s += v * v;
        }
        return 0.5 * s;
    }

    /** A standard normal draw (Box–Muller; SplittableRandom has no nextGaussian on Java 17). */
    static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();   // in (0, 1]
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
