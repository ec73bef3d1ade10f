package io.risbnn.cli;

import ai.djl.ndarray.NDManager;
import io.risbnn.RisbnnException;
import io.risbnn.api.Posterior;
import io.risbnn.data.DataSpec;
import io.risbnn.data.FeatureStandardizer;
import io.risbnn.data.RegressionData;
import io.risbnn.data.RegressionSource;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.data.TrainTestSplit;
import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.Estimators;
import io.risbnn.eval.VarianceStudy;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.RegressionSetup;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.objective.Objective;
import io.risbnn.report.AtomicFiles;
import io.risbnn.report.Json;
import io.risbnn.report.MarkdownTable;
import io.risbnn.runtime.Devices;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.variational.Priors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code risbnn variance}: variance of the loss and of ∂loss/∂μ, ∂loss/∂ρ per layer for each
 * estimator at fixed parameters (a trained run, or the initial state), as ratios to mc-shared and lrt.
 */
@Command(name = "variance", mixinStandardHelpOptions = true,
        description = "Variance of the loss and its gradients per estimator; writes DIR/variance.json and prints tables.")
final class VarianceCommand implements Callable<Integer> {
    @Option(names = "--run", description = "A run directory from train: measure at its trained parameters on its training split.")
    Path run;

    @Option(names = "--repeats", defaultValue = "200", description = "R, repeats per estimator. Default: ${DEFAULT-VALUE}")
    int repeats;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the model initialisation and of every repeat's noise. Default: ${DEFAULT-VALUE}")
    long seed;

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
    RuntimeOptions runtime;

    @Override
    public Integer call() {
        runtime.apply();
        model.validate();
        if (repeats < 3) {
            throw new RisbnnException("--repeats " + repeats + ": expected an integer >= 3");
        }
        Objective objective = training.objective != null ? Objective.parse(training.objective) : runObjective();
        boolean defaultList = estimators.names.equals(EstimatorsOption.DEFAULT);
        List<Estimator> list = new ArrayList<>();
        for (String name : estimators.names) {
            Estimator e = Estimators.byName(name, training.risConfig());
            if (defaultList && !e.supports(objective)) {
                System.out.println("(" + e.name() + " skipped: it does not serve --objective " + objective.cliName() + ")");
                continue;
            }
            Estimators.checkPair(e, objective);
            list.add(e);
        }
        Path dir = output.prepare(Path.of("risbnn-variance"));
        Seeds.seedEngine(seed);
        try (NDManager root = Devices.newBaseManager()) {
            try (Setup setup = run != null ? fromRun() : fresh(root)) {
                BayesianModel bnn = setup.model();
                int batch = Math.min(training.batchSize, setup.train.size());
                int[] rows = new int[batch];
                for (int i = 0; i < batch; i++) {
                    rows[i] = i;
                }
                TrainConfig config = training.toConfig("lrt", seed, 1, setup.train.size());
                double klFactor = config.kl().klWeight() * config.kl().temperature() / setup.train.size();
                VarianceStudy study = new VarianceStudy(bnn, Priors.parse(config.prior()), klFactor);
                Map<String, VarianceStudy.Result> results = new LinkedHashMap<>();
                for (Estimator e : list) {
                    Seeds.seedEngine(seed);
                    results.put(e.name(), study.measure(e, objective, training.samples, repeats, setup.train, rows));
                }
                write(dir, results, setup.state, objective);
            }
        }
        return 0;
    }

    /** The objective of --run's training, or moment for a fresh model (every estimator serves it). */
    private Objective runObjective() {
        if (run == null) {
            return Objective.MOMENT;
        }
        // a first load just for the objective, closed at once: the estimators are checked before any output is made
        try (Posterior trained = openRun()) {
            return trained.config().objective();
        }
    }

    /**
     * The model under study, with its training examples; {@code posterior} is the run's (closed with it), null for
     * a fresh model.
     */
    private record Setup(BayesianModel model, DenseExamples train, String state, Posterior posterior) implements AutoCloseable {
        @Override
        public void close() {
            if (posterior != null) {
                posterior.close();
            } else {
                model.close();
            }
        }
    }

