package io.risbnn.method.laplace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.RisbnnException;
import io.risbnn.nn.VariationalBlock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The full Gauss–Newton over the last dense layer's [W | b] (P = C·(D + 1) parameters), every other
 * weight fixed at θ*: the network is a GLM in the features φ_n of the penultimate layer, J_n = I_C ⊗ φ̃_nᵀ
 * with φ̃ = [φ; 1], so block (c, c') of H is Σ_n Λ_n,cc' φ̃_n φ̃_nᵀ. Only a forward pass is needed, so it
 * works for any network whose last variational layer is dense (the MLPs, LeNet, the ResNets).
 */
final class LastLayerCurvature implements Curvature {
    /** The largest P whose full P × P curvature is formed (and eigen-decomposed in Java). */
    static final int MAX_PARAMETERS = 6000;

    private final DenseSlots slots;
    private final NDManager manager;
    private NDArray sum;            // [P, P] while accumulating
    private double[] eigenvalues;
    private NDArray vectors;        // Q [P, P]
    private double cachedDelta = Double.NaN;
    private NDArray cachedCovariance;

    LastLayerCurvature(DenseSlots slots, NDManager manager) {
        if (slots.size() > MAX_PARAMETERS) {
            throw new RisbnnException("laplace: the last layer has " + slots.size() + " parameters, more than the "
                    + MAX_PARAMETERS + " a full last-layer curvature is formed for; use --laplace-structure kfac or diag");
        }
        this.slots = slots;
        this.manager = manager;
        int p = slots.size();
        this.sum = manager.zeros(new Shape(p, p), DataType.FLOAT64);
    }

    /** From a checkpoint's arrays. */
    static LastLayerCurvature restored(DenseSlots slots, NDManager manager, Map<String, NDArray> state) {
        LastLayerCurvature c = new LastLayerCurvature(slots, manager);
        c.sum.close();
        c.sum = null;
        c.eigenvalues = state.get("eigenvalues").toType(DataType.FLOAT64, false).toDoubleArray();
        c.vectors = state.get("vectors").toType(DataType.FLOAT64, true);
        c.vectors.attach(manager);
        return c;
    }

    @Override
    public List<VariationalBlock> recordedLayers() {
        return List.of(slots.layer());
    }

    @Override
    public boolean needsGradients() {
        return false;
    }

    @Override
    public void add(LinearisedPass.Batch batch, OutputHessian hessian) {
        try (NDScope scope = new NDScope()) {
            NDArray phi = slots.augmented(batch.inputs().get(slots.layer()));
            NDArray lambda = hessian.lambda(batch.outputs());
            int c = slots.out();
            int d = slots.columns();
            for (int i = 0; i < c; i++) {
                for (int k = i; k < c; k++) {
                    NDArray w = lambda.get(":, " + i + ", " + k).expandDims(1);
                    NDArray block = phi.mul(w).transpose().matMul(phi);
                    String rows = i * d + ":" + (i + 1) * d;
                    String cols = k * d + ":" + (k + 1) * d;
                    NDArray at = sum.get(rows + ", " + cols);
                    sum.set(new ai.djl.ndarray.index.NDIndex(rows + ", " + cols), at.add(block));
                    if (k != i) {
                        NDArray back = sum.get(cols + ", " + rows);
                        sum.set(new ai.djl.ndarray.index.NDIndex(cols + ", " + rows), back.add(block.transpose()));
                    }
                }
            }
        }
    }

    @Override
    public void complete(double scale) {
        NDArray h = sum.mul(scale);
        SymmetricEigen eigen = SymmetricEigen.of(h, manager);
        h.close();
        sum.close();
        sum = null;
        eigenvalues = eigen.values();
        vectors = eigen.vectors();
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    @Override
    public double squaredNorm(double[] theta) {
        double s = 0;
        for (double v : slots.gather(theta)) {
            s += v * v;
        }
        return s;
    }

    @Override
    public void addSample(double[] theta, SplittableRandom random, double delta, NDManager scratch) {
        int p = eigenvalues.length;
        double[] z = new double[p];
        for (int i = 0; i < p; i++) {
            z[i] = random.nextGaussian() / Math.sqrt(Math.max(0, eigenvalues[i]) + delta);
        }
        try (NDScope scope = new NDScope()) {
            double[] d = vectors.matMul(manager.create(z)).toDoubleArray();
            slots.scatterAdd(d, theta);
        }
    }

    /** Σ = Q diag(1/(λ + δ)) Qᵀ, kept for the last δ asked. */
    private NDArray covariance(double delta) {
        if (cachedCovariance == null || delta != cachedDelta) {
            if (cachedCovariance != null) {
                cachedCovariance.close();
            }
            double[] inv = new double[eigenvalues.length];
            for (int i = 0; i < inv.length; i++) {
                inv[i] = 1 / (Math.max(0, eigenvalues[i]) + delta);
            }
            try (NDScope scope = new NDScope()) {
                NDArray s = vectors.mul(manager.create(inv).expandDims(0)).matMul(vectors.transpose());
                NDScope.unregister(s);
                cachedCovariance = s;
            }
            cachedDelta = delta;
        }
        return cachedCovariance;
    }

    /** cov_cc' = φ̃ᵀ Σ_(c,c') φ̃ per example, via one product with Σ arranged as [D+1, C·C·(D+1)]. */
    @Override
    public NDArray outputCovariance(LinearisedPass.Batch batch, double delta, NDManager scratch) {
        int c = slots.out();
        int d = slots.columns();
        NDArray sigma = covariance(delta);
        try (NDScope scope = new NDScope()) {
            NDArray phi = slots.augmented(batch.inputs().get(slots.layer()));
            long b = phi.getShape().get(0);
            NDArray arranged = sigma.reshape(c, d, c, d).transpose(1, 0, 2, 3).reshape(d, (long) c * c * d);
            NDArray y = phi.matMul(arranged).reshape(b, (long) c * c, d).mul(phi.expandDims(1)).sum(new int[] {2});
            NDArray out = y.reshape(b, c, c);
            NDScope.unregister(out);
            out.attach(scratch);
            return out;
        }
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        out.put("eigenvalues", manager.create(eigenvalues));
        out.put("vectors", vectors);
        return out;
    }
}
