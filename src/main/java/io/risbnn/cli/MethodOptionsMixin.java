package io.risbnn.cli;

import io.risbnn.method.MethodOptions;
import io.risbnn.method.adversarial.AdversarialOptions;
import io.risbnn.method.dropout.DropoutOptions;
import io.risbnn.method.ensemble.EnsembleOptions;
import io.risbnn.method.laplace.LaplaceOptions;
import io.risbnn.method.swag.SwagOptions;
import picocli.CommandLine.Option;

/**
 * The options of the non-VI inference methods (each read only by its method), with the literature's
 * defaults: SWAG (Maddox et al. 2019), linearised Laplace (Immer et al. 2021; Daxberger et al. 2021),
 * deep ensembles (Lakshminarayanan et al. 2017), MC dropout (Gal &amp; Ghahramani 2016) and Adversarial
 * Sampling (Zhang et al. 2022).
 */
public final class MethodOptionsMixin implements ValidatedOptions {
    @Option(names = "--swag-start", defaultValue = "-1",
            description = "SWAG: first epoch (0-based) whose iterates are collected; -1: half of --epochs. Default: ${DEFAULT-VALUE}")
    int swagStart;

    @Option(names = "--swag-lr", defaultValue = "-1",
            description = "SWAG: learning rate of the collection phase; -1: the run's --lr. Default: ${DEFAULT-VALUE}")
    double swagLr;

    @Option(names = "--swag-rank", defaultValue = "20", description = "SWAG: K, columns of the deviation matrix. Default: ${DEFAULT-VALUE}")
    int swagRank;

    @Option(names = "--swag-collect-every", defaultValue = "0",
            description = "SWAG: collect every N steps of the collection phase; 0: once per epoch. Default: ${DEFAULT-VALUE}")
    int swagCollectEvery;

    @Option(names = "--swag-scale", defaultValue = "-1",
            description = "SWAG: covariance scale of the samples; -1: 0.5 for swag (the paper's), 1 for swag-diag. Default: ${DEFAULT-VALUE}")
    double swagScale;

    @Option(names = "--swag-schedule", defaultValue = "constant",
            description = "SWAG: constant or cyclic learning rate in the collection phase. Default: ${DEFAULT-VALUE}")
    String swagSchedule;

    @Option(names = "--no-swag-bn-update", negatable = false,
            description = "SWAG: keep the training BatchNorm statistics instead of recomputing them for every sampled network.")
    boolean noSwagBnUpdate;

    @Option(names = "--laplace-structure", defaultValue = "last-layer",
            description = "Laplace: last-layer (full covariance), diag or kfac (all layers). Default: ${DEFAULT-VALUE}")
    String laplaceStructure;

    @Option(names = "--laplace-link", defaultValue = "probit",
            description = "Laplace (classification): probit or mc, the linearised predictive results lead with. Default: ${DEFAULT-VALUE}")
    String laplaceLink;

    @Option(names = "--laplace-prior-precision", defaultValue = "marglik",
            description = "Laplace: marglik (maximise the marginal likelihood), grid (the δ of a log grid with the lowest NLL on the held-out --validation rows) or a number. Default: ${DEFAULT-VALUE}")
    String laplacePriorPrecision;

    @Option(names = "--laplace-link-samples", defaultValue = "100",
            description = "Laplace: Monte Carlo draws of the linearised outputs (mc link). Default: ${DEFAULT-VALUE}")
    int laplaceLinkSamples;

    @Option(names = "--laplace-curvature-examples", defaultValue = "0",
            description = "Laplace: training examples the curvature sums over; 0: all. Default: ${DEFAULT-VALUE}")
    int laplaceCurvatureExamples;

    @Option(names = "--members", defaultValue = "5", description = "Ensemble: K independently seeded MAP networks. Default: ${DEFAULT-VALUE}")
    int members;

    @Option(names = "--dropout", defaultValue = "0.05",
            description = "MC dropout: probability of dropping a unit before every weight layer. Default: ${DEFAULT-VALUE}")
    double dropout;

    @Option(names = "--as-lambda", defaultValue = "0.8",
            description = "Adversarial Sampling: λ of (1 − λ)·ELBO + λ·NLL at the adversarial noise; 0: plain VI. Default: ${DEFAULT-VALUE}")
    double asLambda;

    @Option(names = "--as-steps", defaultValue = "5",
            description = "Adversarial Sampling: signed-gradient ascent steps on the weight noise. Default: ${DEFAULT-VALUE}")
    int asSteps;

    @Option(names = "--as-step-size", defaultValue = "0.02",
            description = "Adversarial Sampling: α of each ascent step ε ← ε + α·sign(∇ε NLL). Default: ${DEFAULT-VALUE}")
    double asStepSize;

    @Override
    public void validate() {
        if (swagStart < -1) {
            throw new io.risbnn.RisbnnException("--swag-start " + swagStart + ": expected an epoch >= 0, or -1");
        }
        if (!(swagLr == -1 || swagLr > 0)) {
            throw new io.risbnn.RisbnnException("--swag-lr " + swagLr + ": expected a positive rate, or -1");
        }
        OptionChecks.atLeast("--swag-rank", swagRank, 2);
        OptionChecks.atLeast("--swag-collect-every", swagCollectEvery, 0);
        if (!(swagScale == -1 || (swagScale > 0 && Double.isFinite(swagScale)))) {
            throw new io.risbnn.RisbnnException("--swag-scale " + swagScale + ": expected a finite number > 0, or -1");
        }
        OptionChecks.oneOf("--swag-schedule", swagSchedule, "constant", "cyclic");
        OptionChecks.oneOf("--laplace-structure", laplaceStructure, "last-layer", "diag", "kfac");
        OptionChecks.oneOf("--laplace-link", laplaceLink, "probit", "mc");
        if (!laplacePriorPrecision.equals("marglik") && !laplacePriorPrecision.equals("grid")) {
            double delta;
            try {
                delta = Double.parseDouble(laplacePriorPrecision);
            } catch (NumberFormatException e) {
                delta = Double.NaN;
            }
            if (!(delta > 0) || Double.isInfinite(delta)) {
                throw new io.risbnn.RisbnnException("--laplace-prior-precision '" + laplacePriorPrecision
                        + "': expected marglik, grid or a positive number");
            }
        }
        OptionChecks.atLeast("--laplace-link-samples", laplaceLinkSamples, 1);
        OptionChecks.atLeast("--laplace-curvature-examples", laplaceCurvatureExamples, 0);
        OptionChecks.atLeast("--members", members, 1);
        OptionChecks.inHalfOpen("--dropout", dropout, 0, 1);
        new AdversarialOptions(asLambda, asSteps, asStepSize);   // refuses out-of-range values by option name
    }

    public MethodOptions toOptions() {
        return new MethodOptions(
                new SwagOptions(swagStart, swagLr, swagRank, swagCollectEvery, swagScale, swagSchedule, !noSwagBnUpdate),
                new LaplaceOptions(laplaceStructure, laplaceLink, laplacePriorPrecision, laplaceLinkSamples,
                        laplaceCurvatureExamples),
                new EnsembleOptions(members), new DropoutOptions(dropout),
                new AdversarialOptions(asLambda, asSteps, asStepSize));
    }
}
