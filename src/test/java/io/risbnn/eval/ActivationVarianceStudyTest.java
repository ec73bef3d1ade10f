package io.risbnn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.risbnn.estimator.ActivationFunction;
import io.risbnn.estimator.OneEngineThread;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs {@link ActivationVarianceStudy} small (R = 4000; {@code -Drisbnn.study.repeats=N} for the full
 * table) and checks what RIS-SPEC's tables predict for ReLU: at α ≥ 0 the RIS variance of the mean and
 * of the second moment is far below LRT's at equal M (spec T2: ≤ 0.2 per sample at α = 0, 2).
 */
@ExtendWith(OneEngineThread.class)
class ActivationVarianceStudyTest {
    @Test
    void reluRisBeatsLrtWhereTheSpecPredictsIt() {
        int repeats = Integer.getInteger("risbnn.study.repeats", 4000);
        try (NDManager manager = NDManager.newBaseManager()) {
            List<ActivationVarianceStudy.Row> rows = ActivationVarianceStudy.run(manager, repeats, 8100);
            System.out.println("[activation variance study, R = " + repeats + ", M = 10, sd = 1]\n"
                    + ActivationVarianceStudy.markdown(rows));
            assertEquals(18, rows.size());
            for (ActivationVarianceStudy.Row r : rows) {
                assertTrue(Double.isFinite(r.meanRatio()) && Double.isFinite(r.secondRatio())
                        && Double.isFinite(r.varianceRatio()) && r.quadErrorMean() >= 0 && r.quadErrorSecond() >= 0, r.toString());
                if (r.activation() == ActivationFunction.RELU && r.alpha() >= 0) {
                    assertTrue(r.meanRatio() < 0.2 && r.secondRatio() < 0.2 && r.varianceRatio() < 1, r.toString());
                }
                if (r.activation() == ActivationFunction.TANH || r.activation() == ActivationFunction.SOFTPLUS) {
                    assertTrue(r.quadErrorMean() < 1e-3, "smooth f: 10-node quadrature is accurate " + r);
                }
            }
        }
    }
}
