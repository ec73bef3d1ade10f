package io.risbnn.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.data.DataSpec;
import io.risbnn.data.FeatureStandardizer;
import io.risbnn.data.RegressionSource;
import io.risbnn.model.ModelSpec;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a regression run is built from: held-out validation rows and the heteroscedastic flag. */
class RegressionRunSetupTest {
    private static final RegressionSource CONCRETE = DataSpec.parseRegression("concrete");

    private static RegressionRun.Options options(int validation, boolean heteroscedastic) {
        return new RegressionRun.Options(new int[] {50}, 0.01, null, 10, true, false, validation,
                new io.risbnn.model.ModelVariant(io.risbnn.estimator.ActivationFunction.RELU, heteroscedastic, "mc"));
    }

    @Test
    void theHeteroscedasticFlagReachesTheModelSpec() {
        ModelSpec on = RegressionRun.setup("concrete", CONCRETE, 0, options(0, true), 0).model();
        assertTrue(on.heteroscedastic());
        assertEquals(2, on.outputs());
        ModelSpec off = RegressionRun.setup("concrete", CONCRETE, 0, options(0, false), 0).model();
        assertFalse(off.heteroscedastic());
        assertEquals(1, off.outputs());
        // the old six-argument options (and checkpoints written before the fields existed) mean neither
        ModelSpec old = RegressionRun.setup("concrete", CONCRETE, 0,
                new RegressionRun.Options(new int[] {50}, 0.01, null, 10, true, false), 0).model();
        assertEquals(off, old);
    }

    @Test
    void validationRowsAreSeededAndDisjointFromTrainAndTest() {
        int[][] rows = RegressionRun.rows(CONCRETE, 2, 93, 4);
        assertEquals(93, rows[1].length);
        Set<Integer> seen = new HashSet<>();
        for (int[] part : rows) {
            for (int r : part) {
                assertTrue(seen.add(r), "row " + r + " in two of train/validation/test");
            }
        }
        assertArrayEquals(CONCRETE.split(2, RegressionRun.SPLIT_SEED).test(), rows[2]);
        assertArrayEquals(rows[1], RegressionRun.rows(CONCRETE, 2, 93, 4)[1]);
        assertFalse(Arrays.equals(rows[1], RegressionRun.rows(CONCRETE, 2, 93, 5)[1]));
        assertEquals(0, RegressionRun.rows(CONCRETE, 2, 0, 4)[1].length);
    }

    @Test
    void standardisationUsesOnlyTheRowsTrainedOn() {
        RegressionSetup setup = RegressionRun.setup("concrete", CONCRETE, 1, options(50, false), 3);
        assertEquals(50, setup.validation());
        assertEquals(3, setup.validationSeed());
        int[] kept = RegressionRun.rows(CONCRETE, 1, 50, 3)[0];
        assertArrayEquals(FeatureStandardizer.fit(CONCRETE.data(), kept).means(), setup.featureMeans());
        RegressionSetup again = RegressionRun.setup("concrete", CONCRETE, 1, options(50, false), 3);
        assertTrue(setup.sameAs(again));
        assertFalse(setup.sameAs(RegressionRun.setup("concrete", CONCRETE, 1, options(0, false), 3)));
    }
}
