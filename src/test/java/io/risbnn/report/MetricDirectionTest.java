package io.risbnn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricDirectionTest {
    @Test
    void lowerIsBetterForErrorsLossesAndTime() {
        for (String m : new String[] {"rmse", "rmse_sampled", "rmse_meanvar", "nll", "nll_moment", "test_nll", "ece",
                "ece_sampled", "brier", "brier_meanvar", "seconds"}) {
            assertEquals(MetricDirection.LOWER_IS_BETTER, MetricDirection.of(m), m);
        }
    }

    @Test
    void higherIsBetterForLikelihoodAccuracyAndAuroc() {
        for (String m : new String[] {"test_ll", "test_ll_moment", "accuracy", "accuracy_sampled", "auroc", "auroc_entropy"}) {
            assertEquals(MetricDirection.HIGHER_IS_BETTER, MetricDirection.of(m), m);
        }
    }

    @Test
    void noDirectionForDescriptiveQuantities() {
        for (String m : new String[] {"noise_std", "entropy", "entropy_sampled", "mutual_information", "ess", "rmsex", "eceX"}) {
            assertEquals(MetricDirection.UNKNOWN, MetricDirection.of(m), m);
        }
    }

    @Test
    void improvementBySign() {
        assertTrue(MetricDirection.LOWER_IS_BETTER.improves(-0.1));
        assertFalse(MetricDirection.LOWER_IS_BETTER.improves(0.1));
        assertTrue(MetricDirection.HIGHER_IS_BETTER.improves(0.1));
        assertFalse(MetricDirection.HIGHER_IS_BETTER.improves(-0.1));
        assertFalse(MetricDirection.UNKNOWN.improves(0.1));
        assertFalse(MetricDirection.UNKNOWN.improves(-0.1));
    }
}
