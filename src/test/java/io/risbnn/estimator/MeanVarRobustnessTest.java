package io.risbnn.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.risbnn.objective.Objective;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * float32 robustness of activationMeanVar (RIS-SPEC §6 T5 for two moments) and its fixed points:
 * α ∈ {−40, −10, −6, −1, 0, 1, 6, 40} × sd ∈ {1e-6, 1, 1e3} for every activation and estimator: finite
 * mean, variance ≥ 0 and finite gradients; for RIS on ReLU, the mean over 200 rows within 20 % of the
 * exact mean and variance on live units with α ≥ −8 (below, τ is capped at tauMax: RIS-SPEC §5); (m, v)
 * exactly for NONE and (f(m), 0) for deterministic units.
 */
@ExtendWith(OneEngineThread.class)
class MeanVarRobustnessTest {
    static final double[] ALPHA = {-40, -10, -6, -1, 0, 1, 6, 40};
    static final double[] SD = {1e-6, 1, 1e3};

    static List<Estimator> estimators() {
        return List.of(new RisEstimator(), new RisEstimator(RisConfig.defaults().withGradient(RisConfig.Gradient.PATHWISE)),
                new RisEstimator(RisConfig.defaults().withProposal(RisProposal.MM)), new LrtEstimator());
    }

    @Test
    void extremeInputsGiveFiniteMomentsAndGradients() {
        int g = ALPHA.length * SD.length;
        float[] m = new float[g];
        float[] v = new float[g];
        for (int i = 0; i < ALPHA.length; i++) {
            for (int j = 0; j < SD.length; j++) {
                m[i * SD.length + j] = (float) (ALPHA[i] * SD[j]);
                v[i * SD.length + j] = (float) (SD[j] * SD[j]);
            }
        }
        int rows = 200;
        try (NDManager manager = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7100);
            StringBuilder failures = new StringBuilder();
            for (Estimator e : estimators()) {
                ForwardContext ctx = new ForwardContext(e, Objective.MEAN_VAR, 10);
                for (ActivationFunction f : ActivationFunction.values()) {
                    NDArray mm = manager.create(m).reshape(1, g).repeat(0, rows);
                    NDArray vv = manager.create(v).reshape(1, g).repeat(0, rows);
                    mm.setRequiresGradient(true);
                    vv.setRequiresGradient(true);
                    MeanVar out;
                    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                        out = e.activationMeanVar("u", f, PreActivation.fromMoments(mm, vv), ctx);
                        c.backward(out.mean().add(out.variance().mul(manager.create(1e-6f))).sum());
                    }
                    float[] mean = out.mean().mean(new int[] {0}).toFloatArray();
                    float[] var = out.variance().toFloatArray();
                    float[] gm = mm.getGradient().toFloatArray();
                    float[] gv = vv.getGradient().toFloatArray();
                    String label = e.name() + "/" + configName(e) + " " + f.cliName();
                    for (float x : var) {
                        if (!(x >= 0) || Float.isInfinite(x)) {
                            failures.append(label).append(": variance ").append(x).append('\n');
                            break;
                        }
                    }
                    for (int k = 0; k < gm.length; k++) {
                        if (!Float.isFinite(gm[k]) || !Float.isFinite(gv[k])) {
                            failures.append(label).append(": gradient not finite at ").append(k % g).append('\n');
                            break;
                        }
                    }
                    float[] mean0 = out.mean().toFloatArray();
                    for (float x : mean0) {
                        if (!Float.isFinite(x)) {
                            failures.append(label).append(": mean ").append(x).append('\n');
                            break;
                        }
                    }
                    if (f == ActivationFunction.RELU && e instanceof RisEstimator) {
                        float[] varMean = out.variance().mean(new int[] {0}).toFloatArray();
                        for (int k = 0; k < g; k++) {
                            double sd = Math.sqrt(v[k]);
                            double exactMean = RisTestSupport.reluMean(m[k], sd);
                            double exactVar = RisTestSupport.reluVariance(m[k], v[k]);
                            boolean live = sd > 1e-6 * (1 + Math.abs(m[k]));
                            boolean checked = live && m[k] / sd >= -8;    // below, τ is capped at tauMax (dead units)
                            if (mean[k] < 0 || (checked && Math.abs(mean[k] - exactMean) > 0.2 * exactMean)) {
                                failures.append(label).append(": mean ").append(mean[k]).append(" vs ").append(exactMean)
                                        .append(" at m=").append(m[k]).append(" sd=").append(sd).append('\n');
                            }
                            if (checked && exactVar > 1e-3 * v[k] && Math.abs(varMean[k] - exactVar) > 0.2 * exactVar) {
                                failures.append(label).append(": variance ").append(varMean[k]).append(" vs ").append(exactVar)
                                        .append(" at m=").append(m[k]).append(" sd=").append(sd).append('\n');
                            }
                        }
                    }
                }
            }
            assertTrue(failures.length() == 0, failures.toString());
        }
    }

    private static String configName(Estimator e) {
        return e instanceof RisEstimator r ? r.config().proposal() + "/" + r.config().gradient().cliName() : "";
    }

    @Test
    void identityAndDeterministicUnitsAreExact() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray m = manager.create(new float[] {-1.5f, 0.3f, 2f});
            NDArray v = manager.create(new float[] {0.4f, 0f, 1e-20f});
            PreActivation pre = PreActivation.fromMoments(m, v);
            for (Estimator e : estimators()) {
                ForwardContext ctx = new ForwardContext(e, Objective.MEAN_VAR, 5);
                MeanVar id = e.activationMeanVar("out", ActivationFunction.NONE, pre, ctx);
                assertArrayEquals(m.toFloatArray(), id.mean().toFloatArray(), e.name());
                assertArrayEquals(v.toFloatArray(), id.variance().toFloatArray(), e.name());
                for (ActivationFunction f : ActivationFunction.values()) {
                    if (f == ActivationFunction.NONE) {
                        continue;
                    }
                    MeanVar out = e.activationMeanVar("u", f, pre, ctx);
                    float[] fm = f.apply(m).toFloatArray();
                    float[] mean = out.mean().toFloatArray();
                    float[] var = out.variance().toFloatArray();
                    for (int k = 1; k < 3; k++) {     // units 1 and 2 are not live
                        assertEquals(fm[k], mean[k], 0f, e.name() + " " + f);
                        assertEquals(0f, var[k], 0f, e.name() + " " + f);
                    }
                    assertTrue(var[0] >= 0 && Float.isFinite(mean[0]), e.name() + " " + f);
                }
            }
        }
    }

    @Test
    void risSupportsMeanVarAndMoment() {
        RisEstimator ris = new RisEstimator();
        assertTrue(ris.supports(Objective.MEAN_VAR) && ris.supports(Objective.MOMENT) && !ris.supports(Objective.ELBO));
    }
}
