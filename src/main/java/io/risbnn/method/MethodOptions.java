package io.risbnn.method;

import io.risbnn.method.adversarial.AdversarialOptions;
import io.risbnn.method.dropout.DropoutOptions;
import io.risbnn.method.ensemble.EnsembleOptions;
import io.risbnn.method.hmc.HmcOptions;
import io.risbnn.method.laplace.LaplaceOptions;
import io.risbnn.method.sgmcmc.SgmcmcOptions;
import io.risbnn.method.swag.SwagOptions;
import io.risbnn.method.vogn.VognOptions;

/**
 * The options of every non-VI method, saved with the run's configuration; only the run's method reads
 * its own. A checkpoint written before a method existed has nulls here: the accessors give the defaults.
 */
public record MethodOptions(SwagOptions swag, LaplaceOptions laplace, EnsembleOptions ensemble, DropoutOptions dropout,
                            SgmcmcOptions sgmcmc, HmcOptions hmc, AdversarialOptions adversarial,
                            VognOptions vogn) {
    /**
     * Every method's default options.
     *
     * @return the defaults
     */
    public static MethodOptions defaults() {
        return new MethodOptions(SwagOptions.defaults(), LaplaceOptions.defaults(), EnsembleOptions.defaults(),
                DropoutOptions.defaults(), SgmcmcOptions.defaults(), HmcOptions.defaults(), AdversarialOptions.defaults(),
                VognOptions.defaults());
    }

    /**
     * A copy with SWAG's options replaced.
     *
     * @param o the options of swag and swag-diag
     * @return the new options
     */
    public MethodOptions withSwag(SwagOptions o) {
        return new MethodOptions(o, laplace, ensemble, dropout, sgmcmc, hmc, adversarial, vogn);
    }

    /**
     * A copy with Laplace's options replaced.
     *
     * @param o the options of laplace
     * @return the new options
     */
    public MethodOptions withLaplace(LaplaceOptions o) {
        return new MethodOptions(swag, o, ensemble, dropout, sgmcmc, hmc, adversarial, vogn);
    }

    /**
     * A copy with the deep ensemble's options replaced.
     *
     * @param o the options of ensemble
     * @return the new options
     */
    public MethodOptions withEnsemble(EnsembleOptions o) {
        return new MethodOptions(swag, laplace, o, dropout, sgmcmc, hmc, adversarial, vogn);
    }

    /**
     * A copy with MC dropout's options replaced.
     *
     * @param o the options of mc-dropout
     * @return the new options
     */
    public MethodOptions withDropout(DropoutOptions o) {
        return new MethodOptions(swag, laplace, ensemble, o, sgmcmc, hmc, adversarial, vogn);
    }

    /**
     * A copy with SG-MCMC's options replaced.
     *
     * @param o the options of sghmc
     * @return the new options
     */
    public MethodOptions withSgmcmc(SgmcmcOptions o) {
        return new MethodOptions(swag, laplace, ensemble, dropout, o, hmc, adversarial, vogn);
    }

    /**
     * A copy with HMC's options replaced.
     *
     * @param o the options of hmc
     * @return the new options
     */
    public MethodOptions withHmc(HmcOptions o) {
        return new MethodOptions(swag, laplace, ensemble, dropout, sgmcmc, o, adversarial, vogn);
    }

    /**
     * A copy with Adversarial Sampling's options replaced.
     *
     * @param o the options of adversarial sampling
     * @return the new options
     */
    public MethodOptions withAdversarial(AdversarialOptions o) {
        return new MethodOptions(swag, laplace, ensemble, dropout, sgmcmc, hmc, o, vogn);
    }

    /**
     * As the others, with VOGN's options.
     *
     * @param o the options of vogn
     * @return the new options
     */
    public MethodOptions withVogn(VognOptions o) {
        return new MethodOptions(swag, laplace, ensemble, dropout, sgmcmc, hmc, adversarial, o);
    }

    /**
     * SWAG's options, the defaults when none were stored.
     *
     * @return never null
     */
    @Override
    public SwagOptions swag() {
        return swag != null ? swag : SwagOptions.defaults();
    }

    /**
     * Laplace's options, the defaults when none were stored.
     *
     * @return never null
     */
    @Override
    public LaplaceOptions laplace() {
        return laplace != null ? laplace : LaplaceOptions.defaults();
    }

    /**
     * The ensemble's options, the defaults when none were stored.
     *
     * @return never null
     */
    @Override
    public EnsembleOptions ensemble() {
        return ensemble != null ? ensemble : EnsembleOptions.defaults();
    }

    /**
     * MC dropout's options, the defaults when none were stored.
     *
     * @return never null
     */
    @Override
    public DropoutOptions dropout() {
        return dropout != null ? dropout : DropoutOptions.defaults();
    }

    /**
     * SG-MCMC's options, the defaults when none were stored.
     *
     * @return never null
     */
    @Override
    public SgmcmcOptions sgmcmc() {
        return sgmcmc != null ? sgmcmc : SgmcmcOptions.defaults();
    }

    /**
     * HMC's options, the defaults when none were stored.
     *
     * @return never null
     */
    @Override
    public HmcOptions hmc() {
        return hmc != null ? hmc : HmcOptions.defaults();
    }

    /**
     * Adversarial Sampling's options, the defaults when none were stored.
     *
     * @return never null
     */
    @Override
    public AdversarialOptions adversarial() {
        return adversarial != null ? adversarial : AdversarialOptions.defaults();
    }

    /**
     * VOGN's options, the defaults when none were stored.
     *
     * @return never null
     */
    @Override
    public VognOptions vogn() {
        return vogn != null ? vogn : VognOptions.defaults();
    }
}
