package io.risbnn.cli;

import io.risbnn.RisbnnException;
import io.risbnn.api.Posterior;
import io.risbnn.data.Fingerprint;
import io.risbnn.experiment.RegressionSetup;
import io.risbnn.data.RegressionData;
import io.risbnn.data.RegressionSource;
import io.risbnn.data.TrainTestSplit;
import io.risbnn.eval.RegressionEvaluation;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.ClassificationSetup;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.report.Json;
import io.risbnn.train.DenseExamples;
import io.risbnn.train.Seeds;
import java.nio.file.Path;
import io.risbnn.eval.metrics.IntervalCoverage;

import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.predict.RegressionPredictor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code risbnn eval}: re-evaluates a trained run on its test split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a trained run (DIR from train) on its test split; prints and writes DIR/eval.json.")
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--run", required = true, description = "Run directory written by train.")
    Path run;

    @Option(names = {"--samples", "--eval-samples"}, defaultValue = "100", description = "Networks sampled from the posterior for the predictive (--eval-samples, as train calls it, is the same option). Default: ${DEFAULT-VALUE}")
    int samples;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the predictive samples. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the results. Default: RUN/eval.json")
    Path out;

    @Mixin
    RuntimeOptions runtime;

    /** Notes on the data, recorded in eval.json: whether it is still the data the run was trained on. */
    private final Map<String, Object> dataCheck = new LinkedHashMap<>();

    @Override
    public Integer call() {
        runtime.apply();
        if (samples < 1) {
            throw new RisbnnException("--samples " + samples + ": expected an integer >= 1");
        }
        Seeds.seedEngine(seed);   // before the load: its initialisation draws, then the networks' seed, as they always did
        try (Posterior trained = RunDirectories.open(run)) {
            if (trained.imageRunSetup() != null) {
                evaluateImages(trained);
            } else {
                evaluateTable(trained);
            }
        }
        return 0;
    }

    private void evaluateImages(Posterior trained) {
        ClassificationSetup setup = trained.imageRunSetup();
        var images = ClassificationRun.testImages(setup);
        checkFingerprint(setup.dataSpec(), setup.testFingerprint(), images.fingerprint(), "test images");
        Map<String, double[][]> predictives = new LinkedHashMap<>();
        Map<String, Double> metrics = ClassificationRun.evaluate(trained.model(), setup, trained.outputs(), images, samples,
                predictives);
        write(metrics);
        plots(() -> EvalPlots.classification(outDir(), images.name(), predictives, images.labels(), written));
    }

    private void evaluateTable(Posterior trained) {
        RegressionSetup setup = trained.runSetup();
        RegressionSource source = setup.openSource();
        checkFingerprint(setup, source.data());
        TrainTestSplit split = source.split(setup.split(), RegressionRun.SPLIT_SEED);
        if (split.test().length == 0) {
            throw new RisbnnException("--run " + run + ": the run was trained on every row (--no-test), so it has no test"
                    + " rows to evaluate; use risbnn predict on new data");
        }
        RegressionData test = source.data().subset(split.test());
        var targets = setup.targets();
        DenseExamples testSet = new DenseExamples(setup.features().transform(test.features()),
                targets.transform(test.targets()));
        PosteriorOutputs posterior = trained.outputs();
        Map<String, Double> metrics = RegressionEvaluation.evaluate(posterior, testSet, test.targets(), targets, samples,
                io.risbnn.eval.Predictive.drawSeed(trained.model().manager()));
        // the figures' predictives at every interval level, from one draw of the networks
        var byLevel = new RegressionPredictor(posterior, posterior.noise(), targets)
                .atLevels(testSet, samples, seed, IntervalCoverage.standardLevels());
        double[] x = test.featureCount() == 1 ? firstColumn(test.features()) : null;
        coverage = EvalPlots.regressionCoverage(byLevel, test.targets());
        write(metrics);
        plots(() -> EvalPlots.regression(outDir(), source.name(), setup.targetNameOrDefault(), test.targets(), x, byLevel,
                written));
    }

    /** Figures written, for the closing "wrote" line. */
    private final List<Path> written = new ArrayList<>();
    /** Observed central-interval coverage per predictive and level (regression), for eval.json. */
    private Map<String, Map<String, Double>> coverage;

    /** Draws the figures after the results are safe; a figure that cannot be written is named, not fatal to them. */
    private void plots(Runnable draw) {
        try {
            draw.run();
            System.out.println("wrote " + outFile() + (written.isEmpty() ? "" : ", " + EvalPlots.list(written)));
        } catch (RuntimeException e) {
            throw new RisbnnException("the results were written to " + outFile() + ", but a figure could not be: "
                    + io.risbnn.ErrorText.oneLine(e));
        }
    }

    /** The folder of the results file, as the user named it (relative stays relative). */
    private Path outDir() {
        Path parent = outFile().getParent();
        return parent != null ? parent : Path.of("");
    }

    private static double[] firstColumn(double[][] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][0];
        }
        return out;
    }

    private Path outFile() {
        return out != null ? out : run.resolve("eval.json");
    }

    /** Says clearly when the data behind the run's spec is no longer the data it was trained on. */
    private void checkFingerprint(RegressionSetup setup, RegressionData data) {
        checkFingerprint(setup.dataSpec(), setup.fingerprint(), Fingerprint.of(data), "data");
    }

    /** @param then the fingerprint recorded at training (null: the checkpoint predates fingerprints) */
    private void checkFingerprint(String spec, String then, String now, String what) {
        dataCheck.put("data", spec);
        dataCheck.put("fingerprint", now);
        if (then == null) {
            dataCheck.put("same_data", "unknown (the checkpoint predates data fingerprints)");
            return;
        }
        boolean same = now.equals(then);
        dataCheck.put("same_data", same);
        if (!same) {
            dataCheck.put("fingerprint_at_training", then);
            System.err.println("risbnn: note: the " + what + " behind " + spec + " changed since the run was trained (fingerprint "
                    + then.substring(0, 12) + " then, " + now.substring(0, 12) + " now): this evaluates NEW data, which may"
                    + " overlap the rows the run trained on");
        }
    }

    private void write(Map<String, Double> metrics) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", run.toString());
        json.put("samples", samples);
        if (!dataCheck.isEmpty()) {
            json.put("data_check", dataCheck);
        }
        json.put("metrics", metrics);
        if (coverage != null) {
            json.put("interval_coverage", coverage);
        }
        System.out.println(MetricsText.line("eval " + run, metrics));
        OutputFile.writeOrPrint(outFile(), Json.toJson(json), "results (as JSON)");
    }
}
