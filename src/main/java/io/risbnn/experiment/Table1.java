package io.risbnn.experiment;

import io.risbnn.model.ModelVariant;

import io.risbnn.RisbnnException;
import io.risbnn.estimator.Estimators;
import io.risbnn.estimator.RisConfig;
import io.risbnn.objective.KlSchedule;
import io.risbnn.objective.Objective;
import io.risbnn.train.LrSchedule;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.PosteriorInit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The poster's Table 1 (CIFAR-10, ResNet-20, test accuracy) as data: the poster's rows and figures,
 * the rows this project runs (MFVI, tempered MFVI, RIS with M = 10 and optionally M = 100) and the
 * shared training protocol. {@link Table1Runner} runs it; docs/table1-protocol.md explains the choices.
 */
public final class Table1 {
    private Table1() {}

    /** One row of the poster's Table 1: accuracy in percent, mean ± std; {@code rowId} null for a baseline not implemented here. */
    public record PosterRow(String method, double accuracy, double std, String rowId) {}

    /** The poster's Table 1, in its order. */
    public static final List<PosterRow> POSTER = List.of(
            new PosterRow("MFVI", 22.46, 0.70, "mfvi"),
            new PosterRow("MFVI (tempered)", 83.56, 0.45, "tempered"),
            new PosterRow("SWAG", 86.80, 0.10, "swag"),
            new PosterRow("VOGN", 85.36, 0.25, "vogn"),
            new PosterRow("GLM", 84.35, 0.18, "laplace"),
            new PosterRow("Adversarial Sampling", 86.33, 0.45, "adversarial"),
            new PosterRow("RIS", 87.37, 0.26, "ris"),
            new PosterRow("HMC", 90.02, 0.26, "hmc"));

    /** What the table says for a poster row this project does not run. */
    public static final String NOT_IMPLEMENTED = "not implemented (baselines issue)";

    /**
     * A row this project runs.
     *
     * @param id the --rows name
     * @param method label in the table
     * @param estimator estimator name
     * @param objective elbo or moment
     * @param cold whether the KL term carries the protocol's cold temperature T (else T = 1)
     * @param largeM whether the row uses the large sample count (M = 100) instead of M = 10
     */
    public record Row(String id, String method, String estimator, String objective, boolean cold, boolean largeM) {}

    /** Every row this project can run, in the table's order; {@code --rows} picks among their ids. */
    public static final List<Row> ROWS = List.of(
            new Row("mfvi", "MFVI", "mc-shared", "elbo", false, false),
            new Row("tempered", "MFVI (tempered)", "mc-shared", "elbo", true, false),
            new Row("ris", "RIS", "ris", "moment", true, false),
            new Row("ris-m100", "RIS (large M)", "ris", "moment", true, true),
            // not in the poster: RIS and the closed form under mean–variance propagation, whose sampled networks
            // are usable (docs/mean-var.md); same cold temperature as the poster's RIS row
            new Row("ris-meanvar", "RIS (mean-var)", "ris", "mean-var", true, false),
            new Row("analytic-meanvar", "closed form (mean-var)", "analytic", "mean-var", true, false),
            // not in the poster: the MAP network the SWAG, Laplace and ensemble baselines build on (prior as weight decay)
            new Row("map", "MAP", io.risbnn.method.MaximumAPosteriori.NAME, "elbo", false, false),
            // the baselines built on MAP training (issue 11), each with its method's default options
            new Row("swag", "SWAG", io.risbnn.method.Methods.SWAG, "elbo", false, false),
            new Row("swag-diag", "SWAG (diagonal)", io.risbnn.method.Methods.SWAG_DIAG, "elbo", false, false),
            new Row("laplace", "GLM (linearised Laplace)", io.risbnn.method.Methods.LAPLACE, "elbo", false, false),
            new Row("ensemble", "Deep ensemble", io.risbnn.method.Methods.ENSEMBLE, "elbo", false, false),
            new Row("mc-dropout", "MC dropout", io.risbnn.method.Methods.MC_DROPOUT, "elbo", false, false),
            // issue 12: stochastic-gradient MCMC (cSG-MCMC's cyclical SGHMC)
            new Row("sghmc", "cSGHMC", io.risbnn.method.Methods.SGHMC, "elbo", false, false),
            // issue 12: full-batch HMC (Izmailov et al. 2021), the reference posterior
            new Row("hmc", "HMC", io.risbnn.method.Methods.HMC, "elbo", false, false),
            // issue 12: MFVI with an adversarial-noise term (Zhang et al. 2022), M = 1 as in the authors' code
            new Row("adversarial", "Adversarial Sampling", io.risbnn.method.Methods.ADVERSARIAL, "elbo", false, false),
            // issue 12: natural-gradient VI with per-example Gauss–Newton curvature (Osawa et al. 2019)
            new Row("vogn", "VOGN", io.risbnn.method.Methods.VOGN, "elbo", false, false));

