package io.risbnn.method;

import io.risbnn.estimator.Estimator;
import io.risbnn.estimator.RisConfig;
import io.risbnn.train.TrainConfig;
import java.util.List;

/**
 * The inference methods by name. A run's method is recorded in its configuration's estimator slot:
 * {@code map} names MAP training, every estimator name names VI with that estimator, so compare and uci
 * lists mix them ({@code --estimators mc-shared,ris,map}).
 */
public final class Methods {
    /** Method names besides VI's estimators. */
    public static final List<String> NON_VI = List.of(MaximumAPosteriori.NAME);

    private Methods() {}

    public static InferenceMethod of(TrainConfig config) {
        return of(config.estimator());
    }

    /** The method of an entry of --estimators / --method. */
    public static InferenceMethod of(String name) {
        return MaximumAPosteriori.NAME.equals(name) ? new MaximumAPosteriori() : new VariationalInference();
    }

    /** The forward estimator of a list entry (VI: the estimator of that name; refused as Estimators does). */
    public static Estimator estimatorOf(String name, RisConfig ris) {
        if (MaximumAPosteriori.NAME.equals(name)) {
            return new io.risbnn.estimator.McSharedEstimator();
        }
        return io.risbnn.estimator.Estimators.byName(name, ris);
    }
}
