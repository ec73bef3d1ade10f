package io.risbnn.cli;

import com.google.gson.JsonObject;
import io.risbnn.RisbnnException;
import io.risbnn.api.BayesianNetworks;
import io.risbnn.api.FitBuilder;
import io.risbnn.data.RegressionSource;
import io.risbnn.data.image.ImageDataSpec;
import io.risbnn.estimator.Estimators;
import io.risbnn.method.Methods;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.CompareRun;
import io.risbnn.experiment.CompareState;
import io.risbnn.experiment.Comparison;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.RunOutcome;
import io.risbnn.report.Json;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code risbnn compare}: every estimator on the same data, seeds and splits (seed k trains on split
 * k); mean ± standard error over seeds, paired tests against a baseline, markdown tables and the
 * training-loss traces (Figure 1). Rerunning with the same --out keeps the runs already finished.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare estimators on equal terms; writes DIR/summary.json, DIR/summary.md, DIR/trace.png, DIR/trace-nll.png.",
                "Rerunning the same command with the same --out keeps the (estimator, seed) runs already finished."})
final class CompareCommand implements Callable<Integer> {
    private static final Path DEFAULT_OUT = Path.of("risbnn-compare");

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds (and splits) per estimator. Default: ${DEFAULT-VALUE}")
    int seeds;

    @Option(names = "--seed", defaultValue = "0", description = "First seed. Default: ${DEFAULT-VALUE}")
    long firstSeed;

    @Option(names = "--baseline", description = "Estimator the others are tested against, seed by seed. Default: the first of --estimators")
    String baseline;

    @Option(names = "--alpha", defaultValue = "0.05", description = "Level of the paired t-tests' verdicts. Default: ${DEFAULT-VALUE}")
    double alpha;

    @Mixin
    DataOption data;

    @Mixin
    EstimatorsOption estimators;

    @Mixin
    OutputOptions output;

    @Mixin
    TrainingOptions training;

    @Mixin
    ModelOptions model;

    @Mixin
    ImageOptions image;

    @Mixin
    RuntimeOptions runtime;

    /** Trains one (estimator, seed) run on split {@code split}. */
    private interface Runner {
        RunOutcome run(int split, TrainConfig config, BnnTrainer.EpochListener listener);
    }

    /**
     * What a compare runs: each estimator's configuration (seed = the first seed), the options every run
     * shares, and the texts of the trace title and the summary's description.
     */
    /** @param fingerprint of the regression data (null for images), so a resumed compare notices a changed file */
    private record Plan(List<TrainConfig> configs, Object options, Runner runner, String dataName, String details,
                        String fingerprint) {}

    @Override
    public Integer call() {
        runtime.apply(ImageDataSpec.isImage(data.spec));
        model.validate();
        if (seeds < 1) {
            throw new RisbnnException("--seeds " + seeds + ": expected an integer >= 1");
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new RisbnnException("--alpha " + alpha + ": expected a number in (0, 1), e.g. 0.05");
        }
        if (!training.method.equals("vi")) {
            throw new RisbnnException("--method: compare takes its methods in --methods (e.g. --methods ris,mc-shared,map)");
        }
        List<String> names = estimatorNames();
        String base = baseline == null ? names.get(0) : baseline.trim();
        if (!names.contains(base)) {
            throw new RisbnnException("--baseline " + base + ": expected one of the --estimators (" + String.join(", ", names) + ")");
        }
        image.checkUnused(data.spec);
        data.tableOptions(); // refuses csv-only options for other data
        Plan plan = ImageDataSpec.isImage(data.spec) ? imagePlan(names) : regressionPlan(names);
        CompareState state = openState(plan, names);
        Comparison comparison = new Comparison(base, alpha);
        for (int k = 0; k < seeds; k++) {
            for (TrainConfig config : plan.configs()) {
                comparison.add(runOrReuse(state, plan, k, config.withSeed(firstSeed + k)));
            }
        }
        Path dir = outDir();
        String title = "Training loss, " + plan.dataName() + ", M=" + training.samples + ", " + objectives(plan.configs())
                + " (seed " + firstSeed + ")";
        comparison.write(dir, title, "data " + data.spec + ", estimators " + String.join(",", names) + ", seeds " + seeds
                + ", " + plan.details() + ", epochs " + plan.configs().get(0).epochs());
        System.out.println();
        System.out.println(comparison.markdown());
        comparison.verdictLines().forEach(System.out::println);
        System.out.println("wrote " + dir.resolve("summary.json") + ", " + dir.resolve("summary.md") + ", "
                + dir.resolve("trace.png") + ", " + dir.resolve("trace-nll.png"));
        return 0;
    }

