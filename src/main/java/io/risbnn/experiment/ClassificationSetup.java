package io.risbnn.experiment;

import io.risbnn.data.image.ChannelNormalizer;
import io.risbnn.model.ModelSpec;
import java.util.Arrays;

/**
 * What an image classification run needs to be reproduced or evaluated later: the data spec, the
 * training subset (0: all images), the held-out validation images (0: none) and the seed that drew both, whether training batches are augmented,
 * the model, and the per-channel statistics of the training images. {@code split} is always 0 (image
 * data sets come with their own test set); it is kept so run directories read like regression ones.
 */
public record ClassificationSetup(String dataSpec, int split, int subset, int validation, long subsetSeed, boolean augment,
                                  ModelSpec model, float[] channelMeans, float[] channelStds) {
    /** Same data, subset, model and normalisation statistics (records compare arrays by identity). */
    public boolean sameAs(ClassificationSetup o) {
        return dataSpec.equals(o.dataSpec) && split == o.split && subset == o.subset && validation == o.validation && subsetSeed == o.subsetSeed
                && augment == o.augment && model.equals(o.model)
                && Arrays.equals(channelMeans, o.channelMeans) && Arrays.equals(channelStds, o.channelStds);
    }

    public ChannelNormalizer normalizer() {
        return new ChannelNormalizer(channelMeans, channelStds);
    }
}
