package io.risbnn.method;

import io.risbnn.RisbnnException;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.Estimators;
import io.risbnn.estimator.McSharedEstimator;
import io.risbnn.estimator.RisConfig;
import io.risbnn.train.TrainConfig;
import java.util.List;

/**
 * The inference methods by name. A run's method is recorded in its configuration's estimator slot:
 * a name of {@link #NON_VI} names that method, every estimator name names VI with that estimator, so
 * compare and uci lists mix them ({@code --methods mc-shared,ris,map,swag}).
 */
public final class Methods {
    /** SWAG with the low-rank plus diagonal covariance. */
    public static final String SWAG = "swag";
    /** SWAG with the diagonal covariance only. */
    public static final String SWAG_DIAG = "swag-diag";
    /** The Laplace approximation around the MAP network. */
    public static final String LAPLACE = "laplace";
    /** A deep ensemble of MAP networks. */
    public static final String ENSEMBLE = "ensemble";
    /** MC dropout. */
    public static final String MC_DROPOUT = "mc-dropout";
    /** Stochastic-gradient HMC. */
    public static final String SGHMC = "sghmc";
    /** Full-batch Hamiltonian Monte Carlo. */
    public static final String HMC = "hmc";
    /** Adversarial Sampling. */
    public static final String ADVERSARIAL = io.risbnn.method.adversarial.AdversarialSampling.NAME;
    /** Natural-gradient VI (VOGN). */
    public static final String VOGN = io.risbnn.method.vogn.Vogn.NAME;

    /** Method names besides VI's estimators. */
    public static final List<String> NON_VI = List.of(MaximumAPosteriori.NAME, SWAG, SWAG_DIAG, LAPLACE, ENSEMBLE,
            MC_DROPOUT, SGHMC, HMC, ADVERSARIAL, VOGN);

    private Methods() {}

    /**
     * A fresh instance of the configuration's method.
     *
     * @param config the run's configuration; its estimator field names the method
     * @return the method
     */
    public static InferenceMethod of(TrainConfig config) {
        return of(config.estimator());
    }

    /**
     * A fresh instance of the method of an entry of --estimators / --method (VI for an estimator name).
     *
     * @param name a method name of {@link #NON_VI}, or an estimator name
     * @return the method
     */
    public static InferenceMethod of(String name) {
        switch (name) {
            case MaximumAPosteriori.NAME:
                return new MaximumAPosteriori();
            case ENSEMBLE:
                return new io.risbnn.method.ensemble.DeepEnsemble();
            case LAPLACE:
                return new io.risbnn.method.laplace.Laplace();
            case HMC:
                return new io.risbnn.method.hmc.Hmc();
            case MC_DROPOUT:
                return new io.risbnn.method.dropout.MonteCarloDropout();
            case SGHMC:
                return new io.risbnn.method.sgmcmc.StochasticGradientHmc();
            case ADVERSARIAL:
                return new io.risbnn.method.adversarial.AdversarialSampling();
            case VOGN:
                return new io.risbnn.method.vogn.Vogn();
            case SWAG:
            case SWAG_DIAG:
                return new io.risbnn.method.swag.Swag(name.equals(SWAG));
            default:
                if (NON_VI.contains(name)) {
                    throw new RisbnnException("method '" + name + "' is not available in this build");
                }
                return new VariationalInference();
        }
    }

    /**
     * Whether a list entry names a method other than VI.
     *
     * @param name a method or estimator name
     * @return true if it is in {@link #NON_VI}
     */
    public static boolean isNonVi(String name) {
        return NON_VI.contains(name);
    }

    /**
     * The forward estimator of a list entry: mc-shared for the methods built on MAP's point mass, else VI's of that name.
     *
     * @param name a method or estimator name
     * @param ris the RIS options, for {@code ris}
     * @return the estimator
     * @throws io.risbnn.RisbnnException if {@code name} is neither a method nor an estimator
     */
    public static Estimator estimatorOf(String name, RisConfig ris) {
        if (isNonVi(name)) {
            return new McSharedEstimator();
        }
        return Estimators.byName(name, ris);
    }
}
