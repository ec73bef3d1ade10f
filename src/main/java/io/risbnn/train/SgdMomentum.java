package io.risbnn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SGD with heavy-ball momentum (PyTorch's convention: b ← μb + g; w ← w − lr·b). */
public final class SgdMomentum implements ParameterUpdate {
    private final double momentum;
    private final Map<String, NDArray> state = new LinkedHashMap<>();
    private long updates;

    /**
     * SGD with heavy-ball momentum.
     *
     * @param momentum the momentum, in [0, 1) (0: plain SGD)
     * @throws io.risbnn.RisbnnException if {@code momentum} is outside [0, 1)
     */
    public SgdMomentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new io.risbnn.RisbnnException("--momentum " + momentum + ": expected a number in [0, 1)");
        }
        this.momentum = momentum;
    }

    @Override
    public void step(List<NamedParameter> parameters, double lr) {
        updates++;
        for (NamedParameter p : parameters) {
            NDArray grad = p.array().getGradient();
            if (momentum == 0) {
                p.array().subi(grad.mul(lr));
                continue;
            }
            NDArray buffer = state.computeIfAbsent(p.name() + ".b", k -> {
                NDArray zeros = p.array().zerosLike();
                NDScope.unregister(zeros);
                return zeros;
            });
            buffer.muli(momentum).addi(grad);
            p.array().subi(buffer.mul(lr));
        }
    }

    @Override
    public Map<String, NDArray> state() {
        return state;
    }

    @Override
    public long updates() {
        return updates;
    }

    @Override
    public void restore(long updates, Map<String, NDArray> restored) {
        this.updates = updates;
        state.clear();
        state.putAll(restored);
    }

    @Override
    public String describe() {
        return "sgd(momentum=" + momentum + ")";
    }
}
