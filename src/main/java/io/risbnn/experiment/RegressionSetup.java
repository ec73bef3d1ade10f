package io.risbnn.experiment;

import io.risbnn.data.FeatureStandardizer;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.model.ModelSpec;

/**
 * What a regression run needs to be reproduced or evaluated later: where the data came from, which
 * split, how many training rows were held out for validation (0: none; drawn from {@code
 * validationSeed}, see {@link io.risbnn.data.TrainTestSplit#holdOut}), and the training statistics
 * used to standardise features and targets (computed on the rows actually trained on).
 * Checkpoints written before validation existed read back with {@code validation} 0.
 */
public record RegressionSetup(String dataSpec, int split, ModelSpec model, double[] featureMeans, double[] featureStds,
                              double targetMean, double targetStd, int validation, long validationSeed) {
    public RegressionSetup(String dataSpec, int split, ModelSpec model, double[] featureMeans, double[] featureStds,
                           double targetMean, double targetStd) {
        this(dataSpec, split, model, featureMeans, featureStds, targetMean, targetStd, 0, 0);
    }

    /** Same data, split, held-out rows, model and standardisation statistics (records compare arrays by identity). */
    public boolean sameAs(RegressionSetup o) {
        return dataSpec.equals(o.dataSpec) && split == o.split && model.equals(o.model)
                && validation == o.validation && (validation == 0 || validationSeed == o.validationSeed)
                && java.util.Arrays.equals(featureMeans, o.featureMeans) && java.util.Arrays.equals(featureStds, o.featureStds)
                && targetMean == o.targetMean && targetStd == o.targetStd;
    }

    public FeatureStandardizer features() {
        return FeatureStandardizer.of(featureMeans, featureStds);
    }

    public TargetStandardizer targets() {
        return TargetStandardizer.of(targetMean, targetStd);
    }
}