    private Posterior openRun() {
        Posterior trained = RunDirectories.open(run);
        if (trained.runSetup() == null) {
            trained.close();
            throw new RisbnnException("--run " + run + ": an image classification run; variance measures a regression run");
        }
        return trained;
    }

    private Setup fromRun() {
        Posterior trained = openRun();
        try {
            RegressionSetup setup = trained.runSetup();
            RegressionSource source = setup.openSource();
            TrainTestSplit split = source.split(setup.split(), RegressionRun.SPLIT_SEED);
            RegressionData train = source.data().subset(split.train());
            DenseExamples examples = new DenseExamples(setup.features().transform(train.features()),
                    setup.targets().transform(train.targets()));
            return new Setup(trained.model(), examples, "trained (" + run + ")", trained);
        } catch (RuntimeException e) {
            trained.close();
            throw e;
        }
    }

    private Setup fresh(NDManager root) {
        RegressionSource source = data.regressionSource();
        TrainTestSplit split = source.split(0, RegressionRun.SPLIT_SEED);
        RegressionData train = source.data().subset(split.train());
        FeatureStandardizer f = FeatureStandardizer.fit(train.features());
        TargetStandardizer t = TargetStandardizer.fit(train.targets());
        DenseExamples examples = new DenseExamples(f.transform(train.features()), t.transform(train.targets()));
        ModelSpec spec = model.variant().applyTo(ModelSpec.regressionMlp(train.featureCount(),
                model.hiddenOr(source.hiddenUnitsHint()), model.sigmaRatio, model.rho0));
        return new Setup(Models.build(spec, root), examples, "initialisation (" + source.name() + ")", null);
    }

    private void write(Path dir, Map<String, VarianceStudy.Result> results, String state, Objective objective) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("state", state);
        json.put("objective", objective.cliName());
        json.put("samples", training.samples);
        json.put("repeats", repeats);
        json.put("relative_standard_error_of_each_variance", VarianceStudy.relativeStandardError(repeats));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (VarianceStudy.Result r : results.values()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("estimator", r.estimator());
            row.put("loss_mean", r.lossMean());
            row.put("variance", r.asMap());
            row.put("ess_fraction", r.essFraction());
            for (String ref : List.of("mc-shared", "lrt")) {
                if (results.containsKey(ref)) {
                    row.put("ratio_to_" + ref, VarianceStudy.ratios(r, results.get(ref)));
                }
            }
            rows.add(row);
        }
        json.put("results", rows);
        AtomicFiles.writeString(dir.resolve("variance.json"), Json.toJson(json));
        System.out.printf("Variance at %s, objective %s, M=%d, R=%d (each variance ±%.0f%% relative SE)%n%n", state,
                objective.cliName(), training.samples, repeats, 100 * VarianceStudy.relativeStandardError(repeats));
        System.out.println(table(results, null));
        for (String ref : List.of("mc-shared", "lrt")) {
            if (results.containsKey(ref)) {
                System.out.println("Ratio to " + ref + ":");
                System.out.println(table(results, results.get(ref)));
            }
        }
        System.out.println("wrote " + dir.resolve("variance.json"));
    }

    private static String table(Map<String, VarianceStudy.Result> results, VarianceStudy.Result reference) {
        List<String> keys = new ArrayList<>(results.values().iterator().next().asMap().keySet());
        List<String> headers = new ArrayList<>(List.of("estimator"));
        keys.forEach(k -> headers.add(k.equals("loss") ? "Var loss" : "Var ∂/∂" + k));
        MarkdownTable t = new MarkdownTable(headers.toArray(String[]::new));
        for (VarianceStudy.Result r : results.values()) {
            Map<String, Double> values = reference == null ? r.asMap() : VarianceStudy.ratios(r, reference);
            List<String> row = new ArrayList<>(List.of(r.estimator()));
            // 0/0 (e.g. the output layer's ρ under moment, whose gradient has no sampling noise) shows as "–"
            keys.forEach(k -> row.add(Double.isNaN(values.get(k)) ? "–"
                    : String.format(reference == null ? "%.3e" : "%.3f", values.get(k))));
            t.addRow(row.toArray(String[]::new));
        }
        return t.render();
    }
}
