package io.risbnn.api;

import io.risbnn.train.ShapedExamples;
import ai.djl.ndarray.types.Shape;
import io.risbnn.data.FeatureStandardizer;
import io.risbnn.data.TargetStandardizer;
import java.util.List;

/**
 * What turns a user's inputs into the network's and its outputs back: the training statistics that
 * standardise every input value and the regression target, the names of the features, the target and
 * the classes, the shape of one example, and the fill values of missing input values (null: refused).
 * Saved with the posterior, so a loaded one predicts in the units it was trained in.
 *
 * @param targetMean NaN for classification (no target scaling)
 * @param classNames null for regression
 */
public record Scaling(double[] featureMeans, double[] featureStds, double targetMean, double targetStd,
                      List<String> featureNames, String targetName, List<String> classNames, long[] exampleShape,
                      double[] fillValues) {
    /** Statistics of the training rows; a constant input value is centred only (its std counts as 1). */
    static Scaling fit(double[][] x, double[] y, boolean classification, boolean standardize, List<String> featureNames,
                       String targetName, List<String> classNames, Shape exampleShape) {
        int width = Math.toIntExact(exampleShape.size());
        double[] means = new double[width];
        double[] stds = new double[width];
        java.util.Arrays.fill(stds, 1);
        if (standardize) {
            FeatureStandardizer fitted = FeatureStandardizer.fit(x);
            for (int j = 0; j < width; j++) {
                means[j] = fitted.means()[j];
                double s = fitted.stds()[j];
                stds[j] = s > 0 && Double.isFinite(s) ? s : 1;
            }
        }
        double targetMean = Double.NaN;
        double targetStd = Double.NaN;
        if (!classification) {
            TargetStandardizer t = standardize ? TargetStandardizer.fit(y) : TargetStandardizer.of(0, 1);
            targetMean = t.mean();
            targetStd = t.std() > 0 ? t.std() : 1;
        }
        return new Scaling(means, stds, targetMean, targetStd, featureNames, targetName, classNames, exampleShape.getShape(),
                null);
    }

    /**
     * Whether the posterior this scales for is a classifier (no target scaling).
     *
     * @return true when there are class names
     */
    public boolean isClassification() {
        return classNames != null;
    }

    /**
     * The shape of one input example, as the network takes it.
     *
     * @return the shape, without the batch axis
     */
    public Shape shape() {
        return new Shape(exampleShape);
    }

    /**
     * The standardisation of the input values: (x − mean) / std per value of an example.
     *
     * @return the standardiser of the training statistics (identity when trained without standardisation)
     */
    public FeatureStandardizer features() {
        return FeatureStandardizer.of(featureMeans, featureStds);
    }

    /**
     * The standardisation of the regression target, which predictions undo to return to target units.
     *
     * @return the standardiser (NaN mean and std for classification)
     */
    public TargetStandardizer targets() {
        return TargetStandardizer.of(targetMean, targetStd);
    }

    /**
     * Turns rows in the user's units into standardised network inputs, as {@link Posterior#predict} does.
     *
     * @param rows [N][F] with F the values of an example; NaN: missing, filled with the fill values
     * @return the examples, shaped as {@link #shape()}
     * @throws IllegalArgumentException if a row has another width, or a value is missing without fill values
     */
    public ShapedExamples encode(double[][] rows) {
        return ShapedExamples.of(features().transform(filled(rows)), null, shape());
    }

    /**
     * Replaces the missing (NaN) values of rows by the fill values (the column means or medians of a
     * {@code csv:} table run with imputation).
     *
     * @param rows [N][F] in the user's units; not modified
     * @return copies of the rows, without NaN
     * @throws IllegalArgumentException if a row has another width, or a value is missing and there are no fill values
     */
    public double[][] filled(double[][] rows) {
        double[][] filled = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != featureMeans.length) {
                throw new IllegalArgumentException("inputs: row " + r + " has " + rows[r].length + " values, the model takes "
                        + featureMeans.length + " (an example of shape " + shape() + ")");
            }
            filled[r] = rows[r].clone();
            for (int f = 0; f < filled[r].length; f++) {
                if (Double.isNaN(filled[r][f])) {
                    if (fillValues == null) {
                        throw new IllegalArgumentException("inputs: row " + r + " value " + featureNames.get(f)
                                + " is missing and the model has no fill values (trained without imputation)");
                    }
                    filled[r][f] = fillValues[f];
                }
            }
        }
        return filled;
    }

    /**
     * This scaling with fill values for missing inputs, so {@link #filled} accepts NaN cells.
     *
     * @param values one per value of an example, in the user's units; null: missing values refused
     * @return a new scaling, the rest unchanged
     */
    public Scaling withFillValues(double[] values) {
        return new Scaling(featureMeans, featureStds, targetMean, targetStd, featureNames, targetName, classNames,
                exampleShape, values);
    }
}
