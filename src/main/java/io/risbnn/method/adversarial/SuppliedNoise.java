package io.risbnn.method.adversarial;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.risbnn.estimator.WeightNoise;
import io.risbnn.model.BayesianModel;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.variational.GaussianPosterior;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * One noise tensor ε [1, shape] per weight and bias posterior of a model: a single sampled network
 * w = μ + s·ε, shared by the whole batch. Asking for a posterior it does not hold, or for more than one
 * sample, is a bug and fails. Kept in layer order (posteriors compare by identity), so a transformation that
 * draws, applied tensor by tensor, is reproducible.
 */
final class SuppliedNoise implements WeightNoise {
    private final Map<GaussianPosterior, NDArray> noise;

    private SuppliedNoise(Map<GaussianPosterior, NDArray> noise) {
        this.noise = noise;
    }

    /**
     * ε ~ N(0, I) for every posterior of {@code model}, drawn from {@code random} (a Java stream, so the
     * engine's generator, and with it the ELBO's own draws, are left as plain VI would find them).
     */
    static SuppliedNoise standardNormal(BayesianModel model, SplittableRandom random) {
        Map<GaussianPosterior, NDArray> noise = new LinkedHashMap<>();
        for (GaussianPosterior p : posteriorsOf(model)) {
            NDManager manager = p.mu().getManager();
            float[] values = new float[Math.toIntExact(p.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            noise.put(p, manager.create(values, new ai.djl.ndarray.types.Shape(1).addAll(p.shape())));
        }
        return new SuppliedNoise(noise);
    }

    /** The weight and bias posteriors of every variational layer, in layer order. */
    static List<GaussianPosterior> posteriorsOf(BayesianModel model) {
        List<GaussianPosterior> out = new ArrayList<>();
        for (VariationalBlock layer : model.variationalLayers()) {
            out.add(layer.weight());
            if (layer.bias() != null) {
                out.add(layer.bias());
            }
        }
        return out;
    }

    /** This noise with every tensor replaced by {@code f} of it. */
    SuppliedNoise map(UnaryOperator<NDArray> f) {
        Map<GaussianPosterior, NDArray> next = new LinkedHashMap<>();
        noise.forEach((p, eps) -> next.put(p, f.apply(eps)));
        return new SuppliedNoise(next);
    }

    /** The tensors, by posterior (for the ascent's gradients). */
    Map<GaussianPosterior, NDArray> tensors() {
        return noise;
    }

    @Override
    public NDArray of(GaussianPosterior posterior, int count) {
        NDArray eps = noise.get(posterior);
        if (eps == null) {
            throw new IllegalStateException("no adversarial noise for a posterior of shape " + posterior.shape());
        }
        if (count != 1) {
            throw new IllegalStateException("adversarial noise is one sampled network, asked for " + count);
        }
        return eps;
    }
}
