package io.risbnn.method.swag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.risbnn.data.image.ImageExamples;
import io.risbnn.method.Methods;
import io.risbnn.model.BayesianModel;
import io.risbnn.model.Models;
import io.risbnn.posterior.GaussianOutputs;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.Seeds;
import io.risbnn.train.TrainConfig;
import io.risbnn.train.BnnTrainer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SWAG's posterior over a BatchNorm network: per-network statistics, the same networks for any chunking. */
class SwagPosteriorTest {
    @Test
    void batchNormNetworksAreTheSameWhateverTheChunkingAndTheModelIsRestored() {
        ImageExamples data = BatchNormUpdateTest.randomImages(16);
        TrainConfig config = SwagTest.config(Methods.SWAG, 2, 8, SwagTest.options(1, 1, SwagOptions.CONSTANT));
        Seeds.seedEngine(0);
        try (NDManager root = NDManager.newBaseManager();
             BayesianModel model = Models.build(BatchNormUpdateTest.resnet8(), root)) {
            Swag swag = new Swag(true);
            new BnnTrainer(model, config, swag).fit(data, null, null);
            assertEquals(2, swag.moments().count(), "every step of epoch 1 collected");
            swag.finish(model, config, data);
            PosteriorOutputs posterior = swag.posterior(model, config, () -> data);
            List<float[]> before = SwagTest.allArrays(model);
            double[][][] all = posterior.sampled(data, 3, 11);
            SwagTest.assertSameArrays(before, SwagTest.allArrays(model), "weights and BatchNorm statistics put back");
            // fresh posteriors (no cached statistics): the recomputation gives the same networks
            double[][][] head = swag.posterior(model, config, () -> data).sampled(SwagTest.rows(data, 0, 5), 3, 11);
            double[][][] tail = swag.posterior(model, config, () -> data).sampled(SwagTest.rows(data, 5, 16), 3, 11);
            double[][][] cached = posterior.sampled(SwagTest.rows(data, 5, 16), 3, 11);
            assertEquals(tail[2][4][1], cached[2][4][1], 0.0, "cached statistics are the recomputed ones");
            for (int k = 0; k < 3; k++) {
                for (int i = 0; i < 16; i++) {
                    double[] chunked = i < 5 ? head[k][i] : tail[k][i - 5];
                    for (int c = 0; c < 3; c++) {
                        assertEquals(all[k][i][c], chunked[c], 1e-5 * (1 + Math.abs(all[k][i][c])),
                                "network " + k + ", row " + i + ", logit " + c);
                    }
                }
            }
            assertNotEquals(all[0][0][0], all[1][0][0], "sampled networks differ");
            List<GaussianOutputs> swa = posterior.predictives(data);
            assertEquals(SwagPosterior.SWA, swa.get(0).name());
            // the model after finish is the SWA network with its statistics: the swa predictive is its forward
            double[][] direct = io.risbnn.eval.Predictive.moment(model, data)[0];
            for (int i = 0; i < 16; i++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(direct[i][c], swa.get(0).mean()[i][c], 1e-5 * (1 + Math.abs(direct[i][c])));
                    assertTrue(Double.isFinite(all[2][i][c]));
                }
            }
        }
    }
}
