package io.risbnn.estimator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.risbnn.objective.Objective;

/** Runs an estimator's activationMeanVar on given (m, v) and reads back values and element-wise gradients. */
final class MomentProbe {
    /** Values as the estimator saw them: m and sd (after the input type's rounding), mean, variance. */
    record Values(double[] m, double[] sd, double[] mean, double[] var) {}

    /** ∂mean/∂m, ∂mean/∂v, ∂var/∂m, ∂var/∂v per element (the activation is element-wise). */
    record Gradients(double[] meanDm, double[] meanDv, double[] varDm, double[] varDv) {}

    private MomentProbe() {}

    static NDArray array(NDManager manager, double[] values, DataType type) {
        return manager.create(values).toType(type, false);
    }

    static Values values(NDManager manager, Estimator e, ActivationFunction f, double[] m, double[] v, DataType type, int samples) {
        NDArray mm = array(manager, m, type);
        PreActivation pre = PreActivation.fromMoments(mm, array(manager, v, type));
        MeanVar out = e.activationMeanVar("L", f, pre, new ForwardContext(e, Objective.MEAN_VAR, samples));
        return new Values(RisTestSupport.toDoubles(mm), RisTestSupport.toDoubles(pre.sd()),
                RisTestSupport.toDoubles(out.mean()), RisTestSupport.toDoubles(out.variance()));
    }

    static Gradients gradients(NDManager manager, Estimator e, ActivationFunction f, double[] m, double[] v, DataType type,
                               int samples) {
        double[][] g = new double[4][];
        for (int which = 0; which < 2; which++) {
            NDArray mm = array(manager, m, type);
            NDArray vv = array(manager, v, type);
            mm.setRequiresGradient(true);
            vv.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                MeanVar out = e.activationMeanVar("L", f, PreActivation.fromMoments(mm, vv),
                        new ForwardContext(e, Objective.MEAN_VAR, samples));
                gc.backward((which == 0 ? out.mean() : out.variance()).sum());
            }
            g[2 * which] = RisTestSupport.toDoubles(mm.getGradient());
            g[2 * which + 1] = RisTestSupport.toDoubles(vv.getGradient());
        }
        return new Gradients(g[0], g[1], g[2], g[3]);
    }
}
