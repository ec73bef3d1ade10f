package io.risbnn.experiment;

import io.risbnn.data.image.ChannelNormalizer;
import io.risbnn.model.ModelSpec;
import java.util.Arrays;
import java.util.List;

/**
 * What an image classification run needs to be reproduced or evaluated later: the data spec, the
 * training subset (0: all images), the held-out validation images (0: none) and the seed that drew both, whether training batches are augmented,
 * the model, and the per-channel statistics of the training images. {@code split} is always 0 (image
 * data sets come with their own test set); it is kept so run directories read like regression ones.
 * {@code classNames} (for {@code predict}) and {@code testFingerprint} (SHA-256 of the test images, so
 * {@code eval} can tell whether it reads the images the run was tested on) are null in checkpoints
 * that predate them.
 */
public record ClassificationSetup(String dataSpec, int split, int subset, int validation, long subsetSeed, boolean augment,
                                  ModelSpec model, float[] channelMeans, float[] channelStds, List<String> classNames,
                                  String testFingerprint) {
    /**
     * The class names, or generated ones for checkpoints that predate them.
     *
     * @return the K names, or {@code class0..class(K-1)}
     */
    public List<String> classNamesOrDefault() {
        if (classNames != null) {
            return classNames;
        }
        List<String> names = new java.util.ArrayList<>();
        for (int k = 0; k < model.outputs(); k++) {
            names.add("class" + k);
        }
        return names;
    }

    /**
     * Whether two setups describe the same run: same data, subset, model and normalisation statistics (records
     * compare arrays by identity); a resume refuses data whose setup differs.
     *
     * @param o the other setup
     * @return true when data spec, split, subset, validation, seed, augmentation, model and channel statistics match
     */
    public boolean sameAs(ClassificationSetup o) {
        return dataSpec.equals(o.dataSpec) && split == o.split && subset == o.subset && validation == o.validation && subsetSeed == o.subsetSeed
                && augment == o.augment && model.equals(o.model)
                && Arrays.equals(channelMeans, o.channelMeans) && Arrays.equals(channelStds, o.channelStds);
    }

    /**
     * The normalisation of the training images, per channel, which test and predicted images go through too.
     *
     * @return the normaliser of {@code channelMeans} and {@code channelStds}
     */
    public ChannelNormalizer normalizer() {
        return new ChannelNormalizer(channelMeans, channelStds);
    }
}
