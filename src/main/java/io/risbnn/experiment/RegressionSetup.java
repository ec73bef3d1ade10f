package io.risbnn.experiment;

import io.risbnn.data.FeatureStandardizer;
import io.risbnn.data.TargetStandardizer;
import io.risbnn.model.ModelSpec;

/**
 * What a regression run needs to be reproduced or evaluated later: where the data came from, which
 * split, and the training statistics used to standardise features and targets.
 */
public record RegressionSetup(String dataSpec, int split, ModelSpec model, double[] featureMeans, double[] featureStds,
                              double targetMean, double targetStd) {
    /** Same data, split, model and standardisation statistics (records compare arrays by identity). */
    public boolean sameAs(RegressionSetup o) {
        return dataSpec.equals(o.dataSpec) && split == o.split && model.equals(o.model)
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
