package io.risbnn.method;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.risbnn.model.BayesianModel;
import io.risbnn.nn.VariationalBlock;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.BnnTrainer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * The weights of a MAP-trained network as one vector θ, the space SWAG and Laplace work in: the μ of
 * every variational layer's weight and bias (their ρ are MAP's collapsed point mass) and every other
 * trained array of the network (BatchNorm γ, β), in checkpoint order. Not part of θ: ρ, BatchNorm running
 * statistics and the likelihood's parameters (the regression noise σ stays at its MAP value).
 */
public final class PointWeights {
    private final List<NamedParameter> parameters;
    private final long size;

    private PointWeights(List<NamedParameter> parameters) {
        this.parameters = List.copyOf(parameters);
        long n = 0;
        for (NamedParameter p : parameters) {
            n += p.array().size();
        }
        this.size = n;
    }

    /**
     * θ of a MAP-form model, without the likelihood's arrays.
     *
     * @param model the model
     * @return its weight vector view
     */
    public static PointWeights of(BayesianModel model) {
        return of(model, false);
    }

    /**
     * θ and, when {@code withLikelihood}, the likelihood's own trainable arrays after it (the regression noise
     * log σ), for samplers that treat them as unknowns (HMC).
     *
     * @param model the model
     * @param withLikelihood whether to append the likelihood's trainable arrays
     * @return the weight vector view
     */
    public static PointWeights of(BayesianModel model, boolean withLikelihood) {
        Set<NDArray> rhos = Collections.newSetFromMap(new IdentityHashMap<>());
        for (VariationalBlock layer : model.variationalLayers()) {
            rhos.add(layer.weight().rho());
            if (layer.bias() != null) {
                rhos.add(layer.bias().rho());
            }
        }
        List<NamedParameter> out = new ArrayList<>();
        for (NamedParameter p : BnnTrainer.namedParametersOf(model)) {
            if (p.trainable() && !rhos.contains(p.array()) && (withLikelihood || !p.name().startsWith("likelihood_"))) {
                out.add(p);
            }
        }
        return new PointWeights(out);
    }

    /**
     * The arrays of θ, in order.
     *
     * @return the named arrays (unmodifiable)
     */
    public List<NamedParameter> parameters() {
        return parameters;
    }

    /**
     * P, the length of θ.
     *
     * @return the number of values in θ
     */
    public long size() {
        return size;
    }

    /**
     * θ as a float32 vector [P] in {@code manager} (a copy).
     *
     * @param manager where the vector is created
     * @return θ [P]
     */
    public NDArray flatten(NDManager manager) {
        NDList parts = new NDList();
        for (NamedParameter p : parameters) {
            parts.add(p.array().toType(DataType.FLOAT32, true).flatten());
        }
        NDArray flat = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
        NDArray out = manager.create(flat.toFloatArray());
        parts.close();
        flat.close();
        return out;
    }

    /**
     * θ as doubles.
     *
     * @return a copy of θ, length P
     */
    public double[] toDoubleArray() {
        double[] out = new double[Math.toIntExact(size)];
        int at = 0;
        for (NamedParameter p : parameters) {
            float[] v = p.array().toType(DataType.FLOAT32, false).toFloatArray();
            for (float f : v) {
                out[at++] = f;
            }
        }
        return out;
    }

    /**
     * Writes θ [P] (any float dtype, any manager) back into the network's arrays.
     *
     * @param theta the new values [P]
     * @throws IllegalArgumentException if {@code theta} does not have P values
     */
    public void assign(NDArray theta) {
        if (theta.size() != size) {
            throw new IllegalArgumentException("θ has " + theta.size() + " values, the network " + size);
        }
        long at = 0;
        for (NamedParameter p : parameters) {
            long n = p.array().size();
            NDArray part = theta.get(new NDIndex(at + ":" + (at + n))).reshape(p.array().getShape())
                    .toType(p.array().getDataType(), false);
            p.array().set(new NDIndex("..."), part);
            part.close();
            at += n;
        }
    }

    /**
     * Writes θ given as doubles.
     *
     * @param theta the new values, length P
     * @param scratch a manager for the temporary array (a sub-manager is used and closed)
     */
    public void assign(double[] theta, NDManager scratch) {
        try (NDManager m = scratch.newSubManager()) {
            assign(m.create(theta).toType(DataType.FLOAT32, false));
        }
    }
}
