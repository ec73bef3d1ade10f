package io.risbnn.predict;

import ai.djl.ndarray.NDManager;
import io.risbnn.RisbnnException;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageSet;
import io.risbnn.experiment.ClassificationRun;
import io.risbnn.experiment.ClassificationSetup;
import io.risbnn.experiment.ModelFiles;
import io.risbnn.experiment.RegressionRun;
import io.risbnn.experiment.RegressionSetup;
import io.risbnn.model.BayesianModel;
import io.risbnn.objective.Objective;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.runtime.Devices;
import io.risbnn.train.Checkpoint;
import io.risbnn.train.DenseExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run directory written by {@code risbnn train}, opened for prediction: the one-call library entry
 * point behind {@code risbnn predict}.
 *
 * <pre>{@code
 * try (TrainedRun run = TrainedRun.open(Path.of("runs/concrete"))) {
 *     List<RegressionPredictive> p = run.predict(rows, PredictOptions.defaults());  // rows in original units
 *     double[] mean = p.get(0).mean(), lower = p.get(0).lower(), upper = p.get(0).upper();
 * }
 * }</pre>
 *
 * Regression inputs are feature rows in the original units, in the order of {@link #featureNames()};
 * NaN marks a missing cell, filled as at train time or refused. Image inputs must have the model's
 * shape ({@link #imageShape()}). The first predictive returned is always the sampled networks'; the
 * method's own follows when it has one.
 */
public final class TrainedRun implements AutoCloseable {
    private final NDManager root;
    private final BayesianModel model;
    private final Objective objective;
    private final RegressionSetup regression;
    private final ClassificationSetup classification;
    private final Path dir;
    private final PosteriorOutputs posterior;

    private TrainedRun(NDManager root, BayesianModel model, Objective objective, RegressionSetup regression,
                       ClassificationSetup classification, Path dir, PosteriorOutputs posterior) {
        this.posterior = posterior;
        this.root = root;
        this.model = model;
        this.objective = objective;
        this.regression = regression;
        this.classification = classification;
        this.dir = dir;
    }

    /** The checkpoint of a run directory. */
    public static Path checkpointOf(Path runDir) {
        return runDir.resolve("model").resolve(Checkpoint.FILE_NAME);
    }

    /** @throws RisbnnException naming the directory when it holds no readable run */
    public static TrainedRun open(Path runDir) {
        Path file = checkpointOf(runDir);
        if (!Files.isRegularFile(file)) {
            throw new RisbnnException("--run " + runDir + ": no checkpoint at " + file + " (expected a directory written by risbnn train)");
        }
        NDManager root = Devices.newBaseManager();
        try {
            if (ModelFiles.isClassification(Checkpoint.load(file))) {
                var restored = ModelFiles.loadClassification(file, root);
                return new TrainedRun(root, restored.model(), restored.config().objective(), null, restored.setup(), runDir,
                        ClassificationRun.posterior(restored));
            }
            var restored = ModelFiles.load(file, root);
            return new TrainedRun(root, restored.model(), restored.config().objective(), restored.setup(), null, runDir,
                    RegressionRun.posterior(restored));
        } catch (RuntimeException e) {
            root.close();
            throw e;
        }
    }

    public boolean isClassification() {
        return classification != null;
    }

    public Objective objective() {
        return objective;
    }

    public Path directory() {
        return dir;
    }

    /** The regression setup (names, statistics, data), or null for a classifier. */
    public RegressionSetup regressionSetup() {
        return regression;
    }

    public ClassificationSetup classificationSetup() {
        return classification;
    }

    public List<String> featureNames() {
        return requireRegression().featureNamesOrDefault();
    }

    public String targetName() {
        return requireRegression().targetNameOrDefault();
    }

    public List<String> classNames() {
        return requireClassification().classNamesOrDefault();
    }

    /** (C, H, W) of the classifier's inputs. */
    public int[] imageShape() {
        return requireClassification().model().imageShape().clone();
    }

    /** The posterior as prediction sees it (its run's inference method's). */
    public PosteriorOutputs posterior() {
        return posterior;
    }

    /** Regression predictives of feature rows in original units (NaN: missing, filled as at train time). */
    public List<RegressionPredictive> predict(double[][] rows, PredictOptions options) {
        RegressionSetup setup = requireRegression();
        double[][] filled = filledRows(rows);
        DenseExamples inputs = new DenseExamples(setup.features().transform(filled), new double[filled.length]);
        return new RegressionPredictor(posterior, posterior.noise(), setup.targets()).predict(inputs, options.samples(), options.seed(),
                options.interval());
    }

    /** Classification predictives of images of the model's shape. */
    public List<ClassificationPredictive> predict(ImageSet images, PredictOptions options) {
        ClassificationSetup setup = requireClassification();
        int[] shape = imageShape();
        if (images.channels() != shape[0] || images.height() != shape[1] || images.width() != shape[2]) {
            throw new IllegalArgumentException("images are " + images.channels() + "×" + images.height() + "×" + images.width()
                    + ", the model takes " + shape[0] + "×" + shape[1] + "×" + shape[2]);
        }
        ImageExamples inputs = new ImageExamples(images, setup.normalizer(), null, 0);
        return new ClassificationPredictor(posterior(), classNames()).predict(inputs, options.samples(), options.seed());
    }

    /** Rows with missing cells filled by the run's fill values; refused when the run had none. */
    public double[][] filledRows(double[][] rows) {
        RegressionSetup setup = requireRegression();
        int width = setup.featureMeans().length;
        double[][] out = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != width) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " features, the model takes " + width);
            }
            out[r] = rows[r].clone();
            for (int f = 0; f < width; f++) {
                if (Double.isNaN(out[r][f])) {
                    if (setup.fillValues() == null) {
                        throw new IllegalArgumentException("row " + r + " feature " + featureNames().get(f)
                                + " is missing and the run was trained without --impute");
                    }
                    out[r][f] = setup.fillValues()[f];
                }
            }
        }
        return out;
    }

    private RegressionSetup requireRegression() {
        if (regression == null) {
            throw new IllegalStateException(dir + " holds a classifier, not a regression run");
        }
        return regression;
    }

    private ClassificationSetup requireClassification() {
        if (classification == null) {
            throw new IllegalStateException(dir + " holds a regression run, not a classifier");
        }
        return classification;
    }

    @Override
    public void close() {
        model.close();
        root.close();
    }
}