    /** The rows run when {@code --rows} is not given: the poster's MFVI, tempered MFVI and RIS. */
    public static final List<String> DEFAULT_ROWS = List.of("mfvi", "tempered", "ris");

    /**
     * The row of an id.
     *
     * @param id a row id of {@link #ROWS} ({@code mfvi}, {@code ris}, {@code swag}, …), lower case
     * @return the row
     * @throws RisbnnException naming {@code --rows} and the known ids if there is no such row
     */
    public static Row row(String id) {
        for (Row r : ROWS) {
            if (r.id().equals(id)) {
                return r;
            }
        }
        throw new RisbnnException("--rows: unknown row '" + id + "'; expected a comma-separated list of "
                + String.join(", ", ids()));
    }

    static List<String> ids() {
        return ROWS.stream().map(Row::id).toList();
    }

    /**
     * Parses a --rows list (order kept, duplicates dropped); refuses unknown or no rows.
     *
     * @param names row ids, trimmed and case-insensitive; blank entries are skipped
     * @return the distinct row ids, in the order given
     * @throws RisbnnException naming {@code --rows} if an id is unknown or none is given
     */
    public static List<String> parseRows(List<String> names) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String n : names) {
            String id = n.trim().toLowerCase(Locale.ROOT);
            if (id.isEmpty()) {
                continue;
            }
            out.add(row(id).id());
        }
        if (out.isEmpty()) {
            throw new RisbnnException("--rows: no rows given; expected a comma-separated list of " + String.join(", ", ids()));
        }
        return List.copyOf(out);
    }

    /**
     * The protocol: what every run shares, the seeds and the rows. Defaults: {@link #defaults(String)}.
     *
     * @param data the --data spec
     * @param model image architecture
     * @param epochs training epochs of every run
     * @param batchSize examples per step
     * @param optimizer adam or sgd
     * @param momentum SGD momentum
     * @param lr base learning rate
     * @param lrSchedule constant, step or cosine
     * @param lrStepEpochs epochs between decays (step schedule)
     * @param lrGamma decay factor (step schedule)
     * @param temperature the cold-posterior temperature T of the tempered MFVI and RIS rows (the KL term is T·KL/N)
     * @param klWarmupEpochs linear KL warm-up in epochs (0: off)
     * @param prior prior spec
     * @param samples M of the mfvi, tempered and ris rows
     * @param largeSamples M of the ris-m100 row
     * @param subset training images kept (0: all)
     * @param augment random crop + flip
     * @param evalSamples networks sampled for the final posterior predictive
     * @param epochEvalSamples networks sampled for the per-epoch test evaluation (0: no per-epoch evaluation)
     * @param sigmaRatio initial posterior std as a fraction of the He std
     * @param rho0 fixed initial ρ (null: use sigmaRatio)
     * @param seeds seeds per row
     * @param firstSeed seed of the first run; run k uses firstSeed + k
     * @param rows row ids, in order
     */
    public record Protocol(String data, String model, int epochs, int batchSize, String optimizer, double momentum,
                           double lr, String lrSchedule, int lrStepEpochs, double lrGamma, double temperature,
                           double klWarmupEpochs, String prior, int samples, int largeSamples, int subset,
                           boolean augment, int evalSamples, int epochEvalSamples, double sigmaRatio, Double rho0,
                           int seeds, long firstSeed, List<String> rows, io.risbnn.method.MethodOptions methods) {
        /**
         * A protocol whose baseline rows use their methods' default options.
         *
         * @param data the --data spec, image data
         * @param model image architecture, one of {@link io.risbnn.model.ModelSpec#IMAGE_ARCHITECTURES}
         * @param epochs training epochs of every run, &ge; 1
         * @param batchSize examples per step, &ge; 1
         * @param optimizer adam or sgd
         * @param momentum SGD momentum
         * @param lr base learning rate, &gt; 0
         * @param lrSchedule constant, step or cosine
         * @param lrStepEpochs epochs between decays (step schedule)
         * @param lrGamma decay factor (step schedule)
         * @param temperature the cold-posterior temperature T of the tempered MFVI and RIS rows, in (0, 1]
         * @param klWarmupEpochs linear KL warm-up in epochs, &ge; 0 (0: off)
         * @param prior prior spec
         * @param samples M of the mfvi, tempered and ris rows, &ge; 1
         * @param largeSamples M of the ris-m100 row, &ge; 1
         * @param subset training images kept, &ge; 0 (0: all)
         * @param augment random crop + flip
         * @param evalSamples networks sampled for the final posterior predictive, &ge; 1
         * @param epochEvalSamples networks sampled for the per-epoch test evaluation, &ge; 0 (0: none)
         * @param sigmaRatio initial posterior std as a fraction of the He std, &gt; 0
         * @param rho0 fixed initial ρ (null: use sigmaRatio)
         * @param seeds seeds per row, &ge; 1
         * @param firstSeed seed of the first run; run k uses firstSeed + k
         * @param rows row ids, in order
         * @throws RisbnnException naming the option if a value is out of range
         */
        public Protocol(String data, String model, int epochs, int batchSize, String optimizer, double momentum,
                        double lr, String lrSchedule, int lrStepEpochs, double lrGamma, double temperature,
                        double klWarmupEpochs, String prior, int samples, int largeSamples, int subset,
                        boolean augment, int evalSamples, int epochEvalSamples, double sigmaRatio, Double rho0,
                        int seeds, long firstSeed, List<String> rows) {
            this(data, model, epochs, batchSize, optimizer, momentum, lr, lrSchedule, lrStepEpochs, lrGamma, temperature,
                    klWarmupEpochs, prior, samples, largeSamples, subset, augment, evalSamples, epochEvalSamples, sigmaRatio,
                    rho0, seeds, firstSeed, rows, io.risbnn.method.MethodOptions.defaults());
        }

        /**
         * Validates the protocol; null {@code methods} means every method's defaults.
         *
         * @param data the --data spec, image data
         * @param model image architecture, one of {@link io.risbnn.model.ModelSpec#IMAGE_ARCHITECTURES}
         * @param epochs training epochs of every run, &ge; 1
         * @param batchSize examples per step, &ge; 1
         * @param optimizer adam or sgd
         * @param momentum SGD momentum
         * @param lr base learning rate, &gt; 0
         * @param lrSchedule constant, step or cosine
         * @param lrStepEpochs epochs between decays (step schedule)
         * @param lrGamma decay factor (step schedule)
         * @param temperature the cold-posterior temperature T of the tempered MFVI and RIS rows, in (0, 1]
         * @param klWarmupEpochs linear KL warm-up in epochs, &ge; 0 (0: off)
         * @param prior prior spec
         * @param samples M of the mfvi, tempered and ris rows, &ge; 1
         * @param largeSamples M of the ris-m100 row, &ge; 1
         * @param subset training images kept, &ge; 0 (0: all)
         * @param augment random crop + flip
         * @param evalSamples networks sampled for the final posterior predictive, &ge; 1
         * @param epochEvalSamples networks sampled for the per-epoch test evaluation, &ge; 0 (0: none)
         * @param sigmaRatio initial posterior std as a fraction of the He std, &gt; 0
         * @param rho0 fixed initial ρ (null: use sigmaRatio)
         * @param seeds seeds per row, &ge; 1
         * @param firstSeed seed of the first run; run k uses firstSeed + k
         * @param rows row ids, in order
         * @param methods the options of the baseline methods' rows (null: their defaults)
         * @throws RisbnnException naming the option (as {@code risbnn table1} spells it) if a value is out of
         *     range, the data is not image data or a row is unknown
         */
        public Protocol {
            methods = methods != null ? methods : io.risbnn.method.MethodOptions.defaults();
            check(epochs >= 1, "--epochs " + epochs + ": expected an integer >= 1");
            check(batchSize >= 1, "--batch-size " + batchSize + ": expected an integer >= 1");
            check(samples >= 1, "--samples " + samples + ": expected an integer >= 1");
            check(largeSamples >= 1, "--large-samples " + largeSamples + ": expected an integer >= 1");
            check(subset >= 0, "--subset " + subset + ": expected an integer >= 0 (0: all training images)");
            check(evalSamples >= 1, "--eval-samples " + evalSamples + ": expected an integer >= 1");
            check(epochEvalSamples >= 0, "--epoch-eval-samples " + epochEvalSamples + ": expected an integer >= 0 (0: off)");
            check(seeds >= 1, "--seeds " + seeds + ": expected an integer >= 1");
            check(temperature > 0 && temperature <= 1, "--temperature " + temperature
                    + ": expected a number in (0, 1] (the cold posterior of the tempered rows)");
            check(klWarmupEpochs >= 0 && Double.isFinite(klWarmupEpochs), "--kl-warmup-epochs " + klWarmupEpochs + ": expected a number >= 0");
            check(sigmaRatio > 0 && Double.isFinite(sigmaRatio), "--sigma-ratio " + sigmaRatio + ": expected a positive number");
            check(model != null && io.risbnn.model.ModelSpec.IMAGE_ARCHITECTURES.contains(model), "--model " + model
                    + ": expected one of " + String.join(", ", io.risbnn.model.ModelSpec.IMAGE_ARCHITECTURES));
            check(data != null && io.risbnn.data.image.ImageDataSpec.isImage(data), "--data " + data
                    + ": Table 1 needs image data (cifar10:DIR, imagefolder:DIR, …)");
            rows = parseRows(rows);
            // the fields are assigned after this body, so validate the parameters themselves
            check("adam".equals(optimizer) || "sgd".equals(optimizer), "--optimizer '" + optimizer + "': expected adam or sgd");
            LrSchedule.parse(lrSchedule, lr, lrStepEpochs, lrGamma);
            io.risbnn.variational.Priors.parse(prior);
        }

        /**
         * The protocol's run configuration of one (row, seed) run: the row's estimator or method, objective, M and
         * temperature, the rest shared (HMC's row full-batch).
         *
         * @param row the row
         * @param seed the run's seed
         * @param trainRows the training images, which convert the warm-up epochs to steps
         * @return the configuration
         * @throws RisbnnException if the row's estimator does not support its objective
         */
        public TrainConfig config(Row row, long seed, int trainRows) {
            long stepsPerEpoch = (trainRows + batchSize - 1) / Math.max(1, batchSize);
            KlSchedule kl = new KlSchedule(1.0, row.cold() ? temperature : 1.0, Math.round(klWarmupEpochs * stepsPerEpoch));
            // HMC's row is full-batch by definition (Izmailov et al. 2021): one iteration per epoch on every row
            int batch = row.estimator().equals(io.risbnn.method.Methods.HMC) ? Math.max(batchSize, trainRows) : batchSize;
            TrainConfig c = new TrainConfig(row.estimator(), RisConfig.defaults(), Objective.parse(row.objective()),
                    samplesOf(row), epochs, batch, optimizer, momentum,
                    LrSchedule.parse(lrSchedule, lr, lrStepEpochs, lrGamma), kl, prior, seed, false, methods);
            io.risbnn.variational.Priors.parse(prior);
            Estimators.checkPair(io.risbnn.method.Methods.estimatorOf(c.estimator(), c.ris()), c.objective());
            return c;
        }

        /**
         * The image run options every row shares: the protocol's architecture, initialisation, subset, augmentation
         * and evaluation sample counts (no validation images).
         *
         * @param progress print progress on stderr
         * @return the options
         */
        public ClassificationRun.Options options(boolean progress) {
            return new ClassificationRun.Options(model, new int[] {100}, sigmaRatio, rho0, subset, 0, augment, evalSamples,
                    Math.max(1, epochEvalSamples), epochEvalSamples > 0, progress, ModelVariant.defaults());
        }

        /**
         * M of a row: the large or the usual sample count, or 1 for the non-VI methods that draw no weight samples
         * per step (all but VOGN).
         *
         * @param row the row
         * @return M
         */
        public int samplesOf(Row row) {
            if (io.risbnn.method.Methods.isNonVi(row.estimator())
                    && !io.risbnn.method.Methods.of(row.estimator()).drawsWeightSamples()) {
                return 1;
            }
            return row.largeM() ? largeSamples : samples;
        }

        /**
         * The row's label in the table.
         *
         * @param row the row
         * @return its method, with the actual M for the large-M RIS row
         */
        public String methodOf(Row row) {
            return row.largeM() ? "RIS (M = " + largeSamples + ")" : row.method();
        }

        /**
         * The temperature T of a row's KL term.
         *
         * @param row the row
         * @return the protocol's temperature for a cold row, else 1
         */
        public double temperatureOf(Row row) {
            return row.cold() ? temperature : 1.0;
        }

        /**
         * Everything that decides the result of one (row, seed) run, as a map: a finished run is reused on a
         * restart only if this is unchanged. Seeds, row selection, threads and progress are not in it.
         *
         * @param row the row
         * @param seed the run's seed
         * @return the run's key, in a fixed order
         */
        public Map<String, Object> runKey(Row row, long seed) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("row", row.id());
            m.put("seed", seed);
            m.put("data", data);
            m.put("model", model);
            m.put("estimator", row.estimator());
            m.put("objective", row.objective());
            m.put("samples", samplesOf(row));
            m.put("temperature", temperatureOf(row));
            m.put("kl_weight", 1.0);
            m.put("kl_warmup_epochs", klWarmupEpochs);
            m.put("prior", prior);
            m.put("epochs", epochs);
            m.put("batch_size", batchSize);
            m.put("optimizer", optimizer);
            m.put("momentum", momentum);
            m.put("lr", lr);
            m.put("lr_schedule", lrSchedule);
            m.put("lr_step_epochs", lrStepEpochs);
            m.put("lr_gamma", lrGamma);
            m.put("subset", subset);
            m.put("augment", augment);
            m.put("eval_samples", evalSamples);
            m.put("epoch_eval_samples", epochEvalSamples);
            m.put("sigma_ratio", sigmaRatio);
            m.put("rho0", rho0);
            m.put("ris", RisConfig.defaults());
            return m;
        }

        /**
         * The selected rows as the table's header lists them.
         *
         * @return one map per row: row, method, estimator, objective, samples (M), temperature (T)
         */
        public List<Map<String, Object>> rowTable() {
            List<Map<String, Object>> out = new ArrayList<>();
            for (String id : rows) {
                Row r = row(id);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("row", r.id());
                m.put("method", methodOf(r));
                m.put("estimator", r.estimator());
                m.put("objective", r.objective());
                m.put("samples", samplesOf(r));
                m.put("temperature", temperatureOf(r));
                out.add(m);
            }
            return out;
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new RisbnnException(message);
        }
    }

    // ---- the protocol's defaults (docs/table1-protocol.md says why) ----
    /** The poster's architecture. */
    public static final String DEFAULT_MODEL = "resnet20";
    /** Poster, Figure 2 caption: "during a 100-epoch training". */
    public static final int DEFAULT_EPOCHS = 100;
    /** Examples per step. */
    public static final int DEFAULT_BATCH = 128;
    /** The optimiser of every row. */
    public static final String DEFAULT_OPTIMIZER = "adam";
    /** Base learning rate. */
    public static final double DEFAULT_LR = 1e-3;
    /** Learning-rate schedule: cosine annealing to 0. */
    public static final String DEFAULT_LR_SCHEDULE = "cosine";
    /** Cold-posterior temperature of the tempered MFVI and RIS rows. */
    public static final double DEFAULT_TEMPERATURE = 0.1;
    /** Poster, Figure 1: "with 10 samples". */
    public static final int DEFAULT_SAMPLES = 10;
    /** The poster compares RIS with M = 10 and M = 100. */
    public static final int DEFAULT_LARGE_SAMPLES = 100;
    /** Networks sampled for the final posterior predictive on the test images. */
    public static final int DEFAULT_EVAL_SAMPLES = 100;
    /** Networks sampled for the cheap per-epoch evaluation (the accuracy curve). */
    public static final int DEFAULT_EPOCH_EVAL_SAMPLES = 1;
    /** Seeds per row, for mean ± std. */
    public static final int DEFAULT_SEEDS = 3;
    /** The prior of every row: N(0, 1). */
    public static final String DEFAULT_PRIOR = "gaussian:1.0";

    /**
     * The protocol with every default, on {@code data}: ResNet-20, 100 epochs, batch 128, Adam at 1e-3 with a
     * cosine schedule, T = 0.1, M = 10 (100 for the large-M row), augmentation, 3 seeds, the default rows.
     *
     * @param data the --data spec, image data (e.g. {@code cifar10:DIR})
     * @return the protocol
     * @throws RisbnnException if {@code data} is not image data
     */
    public static Protocol defaults(String data) {
        return new Protocol(data, DEFAULT_MODEL, DEFAULT_EPOCHS, DEFAULT_BATCH, DEFAULT_OPTIMIZER, 0.9, DEFAULT_LR,
                DEFAULT_LR_SCHEDULE, 30, 0.1, DEFAULT_TEMPERATURE, 0, DEFAULT_PRIOR, DEFAULT_SAMPLES,
                DEFAULT_LARGE_SAMPLES, 0, true, DEFAULT_EVAL_SAMPLES, DEFAULT_EPOCH_EVAL_SAMPLES,
                PosteriorInit.DEFAULT_SIGMA_RATIO, null, DEFAULT_SEEDS, 0, DEFAULT_ROWS);
    }
}
