package io.risbnn.experiment;

import io.risbnn.data.FeatureStandardizer;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.data.TableOptions;
import io.risbnn.model.ModelSpec;
import java.util.List;

/**
 * What a regression run needs to be reproduced or evaluated later: where the data came from, which
 * split, how many training rows were held out for validation (0: none; drawn from {@code
 * validationSeed}, see {@link io.risbnn.data.TrainTestSplit#holdOut}), and the training statistics
 * used to standardise features and targets (computed on the rows actually trained on).
 * Checkpoints written before validation existed read back with {@code validation} 0.
 *
 * <p>For {@code predict} and for checks of the data, it also records the column names, the options of
 * a {@code csv:} table ({@code table}, null for other sources), the fill values of missing feature
 * cells (null: missing cells are refused) and the SHA-256 {@link io.risbnn.data.Fingerprint} of all
 * rows of the data (null in checkpoints written before these existed).
 */
public record RegressionSetup(String dataSpec, int split, ModelSpec model, double[] featureMeans, double[] featureStds,
                              double targetMean, double targetStd, int validation, long validationSeed,
                              List<String> featureNames, String targetName, TableOptions table, double[] fillValues,
                              String fingerprint) {
    public RegressionSetup(String dataSpec, int split, ModelSpec model, double[] featureMeans, double[] featureStds,
                           double targetMean, double targetStd) {
        this(dataSpec, split, model, featureMeans, featureStds, targetMean, targetStd, 0, 0, null, null, null, null, null);
    }

    /** Column names of the features ({@code x1..xd} for checkpoints that predate them). */
    public List<String> featureNamesOrDefault() {
        return featureNames != null ? featureNames : io.risbnn.data.RegressionData.defaultNames(featureMeans.length);
    }

    public String targetNameOrDefault() {
        return targetName != null ? targetName : "y";
    }

    /** Reopens the data source the run was trained on. */
    public io.risbnn.data.RegressionSource openSource() {
        return io.risbnn.data.DataSpec.parseRegression(dataSpec, table);
    }

    /** Same data, split, held-out rows, model and standardisation statistics (records compare arrays by identity). */
    public boolean sameAs(RegressionSetup o) {
        return dataSpec.equals(o.dataSpec) && split == o.split && model.equals(o.model)
                && validation == o.validation && (validation == 0 || validationSeed == o.validationSeed)
                && java.util.Arrays.equals(featureMeans, o.featureMeans) && java.util.Arrays.equals(featureStds, o.featureStds)
                && targetMean == o.targetMean && targetStd == o.targetStd
                && (fingerprint == null || o.fingerprint == null || fingerprint.equals(o.fingerprint));
    }

    public FeatureStandardizer features() {
        return FeatureStandardizer.of(featureMeans, featureStds);
    }

    public TargetStandardizer targets() {
        return TargetStandardizer.of(targetMean, targetStd);
    }
}
