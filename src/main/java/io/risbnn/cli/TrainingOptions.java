package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.estimator.RisConfig;
import io.risbnn.estimator.RisProposal;
import io.risbnn.objective.KlSchedule;
import io.risbnn.method.Methods;
import io.risbnn.method.VariationalInference;
import io.risbnn.objective.Objective;
import io.risbnn.objective.Objectives;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.TrainConfig;
import picocli.CommandLine.Option;

/** Options that decide how a model is trained; shared by train, compare, uci and variance. */
public final class TrainingOptions implements ValidatedOptions {
    @Option(names = "--method", defaultValue = "vi",
            description = "vi (variational inference with --estimator and --objective), map (MAP training of the same network: "
                    + "weights only, the prior as weight decay, one deterministic forward per step), or a method built on MAP: "
                    + "swag, swag-diag, laplace, ensemble, mc-dropout (options --swag-*, --laplace-*, --members, --dropout); "
                    + "stochastic-gradient MCMC: sghmc (options --sghmc-*); full-batch hmc (--hmc-*); "
                    + "adversarial (VI with Adversarial Sampling's term, options --as-*); "
                    + "or vogn (natural-gradient VI with per-example Gauss-Newton curvature, options --vogn-*). "
                    + "Default: ${DEFAULT-VALUE}")
    String method;

    @picocli.CommandLine.Mixin
    MethodOptionsMixin methodOptions = new MethodOptionsMixin();

    @Option(names = "--objective",
            description = "elbo (sampled networks), mean-var (mean–variance propagation) or moment (first-moment"
                    + " propagation, the poster's scheme: its sampled networks are near chance). Default: the estimator's"
                    + " (mc-shared and lrt: elbo; analytic, quadrature and ris: mean-var).")
    String objective;

    @Option(names = "--samples", defaultValue = "10", description = "M, samples per step. Default: ${DEFAULT-VALUE}")
    int samples;

    @Option(names = "--epochs", description = "Training epochs. Default: the data set's protocol (40 for UCI).")
    Integer epochs;

    @Option(names = {"--batch-size", "--batch"}, defaultValue = "32", description = "Examples per optimiser step. Default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or sgd. Default: ${DEFAULT-VALUE}")
    String optimizer;

    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum. Default: ${DEFAULT-VALUE}")
    double momentum;

    @Option(names = "--lr", defaultValue = "0.01", description = "Learning rate. Default: ${DEFAULT-VALUE}")
    double lr;

    @Option(names = "--lr-schedule", defaultValue = "cosine",
            description = "constant, step or cosine (annealed to 0 over the run, for a stable final iterate). Default: ${DEFAULT-VALUE}")
    String lrSchedule;

    @Option(names = "--lr-step-epochs", defaultValue = "30", description = "Epochs between decays (step schedule). Default: ${DEFAULT-VALUE}")
    int lrStepEpochs;

    @Option(names = "--lr-gamma", defaultValue = "0.1", description = "Decay factor (step schedule). Default: ${DEFAULT-VALUE}")
    double lrGamma;

    @Option(names = "--kl-weight", defaultValue = "1.0", description = "Multiplies KL/N. Default: ${DEFAULT-VALUE}")
    double klWeight;

    @Option(names = "--temperature", defaultValue = "1.0", description = "Posterior temperature T (< 1: cold); multiplies the KL term. Default: ${DEFAULT-VALUE}")
    double temperature;

    @Option(names = "--kl-warmup-epochs", defaultValue = "0", description = "Linear KL warm-up length in epochs (0 = off). Default: ${DEFAULT-VALUE}")
    double klWarmupEpochs;

    @Option(names = "--prior", defaultValue = "gaussian:1.0", description = "gaussian:SIGMA, mixture:PI,SIGMA1,SIGMA2 or empirical-bayes (variational methods: N(0, σ̂²) per weight tensor, σ̂² = mean(μ² + s²), Wu et al. 2019). Default: ${DEFAULT-VALUE}")
    String prior;

    @Option(names = "--ris-proposal", defaultValue = "mm_apx", description = "none, taylor, tilt, tilt_apx, mm, mm_apx. Default: ${DEFAULT-VALUE}")
    String risProposal;

    @Option(names = "--ris-gradient", defaultValue = "hybrid", description = "pathwise, hybrid (RIS value, MC Jacobian with the same noise) or hybrid-independent (a second draw, as RIS-SPEC §5 writes). Default: ${DEFAULT-VALUE}")
    String risGradient;

    @Option(names = "--ris-space", defaultValue = "preact", description = "preact or weight (dense reference). Default: ${DEFAULT-VALUE}")
    String risSpace;

    @Option(names = "--ris-lam2-min", defaultValue = "0.8", description = "Floor of the proposal variance λ². Default: ${DEFAULT-VALUE}")
    double risLam2Min;

