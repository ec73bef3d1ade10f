package io.risbnn.method;

import io.risbnn.method.dropout.DropoutOptions;
import io.risbnn.method.ensemble.EnsembleOptions;
import io.risbnn.method.hmc.HmcOptions;
import io.risbnn.method.laplace.LaplaceOptions;
import io.risbnn.method.swag.SwagOptions;

/**
 * The options of every non-VI method, saved with the run's configuration; only the run's method reads
 * its own. A checkpoint written before a method existed has nulls here: the accessors give the defaults.
 */
public record MethodOptions(SwagOptions swag, LaplaceOptions laplace, EnsembleOptions ensemble, DropoutOptions dropout,
                            HmcOptions hmc) {
    public static MethodOptions defaults() {
        return new MethodOptions(SwagOptions.defaults(), LaplaceOptions.defaults(), EnsembleOptions.defaults(),
                DropoutOptions.defaults(), HmcOptions.defaults());
    }

    /** Without HMC's options (the form before HMC existed): its defaults. */
    public MethodOptions(SwagOptions swag, LaplaceOptions laplace, EnsembleOptions ensemble, DropoutOptions dropout) {
        this(swag, laplace, ensemble, dropout, null);
    }

    public MethodOptions withHmc(HmcOptions options) {
        return new MethodOptions(swag, laplace, ensemble, dropout, options);
    }

    @Override
    public HmcOptions hmc() {
        return hmc != null ? hmc : HmcOptions.defaults();
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
}