    /** The trimmed --estimators, each once: two runs of one name would share their files. */
    private List<String> estimatorNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String name : estimators.names) {
            if (!names.add(name.trim())) {
                throw new RisbnnException("--estimators: '" + name.trim() + "' is listed twice; expected each estimator once");
            }
        }
        return List.copyOf(names);
    }

    private Path outDir() {
        return output.out != null ? output.out : DEFAULT_OUT;
    }

    /**
     * Resumes the compare in --out when it holds one (refused under another configuration), else starts one
     * there (refused if --out holds other results, unless --overwrite).
     */
    private CompareState openState(Plan plan, List<String> names) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("data", data.canonicalSpec());
        configuration.put("table", data.tableOptions());
        configuration.put("data_fingerprint", plan.fingerprint());
        configuration.put("estimators", names);
        configuration.put("first_seed", firstSeed);
        configuration.put("training", plan.configs());
        JsonObject options = Json.GSON.toJsonTree(plan.options()).getAsJsonObject();
        options.remove("progress");     // display only
        configuration.put("options", options);
        Path dir = outDir();
        if (!output.overwrite && CompareState.existsIn(dir)) {
            return CompareState.resume(dir, configuration);
        }
        return CompareState.fresh(output.prepare(DEFAULT_OUT), configuration);
    }

    private CompareRun runOrReuse(CompareState state, Plan plan, int split, TrainConfig config) {
        String label = String.format("%-9s seed %d", config.estimator(), config.seed());
        CompareRun run = state.finished(config.estimator(), config.seed());
        if (run != null) {
            System.out.println(MetricsText.line(label + " (finished before, kept)", run.metrics()));
            return run;
        }
        run = CompareRun.of(plan.runner().run(split, config, state.startRun(config.estimator(), config.seed())));
        state.finish(run);
        System.out.println(MetricsText.line(label, run.metrics()) + String.format("  train %.1fs", run.trainSeconds()));
        return run;
    }

    private Plan regressionPlan(List<String> names) {
        RegressionSource source = data.regressionSource();
        if (seeds > source.splitCount()) {
            throw new RisbnnException("--seeds " + seeds + ": " + source.name() + " has only " + source.splitCount() + " splits");
        }
        int validation = image.regressionValidation();
        int trainRows = source.split(0, RegressionRun.SPLIT_SEED).train().length - validation;
        int defaultEpochs = source.epochsHint() != null ? source.epochsHint() : 40;
        RegressionRun.Options options = new RegressionRun.Options(model.hiddenOr(source.hiddenUnitsHint()),
                model.sigmaRatio, model.rho0, model.evalSamples, false, runtime.showProgress(), validation,
                model.variant());
        Runner runner = (split, config, listener) -> {
            FitBuilder fit = FacadeFits.withModelOptions(BayesianNetworks.regression().data(data.canonicalSpec(), source, split), model);
            if (validation > 0) {
                fit.validation(validation);
            }
            return FacadeFits.outcome(fit.epochEvaluation(false).trainConfig(config).progress(runtime.showProgress()).onEpoch(listener));
        };
        return new Plan(configs(names, defaultEpochs, trainRows), options, runner, source.name(),
                "hidden " + Arrays.toString(options.hidden()), io.risbnn.data.Fingerprint.of(source.data()));
    }

    /** Seed k trains on the subset drawn from seed k (the test images are the same for every run). */
    private Plan imagePlan(List<String> names) {
        ClassificationRun.Options options = image.toOptions(model, false, runtime.showProgress());
        ClassificationRun.Data images = ClassificationRun.load(data.canonicalSpec(), options.subset());
        int trainRows = options.subset() > 0 ? Math.min(options.subset(), images.train().size()) : images.train().size();
        Runner runner = (split, config, listener) -> FacadeFits.outcome(FacadeFits.withImageOptions(
                FacadeFits.withModelOptions(BayesianNetworks.images(images), model), options)
                .epochEvaluation(false).trainConfig(config).progress(runtime.showProgress()).onEpoch(listener));
        return new Plan(configs(names, ClassificationRun.DEFAULT_EPOCHS, trainRows), options, runner, images.train().name(),
                "model " + (options.model() != null ? options.model() : "default")
                        + (options.subset() > 0 ? ", subset " + options.subset() : ""), null);
    }

    private List<TrainConfig> configs(List<String> names, int defaultEpochs, int trainRows) {
        List<TrainConfig> configs = new ArrayList<>();
        for (String name : names) {
            TrainConfig config = training.toConfig(name, firstSeed, defaultEpochs, trainRows);
            Estimators.checkPair(Methods.estimatorOf(config.estimator(), config.ris()), config.objective());
            configs.add(config);
        }
        return configs;
    }

    /** "objective mean-var", or "objectives elbo/mean-var" when the estimators' defaults differ. */
    private static String objectives(List<TrainConfig> configs) {
        List<String> names = configs.stream().map(c -> c.objective().cliName()).distinct().toList();
        return (names.size() == 1 ? "objective " : "objectives ") + String.join("/", names);
    }
}