    @Option(names = "--ris-self-normalize", description = "Self-normalised weights (biased; ablation only).")
    boolean risSelfNormalize;

    @Option(names = "--skip-nonfinite", description = "Skip a step whose loss or gradient is NaN/Inf instead of stopping.")
    boolean skipNonFinite;

    @Override
    public void validate() {
        OptionChecks.atLeast("--samples", samples, 1);
        if (epochs != null) {
            OptionChecks.atLeast("--epochs", epochs, 1);
        }
        OptionChecks.atLeast("--batch-size", batchSize, 1);
        OptionChecks.inHalfOpen("--momentum", momentum, 0, 1);
        OptionChecks.positive("--lr", lr);
        OptionChecks.atLeast("--lr-step-epochs", lrStepEpochs, 1);
        OptionChecks.positive("--lr-gamma", lrGamma);
        OptionChecks.atLeast("--kl-weight", klWeight, 0);
        OptionChecks.positive("--temperature", temperature);
        OptionChecks.atLeast("--kl-warmup-epochs", klWarmupEpochs, 0);
        if (!(Double.isFinite(risLam2Min) && risLam2Min > 0.5)) {
            throw new io.risbnn.RisbnnException("--ris-lam2-min " + risLam2Min
                    + ": expected a finite number > 0.5 (the IS variance is infinite for λ² ≤ 1/2)");
        }
        io.risbnn.variational.Priors.parse(prior);   // names --prior and the bad parameter
        if (!method.equals(VariationalInference.NAME) && !Methods.isNonVi(method)) {
            throw new RisbnnException("--method " + method + ": expected vi, " + String.join(", ", Methods.NON_VI));
        }
        methodOptions.validate();
    }

    RisConfig risConfig() {
        RisConfig d = RisConfig.defaults();
        return new RisConfig(RisProposal.parse(risProposal), RisConfig.Gradient.parse(risGradient),
                RisConfig.Space.parse(risSpace), risLam2Min, d.tauMax(), d.alphaMinTaylor(), risSelfNormalize);
    }

    /** The configuration for one estimator; {@code stepsPerEpoch} converts the warm-up to steps. */
    TrainConfig toConfig(String estimator, long seed, int defaultEpochs, int trainRows) {
        int epochCount = epochs != null ? epochs : defaultEpochs;
        long stepsPerEpoch = (trainRows + batchSize - 1) / Math.max(1, batchSize);
        KlSchedule kl = new KlSchedule(klWeight, temperature, Math.round(klWarmupEpochs * stepsPerEpoch));
        LrSchedule schedule = LrSchedule.parse(lrSchedule, lr, lrStepEpochs, lrGamma);
        if (isNonVi(estimator)) {
            // a method with its own objective (log posterior, HMC's potential, Adversarial Sampling's ELBO + term)
            if (objective != null) {
                throw new RisbnnException("--objective: not used by --method " + runName(estimator)
                        + " (its objective is " + Methods.of(runName(estimator)).objectiveLabel(null) + ")");
            }
            String name = runName(estimator);
            boolean swag = name.equals(Methods.SWAG) || name.equals(Methods.SWAG_DIAG);
            if (swag && methodOptions.swagStart >= epochCount) {   // refused before training, not after it
                throw new RisbnnException("--swag-start " + methodOptions.swagStart + ": expected an epoch below --epochs "
                        + epochCount + " (epochs are counted from 0), so SWAG collects iterates");
            }
            int draws = Methods.of(name).drawsWeightSamples() ? samples : 1;
            TrainConfig config = new TrainConfig(name, risConfig(), Objective.ELBO, draws, epochCount, batchSize,
                    optimizer, momentum, schedule, kl, prior, seed, skipNonFinite, methodOptions.toOptions());
            Methods.of(name).checkConfig(config, trainRows);
            return config;
        }
        Objective chosen = objective == null ? Objectives.defaultFor(estimator) : Objective.parse(objective);
        Objectives.noticeOnce(chosen);
        return new TrainConfig(estimator, risConfig(), chosen, samples, epochCount, batchSize,
                optimizer, momentum, schedule, kl, prior, seed, skipNonFinite, methodOptions.toOptions());
    }

    /** Whether a run is not VI: --method NAME, or a method name as an entry of an estimator list. */
    boolean isNonVi(String estimator) {
        return Methods.isNonVi(method) || Methods.isNonVi(estimator);
    }

    /** The estimator slot of a run: the method's name under --method NAME (or as a list entry), else the estimator given. */
    String runName(String estimator) {
        return Methods.isNonVi(method) ? method : estimator;
    }

    /** The options of the non-VI methods. */
    io.risbnn.method.MethodOptions methodOptions() {
        return methodOptions.toOptions();
    }
}
