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
    /**
     * A setup without validation rows, names, table options, fill values or fingerprint (as older checkpoints
     * read back).
     *
     * @param dataSpec the data spec the run was trained on
     * @param split the split index
     * @param model the model's spec
     * @param featureMeans the training rows' mean of each feature
     * @param featureStds the training rows' std of each feature
     * @param targetMean the training rows' target mean
     * @param targetStd the training rows' target std
     */
    public RegressionSetup(String dataSpec, int split, ModelSpec model, double[] featureMeans, double[] featureStds,
                           double targetMean, double targetStd) {
        this(dataSpec, split, model, featureMeans, featureStds, targetMean, targetStd, 0, 0, null, null, null, null, null);
    }

    /**
     * The column names of the features, or generated ones for checkpoints that predate them.
     *
     * @return one name per feature, {@code x1..xd} when none are recorded
     */
    public List<String> featureNamesOrDefault() {
        return featureNames != null ? featureNames : io.risbnn.data.RegressionData.defaultNames(featureMeans.length);
    }

    /**
     * The name of the target column, or a generic one for checkpoints that predate it.
     *
     * @return the name, {@code y} when none is recorded
     */
    public String targetNameOrDefault() {
        return targetName != null ? targetName : "y";
    }

    /**
     * Reopens the data source the run was trained on, with the same {@code csv:} table options.
     *
     * @return the source of {@code dataSpec}
     * @throws io.risbnn.RisbnnException if the spec no longer opens (files moved or unreadable)
     */
    public io.risbnn.data.RegressionSource openSource() {
        return io.risbnn.data.DataSpec.parseRegression(dataSpec, table);
    }

    /**
     * Whether two setups describe the same run: same data, split, held-out rows, model and standardisation
     * statistics (records compare arrays by identity); a resume refuses data whose setup differs.
     *
     * @param o the other setup
     * @return true when they match (fingerprints compared only when both have one)
     */
    public boolean sameAs(RegressionSetup o) {
        return dataSpec.equals(o.dataSpec) && split == o.split && model.equals(o.model)
                && validation == o.validation && (validation == 0 || validationSeed == o.validationSeed)
                && java.util.Arrays.equals(featureMeans, o.featureMeans) && java.util.Arrays.equals(featureStds, o.featureStds)
                && targetMean == o.targetMean && targetStd == o.targetStd
                && (fingerprint == null || o.fingerprint == null || fingerprint.equals(o.fingerprint));
    }

    /**
     * The standardisation of the features with the training statistics.
     *
     * @return the standardiser of {@code featureMeans} and {@code featureStds}
     */
    public FeatureStandardizer features() {
        return FeatureStandardizer.of(featureMeans, featureStds);
    }

    /**
     * The standardisation of the target with the training statistics, which evaluation undoes to report in
     * original units.
     *
     * @return the standardiser of {@code targetMean} and {@code targetStd}
     */
    public TargetStandardizer targets() {
        return TargetStandardizer.of(targetMean, targetStd);
    }
}
