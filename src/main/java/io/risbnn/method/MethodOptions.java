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
    public static MethodOptions defaults() {
        return new MethodOptions(SwagOptions.defaults(), LaplaceOptions.defaults(), EnsembleOptions.defaults(),
                DropoutOptions.defaults(), SgmcmcOptions.defaults(), HmcOptions.defaults(), AdversarialOptions.defaults(),
                VognOptions.defaults());
    }

    public MethodOptions withSwag(SwagOptions o) {
        return new MethodOptions(o, laplace, ensemble, dropout, sgmcmc, hmc, adversarial, vogn);
    }

    public MethodOptions withLaplace(LaplaceOptions o) {
        return new MethodOptions(swag, o, ensemble, dropout, sgmcmc, hmc, adversarial, vogn);
    }

    public MethodOptions withEnsemble(EnsembleOptions o) {
        return new MethodOptions(swag, laplace, o, dropout, sgmcmc, hmc, adversarial, vogn);
    }

    public MethodOptions withDropout(DropoutOptions o) {
        return new MethodOptions(swag, laplace, ensemble, o, sgmcmc, hmc, adversarial, vogn);
    }

    public MethodOptions withSgmcmc(SgmcmcOptions o) {
        return new MethodOptions(swag, laplace, ensemble, dropout, o, hmc, adversarial, vogn);
    }

    public MethodOptions withHmc(HmcOptions o) {
        return new MethodOptions(swag, laplace, ensemble, dropout, sgmcmc, o, adversarial, vogn);
    }

    public MethodOptions withAdversarial(AdversarialOptions o) {
        return new MethodOptions(swag, laplace, ensemble, dropout, sgmcmc, hmc, o, vogn);
    }

    /** As the others, with VOGN's options. */
    public MethodOptions withVogn(VognOptions o) {
        return new MethodOptions(swag, laplace, ensemble, dropout, sgmcmc, hmc, adversarial, o);
    }

    @Override
    public SwagOptions swag() {
        return swag != null ? swag : SwagOptions.defaults();
    }

    @Override
    public LaplaceOptions laplace() {
        return laplace != null ? laplace : LaplaceOptions.defaults();
    }

    @Override
    public EnsembleOptions ensemble() {
        return ensemble != null ? ensemble : EnsembleOptions.defaults();
    }

    @Override
    public DropoutOptions dropout() {
        return dropout != null ? dropout : DropoutOptions.defaults();
    }

    @Override
    public SgmcmcOptions sgmcmc() {
        return sgmcmc != null ? sgmcmc : SgmcmcOptions.defaults();
    }

    @Override
    public HmcOptions hmc() {
        return hmc != null ? hmc : HmcOptions.defaults();
    }

    @Override
    public AdversarialOptions adversarial() {
        return adversarial != null ? adversarial : AdversarialOptions.defaults();
    }

    @Override
    public VognOptions vogn() {
        return vogn != null ? vogn : VognOptions.defaults();
    }
}
