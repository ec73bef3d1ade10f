package io.risbnn.method.swag;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.util.Pair;
import io.risbnn.data.image.ChannelNormalizer;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.data.image.ImageSet;
import io.risbnn.method.MaximumAPosteriori;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.ModelSpec;
import io.risbnn.model.Models;
import io.risbnn.model.vision.BayesConvBnRelu;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.Seeds;
import io.risbnn.train.BnnTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Recomputing BatchNorm statistics gives the dataset's, deterministically, and touches nothing else. */
class BatchNormUpdateTest {
    private static final int N = 20;

    static ImageExamples randomImages(int n) {
        SplittableRandom random = new SplittableRandom(3);
        byte[] pixels = new byte[n * 3 * 8 * 8];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) random.nextInt(256);
        }
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        ImageSet set = new ImageSet("random", 3, 8, 8, List.of("a", "b", "c"), pixels, labels);
        return new ImageExamples(set, ChannelNormalizer.fit(set), null, 0);
    }

    static ModelSpec resnet8() {
        return new ModelSpec("resnet8", 3 * 8 * 8, new int[0], 3, "categorical", 0.01, null, true, 0.5, new int[] {3, 8, 8});
    }

    private static BayesConvBnRelu firstFused(Block block) {
        if (block instanceof BayesConvBnRelu fused) {
            return fused;
        }
        for (Pair<String, Block> child : block.getChildren()) {
            BayesConvBnRelu found = firstFused(child.getValue());
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    @Test
    void runningStatisticsBecomeTheDatasetsAndNothingElseChanges() {
        ImageExamples data = randomImages(N);
        Seeds.seedEngine(0);
        try (NDManager root = NDManager.newBaseManager(); BayesianModel model = Models.build(resnet8(), root)) {
            new MaximumAPosteriori().prepare(model);
            List<NamedParameter> all = BnnTrainer.namedParametersOf(model);
            List<float[]> before = new ArrayList<>();
            for (NamedParameter p : all) {
                before.add(p.array().toType(DataType.FLOAT32, false).toFloatArray());
            }
            BatchNormUpdate.recompute(model, data, 8);    // batches of 8, 8, 4
            int runningChanged = 0;
            for (int i = 0; i < all.size(); i++) {
                float[] after = all.get(i).array().toType(DataType.FLOAT32, false).toFloatArray();
                if (all.get(i).name().contains("running")) {
                    runningChanged += Arrays.equals(before.get(i), after) ? 0 : 1;
                } else {
                    assertArrayEquals(before.get(i), after, 0f, all.get(i).name() + " must not change");
                }
            }
            assertEquals(BatchNormUpdate.norms(model).size() * 2, runningChanged, "every running array was recomputed");

            // the stem's BatchNorm input is conv(x, μ): its per-channel mean and unbiased variance over all images
            BayesConvBnRelu stem = firstFused(model.network());
            double[] mean;
            double[] variance;
            try (NDManager m = root.newSubManager()) {
                int[] rows = new int[N];
                Arrays.setAll(rows, i -> i);
                NDArray a = stem.conv().linearMap().apply(data.features(m, rows), stem.conv().weight().mu());
                long channels = a.getShape().get(1);
                double[] values = a.transpose(1, 0, 2, 3).reshape(channels, -1).toType(DataType.FLOAT64, false).toDoubleArray();
                int per = (int) (values.length / channels);
                mean = new double[(int) channels];
                variance = new double[(int) channels];
                for (int c = 0; c < channels; c++) {
                    double s = 0;
                    for (int k = 0; k < per; k++) {
                        s += values[c * per + k];
                    }
                    mean[c] = s / per;
                    double ss = 0;
                    for (int k = 0; k < per; k++) {
                        double d = values[c * per + k] - mean[c];
                        ss += d * d;
                    }
                    variance[c] = ss / (per - 1);
                }
            }
            float[] runningMean = stem.batchNormParameter("runningMean").getArray().toFloatArray();
            float[] runningVar = stem.batchNormParameter("runningVar").getArray().toFloatArray();
            for (int c = 0; c < mean.length; c++) {
                double scale = Math.sqrt(variance[c]);
                assertEquals(mean[c], runningMean[c], 1e-5 * scale + 1e-6, "running mean of channel " + c);
                assertEquals(variance[c], runningVar[c], 1e-4 * variance[c], "running variance of channel " + c);
            }

            // deterministic, and the batching does not matter (up to float rounding)
            List<float[]> first = BatchNormUpdate.snapshot(model);
            BatchNormUpdate.recompute(model, data, 8);
            List<float[]> second = BatchNormUpdate.snapshot(model);
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), second.get(i), 0f, "recomputation is deterministic");
            }
            // the stem's statistics do not depend on the batching (up to float rounding); deeper ones do, as
            // their inputs were normalised with batch statistics in training mode
            BatchNormUpdate.recompute(model, data, N);
            List<float[]> oneBatch = BatchNormUpdate.snapshot(model);
            for (int i = 0; i < 2; i++) {
                for (int c = 0; c < first.get(i).length; c++) {
                    assertEquals(oneBatch.get(i)[c], first.get(i)[c], 1e-4 * (1 + Math.abs(oneBatch.get(i)[c])),
                            "batches of 8 and one batch agree, array " + i);
                }
            }
            assertTrue(BatchNormUpdate.present(model));
        }
    }
}
