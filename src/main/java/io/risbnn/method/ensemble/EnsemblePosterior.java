package io.risbnn.method.ensemble;

import io.risbnn.eval.Predictive;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.GaussianLikelihood;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.NoiseModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.ExampleSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The uniform mixture of K member networks. Network s of {@link #sampled} is member s mod K (a
 * multiple of K weighs the members equally; the seed is not used: the members are the posterior).
 * Regression members each have their own noise: their outputs are given as (mean, log σ_k²), read by the
 * per-example {@link NoiseModel}, whatever the members' head. For regression the method also offers the
 * mixture's moment-matched Gaussian ({@value #GAUSSIAN}: mean of the members' means, their variance as
 * the epistemic part, the mean σ² as noise), the predictive Lakshminarayanan et al. report.
 */
public final class EnsemblePosterior implements PosteriorOutputs {
    /** The name of the regression mixture's moment-matched Gaussian predictive. */
    public static final String GAUSSIAN = "gaussian";

    private final List<BayesianModel> members;
    private final boolean regression;
    /** The last inputs' member outputs: evaluation asks for sampled networks and the Gaussian of the same set. */
    private ExampleSet cachedInputs;
    private double[][][] cachedOutputs;

    /**
     * The mixture of trained member models.
     *
     * @param members K ≥ 1 models of one architecture (not closed by this view)
     */
    public EnsemblePosterior(List<BayesianModel> members) {
        this.members = List.copyOf(members);
        this.regression = members.get(0).likelihood() instanceof GaussianLikelihood;
    }

    /**
     * The mixture of stored networks (name → array, as {@code BnnTrainer.namedParametersOf} names them),
     * each loaded into its own copy of {@code model}'s architecture: ensemble members, kept MCMC samples.
     *
     * @param model gives the architecture and the parent manager of the copies
     * @param stored the networks' arrays by checkpoint name, one map per network
     * @param what names the networks in errors, e.g. {@code member}
     * @return the uniform mixture of the stored networks
     */
    public static EnsemblePosterior ofStored(io.risbnn.model.BayesianModel model,
                                             List<java.util.Map<String, ai.djl.ndarray.NDArray>> stored, String what) {
        if (stored.isEmpty()) {
            throw new IllegalStateException("the " + what + " holds no network");
        }
        List<BayesianModel> networks = new ArrayList<>();
        for (java.util.Map<String, ai.djl.ndarray.NDArray> arrays : stored) {
            BayesianModel copy = model.newInstance(model.manager());
            for (io.risbnn.train.NamedParameter p : io.risbnn.train.BnnTrainer.namedParametersOf(copy)) {
                ai.djl.ndarray.NDArray array = arrays.get(p.name());
                if (array == null) {
                    throw new io.risbnn.RisbnnException(what + " network lacks array " + p.name());
                }
                p.array().set(new ai.djl.ndarray.index.NDIndex("..."), array);
            }
            networks.add(copy);
        }
        return new EnsemblePosterior(networks);
    }

    /**
     * K, the member networks.
     *
     * @return K
     */
    public int size() {
        return members.size();
    }

    /** Each member's outputs [K][N][out] (regression: [K][N][2], mean and log σ²). */
    double[][][] memberOutputs(ExampleSet inputs) {
        if (inputs != cachedInputs) {
            cachedOutputs = computeMemberOutputs(inputs);
            cachedInputs = inputs;
        }
        return cachedOutputs;
    }

    private double[][][] computeMemberOutputs(ExampleSet inputs) {
        double[][][] out = new double[members.size()][][];
        for (int k = 0; k < members.size(); k++) {
            BayesianModel member = members.get(k);
            double[][] raw = Predictive.moment(member, inputs)[0];
            if (regression && !((GaussianLikelihood) member.likelihood()).heteroscedastic()) {
                double logVariance = 2 * Math.log(((GaussianLikelihood) member.likelihood()).noiseStd());
                double[][] withNoise = new double[raw.length][];
                for (int i = 0; i < raw.length; i++) {
                    withNoise[i] = new double[] {raw[i][0], logVariance};
                }
                raw = withNoise;
            }
            out[k] = raw;
        }
        return out;
    }

    @Override
    public double[][][] sampled(ExampleSet inputs, int samples, long seed) {
        double[][][] byMember = memberOutputs(inputs);
        double[][][] out = new double[samples][][];
        for (int s = 0; s < samples; s++) {
            out[s] = byMember[s % byMember.length];
        }
        return out;
    }

    @Override
    public List<GaussianOutputs> predictives(ExampleSet inputs) {
        if (!regression) {
            return List.of();
        }
        double[][][] byMember = memberOutputs(inputs);
        int n = inputs.size();
        int k = byMember.length;
        double[][] mean = new double[n][2];
        double[][] variance = new double[n][2];
        for (int i = 0; i < n; i++) {
            double m = 0;
            double noise = 0;
            for (double[][] member : byMember) {
                m += member[i][0];
                noise += Math.exp(member[i][1]);
            }
            m /= k;
            double spread = 0;
            for (double[][] member : byMember) {
                spread += (member[i][0] - m) * (member[i][0] - m);
            }
            mean[i][0] = m;
            variance[i][0] = spread / k;
            mean[i][1] = Math.log(noise / k);   // E σ² = e^{mean[1] + variance[1]/2} with variance[1] = 0
        }
        List<GaussianOutputs> out = new ArrayList<>();
        out.add(new GaussianOutputs(GAUSSIAN, mean, variance, true));
        return out;
    }

    @Override
    public String ownPredictive() {
        return SAMPLED;
    }

    @Override
    public NoiseModel noise() {
        return regression ? NoiseModel.perExample() : null;
    }
}
