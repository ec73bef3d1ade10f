package io.risbnn.method;

import io.risbnn.method.adversarial.AdversarialOptions;
import io.risbnn.method.dropout.DropoutOptions;
import io.risbnn.method.ensemble.EnsembleOptions;
import io.risbnn.method.laplace.LaplaceOptions;
import io.risbnn.method.swag.SwagOptions;

/**
 * The options of every non-VI method, saved with the run's configuration; only the run's method reads
 * its own. A checkpoint written before a method existed has nulls here: the accessors give the defaults.
 */
public record MethodOptions(SwagOptions swag, LaplaceOptions laplace, EnsembleOptions ensemble, DropoutOptions dropout,
                            AdversarialOptions adversarial) {
    public static MethodOptions defaults() {
        return new MethodOptions(SwagOptions.defaults(), LaplaceOptions.defaults(), EnsembleOptions.defaults(),
                DropoutOptions.defaults(), AdversarialOptions.defaults());
    }

    /** The options without Adversarial Sampling's (its defaults). */
    public MethodOptions(SwagOptions swag, LaplaceOptions laplace, EnsembleOptions ensemble, DropoutOptions dropout) {
        this(swag, laplace, ensemble, dropout, null);
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
    public AdversarialOptions adversarial() {
        return adversarial != null ? adversarial : AdversarialOptions.defaults();
    }
}
