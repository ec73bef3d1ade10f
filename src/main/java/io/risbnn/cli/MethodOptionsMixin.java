package io.risbnn.cli;

import io.risbnn.method.MethodOptions;
import io.risbnn.method.adversarial.AdversarialOptions;
import io.risbnn.method.vogn.VognOptions;
import io.risbnn.method.dropout.DropoutOptions;
import io.risbnn.method.ensemble.EnsembleOptions;
import io.risbnn.method.hmc.HmcOptions;
import io.risbnn.method.laplace.LaplaceOptions;
import io.risbnn.method.sgmcmc.SgmcmcOptions;
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

    @Option(names = "--hmc-step-size", defaultValue = "0.01",
            description = "HMC: leapfrog step size ε (with --hmc-adapt its start). Default: ${DEFAULT-VALUE}")
    double hmcStepSize;

    @Option(names = "--hmc-leapfrog-steps", defaultValue = "50",
            description = "HMC: leapfrog steps L per iteration (trajectory length ε·L). Default: ${DEFAULT-VALUE}")
    int hmcLeapfrogSteps;

    @Option(names = "--hmc-burn-in", defaultValue = "-1",
            description = "HMC: iterations of every chain not kept; -1: half of --epochs. Default: ${DEFAULT-VALUE}")
    int hmcBurnIn;

    @Option(names = "--hmc-thin", defaultValue = "1", description = "HMC: keep every N-th iteration after burn-in. Default: ${DEFAULT-VALUE}")
    int hmcThin;

    @Option(names = "--hmc-temperature", defaultValue = "1",
            description = "HMC: temperature T, the potential scaled by 1/T (1: the Bayes posterior). Default: ${DEFAULT-VALUE}")
    double hmcTemperature;

    @Option(names = "--hmc-adapt", negatable = false,
            description = "HMC: adapt the step size by dual averaging during burn-in (off: a fixed ε, as Izmailov et al. 2021).")
    boolean hmcAdapt;

    @Option(names = "--hmc-target-accept", defaultValue = "0.8",
            description = "HMC: the acceptance probability --hmc-adapt aims at. Default: ${DEFAULT-VALUE}")
    double hmcTargetAccept;

    @Option(names = "--hmc-chains", defaultValue = "2",
            description = "HMC: independent chains, run one after the other, each --epochs iterations. Default: ${DEFAULT-VALUE}")
    int hmcChains;

    @Option(names = "--hmc-fixed-noise", negatable = false,
            description = "HMC: keep the regression noise σ at its initial value (default: log σ is sampled with the weights, flat prior).")
    boolean hmcFixedNoise;
    @Option(names = "--as-lambda", defaultValue = "0.8",
            description = "Adversarial Sampling: λ of (1 − λ)·ELBO + λ·NLL at the adversarial noise; 0: plain VI. Default: ${DEFAULT-VALUE}")
    double asLambda;

    @Option(names = "--as-steps", defaultValue = "5",
            description = "Adversarial Sampling: signed-gradient ascent steps on the weight noise. Default: ${DEFAULT-VALUE}")
    int asSteps;

    @Option(names = "--as-step-size", defaultValue = "0.02",
            description = "Adversarial Sampling: α of each ascent step ε ← ε + α·sign(∇ε NLL). Default: ${DEFAULT-VALUE}")
    double asStepSize;

    @Option(names = "--vogn-momentum", defaultValue = "0.9",
            description = "VOGN: β₁ of the gradient's moving average (momentum). Default: ${DEFAULT-VALUE}")
    double vognMomentum;

    @Option(names = "--vogn-curvature-decay", defaultValue = "0.999",
            description = "VOGN: β₂ of the per-example squared gradients' moving average. Default: ${DEFAULT-VALUE}")
    double vognCurvatureDecay;

    @Option(names = "--vogn-damping", defaultValue = "1e-3",
            description = "VOGN: γ added to the curvature in the update and the posterior precision. Default: ${DEFAULT-VALUE}")
    double vognDamping;

    @Option(names = "--vogn-kl-weight", defaultValue = "1",
            description = "VOGN: τ, the KL weighting (tempering); posterior variance τ/(N(s + δ̃ + γ)). Default: ${DEFAULT-VALUE}")
    double vognKlWeight;

    @Option(names = "--vogn-data-scale", defaultValue = "1",
            description = "VOGN: factor on the training-set size N (the authors use 10 with data augmentation). Default: ${DEFAULT-VALUE}")
    double vognDataScale;

    @Override
    public void validate() {
        hmcOptions();
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
        OptionChecks.atLeast("--sghmc-cycles", sghmcCycles, 1);
        OptionChecks.inHalfOpen("--sghmc-exploration", sghmcExploration, 0, 1);
        OptionChecks.atLeast("--sghmc-samples-per-cycle", sghmcSamplesPerCycle, 1);
        if (!(sghmcFriction > 0 && sghmcFriction <= 1)) {
            throw new io.risbnn.RisbnnException("--sghmc-friction " + sghmcFriction + ": expected a number in (0, 1]");
        }
        if (!(sghmcTemperature >= 0) || Double.isInfinite(sghmcTemperature)) {
            throw new io.risbnn.RisbnnException("--sghmc-temperature " + sghmcTemperature + ": expected a finite number >= 0");
        }
        OptionChecks.oneOf("--sghmc-schedule", sghmcSchedule, "cyclical", "constant");
        new AdversarialOptions(asLambda, asSteps, asStepSize);   // refuses out-of-range values by option name
        vognOptions();
    }

    @Option(names = "--sghmc-cycles", defaultValue = "4",
            description = "SGHMC: M, cycles of the cyclical step size (cSG-MCMC). Default: ${DEFAULT-VALUE}")
    int sghmcCycles;

    @Option(names = "--sghmc-exploration", defaultValue = "0.8",
            description = "SGHMC: beta, fraction of each cycle run without noise and without samples. Default: ${DEFAULT-VALUE}")
    double sghmcExploration;

    @Option(names = "--sghmc-samples-per-cycle", defaultValue = "3",
            description = "SGHMC: networks kept per cycle, at the end of its last epochs. Default: ${DEFAULT-VALUE}")
    int sghmcSamplesPerCycle;

    @Option(names = "--sghmc-friction", defaultValue = "0.1",
            description = "SGHMC: friction alpha (1 - momentum). Default: ${DEFAULT-VALUE}")
    double sghmcFriction;

    @Option(names = "--sghmc-temperature", defaultValue = "1",
            description = "SGHMC: posterior temperature T (noise variance 2 alpha lr T / N). Default: ${DEFAULT-VALUE}")
    double sghmcTemperature;

    @Option(names = "--sghmc-schedule", defaultValue = "cyclical",
            description = "SGHMC: cyclical (cosine per cycle) or constant (--lr throughout). Default: ${DEFAULT-VALUE}")
    String sghmcSchedule;

    /**
     * The non-VI methods' options as the command line gave them (each method's defaults for the options not
     * given).
     *
     * @return the options of SWAG, Laplace, ensemble, MC dropout, SGHMC, HMC, Adversarial Sampling and VOGN
     * @throws io.risbnn.RisbnnException naming the option if a value is out of range for its method
     */
    public MethodOptions toOptions() {
        return new MethodOptions(
                new SwagOptions(swagStart, swagLr, swagRank, swagCollectEvery, swagScale, swagSchedule, !noSwagBnUpdate),
                new LaplaceOptions(laplaceStructure, laplaceLink, laplacePriorPrecision, laplaceLinkSamples,
                        laplaceCurvatureExamples),
                new EnsembleOptions(members), new DropoutOptions(dropout),
                new SgmcmcOptions(sghmcCycles, sghmcExploration, sghmcSamplesPerCycle, sghmcFriction, sghmcTemperature,
                        sghmcSchedule),
                hmcOptions(), new AdversarialOptions(asLambda, asSteps, asStepSize), vognOptions());
    }

    private VognOptions vognOptions() {
        return new VognOptions(vognMomentum, vognCurvatureDecay, vognDamping, vognKlWeight, vognDataScale);
    }

    private HmcOptions hmcOptions() {
        return new HmcOptions(hmcStepSize, hmcLeapfrogSteps, hmcBurnIn, hmcThin, hmcTemperature, hmcAdapt,
                hmcTargetAccept, hmcChains, !hmcFixedNoise);
    }
}
