package io.risbnn.method.vogn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.risbnn.estimator.LayerTap;
import io.risbnn.estimator.VariationalLayerView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link LayerTap} of one VOGN forward pass: keeps every variational layer's input rows and adds a zero
 * probe that requires a gradient to its pre-activation, so after the backward pass the probe's gradient is
 * ∂loss/∂(pre-activation) row by row. The kept arrays leave the layers' scopes (which close when a layer
 * returns) and are closed by {@link #close}.
 */
final class CurvatureProbes implements LayerTap, AutoCloseable {
    /** A layer's input rows (no gradient) and the probe on its pre-activation. */
    record Probe(NDArray input, NDArray probe) {}

    private final Map<VariationalLayerView, Probe> probes = new LinkedHashMap<>();

    @Override
    public NDArray tap(VariationalLayerView layer, NDArray input, NDArray preActivation) {
        if (probes.containsKey(layer)) {
            throw new IllegalStateException("layer " + layer.layerName() + " ran twice in one VOGN forward pass;"
                    + " per-example curvature needs each variational layer once");
        }
        NDArray rows = input.stopGradient();
        NDArray probe = preActivation.zerosLike();
        probe.setRequiresGradient(true);
        NDScope.unregister(rows, probe);
        probes.put(layer, new Probe(rows, probe));
        return preActivation.add(probe);
    }

    Map<VariationalLayerView, Probe> probes() {
        return probes;
    }

    @Override
    public void close() {
        for (Probe p : probes.values()) {
            p.input().close();
            p.probe().close();
        }
        probes.clear();
    }
}
