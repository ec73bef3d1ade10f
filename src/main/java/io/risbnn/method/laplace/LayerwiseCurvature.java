package io.risbnn.method.laplace;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.risbnn.nn.VariationalBlock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A Gauss–Newton over every dense layer, block-diagonal across layers. Per example and layer the
 * Jacobian of the output direction k is ĝ_{n,k} ⊗ ã_n (ã = [a; 1], ĝ_{n,k} = Σ_c M_{n,ck} g_{n,c} with
 * Λ_n = M_n M_nᵀ exact, see {@link OutputHessian}), so the layer's block is Σ_n G_n ⊗ A_n with
 * G_n = Σ_k ĝĝᵀ, A_n = ããᵀ.
 * <ul>
 *   <li><b>diag</b>: its diagonal, Σ_n diag(G_n) diag(A_n)ᵀ as a matrix [out, in + 1] — the exact
 *       diagonal of the Gauss–Newton.</li>
 *   <li><b>kfac</b>: Kronecker factors G ⊗ A / n with G = Σ_n G_n (the exact output Hessian, not a
 *       sampled one) and A = Σ_n A_n over the n examples (Martens & Grosse 2015; Ritter et al. 2018):
 *       exact for one example. With eigen-decompositions G = Q_G Λ_G Q_Gᵀ, A = Q_A Λ_A Q_Aᵀ the posterior
 *       (G ⊗ A / n + δI)⁻¹ is (Q_G ⊗ Q_A) diag(1/(λ_G,i λ_A,j / n + δ)) (Q_G ⊗ Q_A)ᵀ.</li>
 * </ul>
 * In both the posterior is "rotations + an [out, in + 1] matrix E of eigenvalues" (diag: no rotation).
 */
final class LayerwiseCurvature implements Curvature {
    private final List<DenseSlots> layers;
    private final boolean kronecker;
    private final NDManager manager;
    private final List<NDArray> sumG = new ArrayList<>();       // kfac [out, out] / diag [out, in+1]
    private final List<NDArray> sumA = new ArrayList<>();       // kfac [in+1, in+1]
    private long examples;
    private final List<NDArray> eigen = new ArrayList<>();      // E [out, in+1]
    private final List<NDArray> rotG = new ArrayList<>();       // Q_G (kfac)
    private final List<NDArray> rotA = new ArrayList<>();       // Q_A (kfac)

    LayerwiseCurvature(List<DenseSlots> layers, boolean kronecker, NDManager manager) {
        this.layers = List.copyOf(layers);
        this.kronecker = kronecker;
        this.manager = manager;
        for (DenseSlots l : layers) {
            if (kronecker) {
                sumG.add(manager.zeros(new Shape(l.out(), l.out()), DataType.FLOAT64));
                sumA.add(manager.zeros(new Shape(l.columns(), l.columns()), DataType.FLOAT64));
            } else {
                sumG.add(manager.zeros(new Shape(l.out(), l.columns()), DataType.FLOAT64));
            }
        }
    }

    static LayerwiseCurvature restored(List<DenseSlots> layers, boolean kronecker, NDManager manager,
                                       Map<String, NDArray> state) {
        LayerwiseCurvature c = new LayerwiseCurvature(layers, kronecker, manager);
        c.closeSums();
        for (int i = 0; i < layers.size(); i++) {
            c.eigen.add(copy(state.get("eigenvalues_" + i), manager));
            if (kronecker) {
                c.rotG.add(copy(state.get("output_vectors_" + i), manager));
                c.rotA.add(copy(state.get("input_vectors_" + i), manager));
            }
        }
        return c;
    }

    private static NDArray copy(NDArray a, NDManager manager) {
        NDArray out = a.toType(DataType.FLOAT64, true);
        out.attach(manager);
        return out;
    }

    @Override
    public List<VariationalBlock> recordedLayers() {
        return layers.stream().map(DenseSlots::layer).toList();
    }

    @Override
    public boolean needsGradients() {
        return true;
    }

    /** ĝ [B, K, out] of a layer: Mᵀ g with g [B, C, out]. */
    private static NDArray directions(NDArray[] g, NDArray root) {
        NDArray stacked = NDArrays.stack(new NDList(g), 1);
        return root.transpose(0, 2, 1).batchMatMul(stacked);
    }

    @Override
    public void add(LinearisedPass.Batch batch, OutputHessian hessian) {
        try (NDScope scope = new NDScope()) {
            NDArray root = hessian.root(batch.outputs());
            long b = root.getShape().get(0);
            for (int i = 0; i < layers.size(); i++) {
                DenseSlots l = layers.get(i);
                NDArray a = l.augmented(batch.inputs().get(l.layer()));
                NDArray gh = directions(batch.gradients().get(l.layer()), root);     // [B, K, out]
                if (kronecker) {
                    NDArray flat = gh.reshape(-1, l.out());
                    sumG.get(i).addi(flat.transpose().matMul(flat));
                    sumA.get(i).addi(a.transpose().matMul(a));
                } else {
                    NDArray d = gh.square().sum(new int[] {1});                          // [B, out]
                    sumG.get(i).addi(d.transpose().matMul(a.square()));
                }
            }
            examples += b;
        }
    }

    @Override
    public void complete(double scale) {
        for (int i = 0; i < layers.size(); i++) {
            if (!kronecker) {
                eigen.add(sumG.get(i).mul(scale));
                continue;
            }
            SymmetricEigen g = SymmetricEigen.of(sumG.get(i), manager);
            SymmetricEigen a = SymmetricEigen.of(sumA.get(i), manager);
            NDArray lg = manager.create(g.values()).expandDims(1);
            NDArray la = manager.create(a.values()).expandDims(0);
            eigen.add(lg.mul(la).mul(scale / Math.max(1, examples)));
            lg.close();
            la.close();
            rotG.add(g.vectors());
            rotA.add(a.vectors());
        }
        closeSums();
    }

    private void closeSums() {
        sumG.forEach(NDArray::close);
        sumA.forEach(NDArray::close);
        sumG.clear();
        sumA.clear();
    }

    @Override
    public double[] eigenvalues() {
        int total = layers.stream().mapToInt(DenseSlots::size).sum();
        double[] out = new double[total];
        int at = 0;
        for (NDArray e : eigen) {
            double[] v = e.toDoubleArray();
            System.arraycopy(v, 0, out, at, v.length);
            at += v.length;
        }
        return out;
    }

    @Override
    public double squaredNorm(double[] theta) {
        double s = 0;
        for (DenseSlots l : layers) {
            for (double v : l.gather(theta)) {
                s += v * v;
            }
        }
        return s;
    }

    /** 1/(E + δ), eigenvalues clamped at 0. */
    private static NDArray inverse(NDArray e, double delta) {
        return e.maximum(0).add(delta).pow(-1);
    }

    @Override
    public void addSample(double[] theta, SplittableRandom random, double delta, NDManager scratch) {
        try (NDScope scope = new NDScope()) {
            for (int i = 0; i < layers.size(); i++) {
                DenseSlots l = layers.get(i);
                double[] z = new double[l.size()];
                for (int k = 0; k < z.length; k++) {
                    z[k] = random.nextGaussian();
                }
                NDArray x = manager.create(z, new Shape(l.out(), l.columns())).mul(inverse(eigen.get(i), delta).sqrt());
                if (kronecker) {
                    x = rotG.get(i).matMul(x).matMul(rotA.get(i).transpose());
                }
                l.scatterAdd(x.toDoubleArray(), theta);
            }
        }
    }

    /** Per layer cov_cc' += Σ_i g̃_ci g̃_c'i Σ_j ã'_j² S_ij, g̃ = g Q_G, ã' = ã Q_A, S = 1/(E + δ). */
    @Override
    public NDArray outputCovariance(LinearisedPass.Batch batch, double delta, NDManager scratch) {
        try (NDScope scope = new NDScope()) {
            NDArray total = null;
            for (int i = 0; i < layers.size(); i++) {
                DenseSlots l = layers.get(i);
                NDArray a = l.augmented(batch.inputs().get(l.layer()));
                NDArray g = NDArrays.stack(new NDList(batch.gradients().get(l.layer())), 1);   // [B, C, out]
                if (kronecker) {
                    g = g.matMul(rotG.get(i));
                    a = a.matMul(rotA.get(i));
                }
                NDArray u = a.square().matMul(inverse(eigen.get(i), delta).transpose());       // [B, out]
                NDArray cov = g.mul(u.expandDims(1)).batchMatMul(g.transpose(0, 2, 1));
                total = total == null ? cov : total.add(cov);
            }
            NDScope.unregister(total);
            total.attach(scratch);
            return total;
        }
    }

    @Override
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            out.put("eigenvalues_" + i, eigen.get(i));
            if (kronecker) {
                out.put("output_vectors_" + i, rotG.get(i));
                out.put("input_vectors_" + i, rotA.get(i));
            }
        }
        return out;
    }

    /** The Gauss–Newton's diagonal in θ order (zero outside the covered layers), for tests. */
    double[] diagonalInTheta(int thetaSize) {
        double[] out = new double[thetaSize];
        for (int i = 0; i < layers.size(); i++) {
            DenseSlots l = layers.get(i);
            double[] e;
            if (!kronecker) {
                e = eigen.get(i).toDoubleArray();
            } else {
                try (NDScope scope = new NDScope()) {      // diag((Q_G ⊗ Q_A) E (Q_G ⊗ Q_A)ᵀ) = (Q_G²) E (Q_A²)ᵀ
                    e = rotG.get(i).square().matMul(eigen.get(i)).matMul(rotA.get(i).square().transpose()).toDoubleArray();
                }
            }
            l.scatterAdd(e, out);
        }
        return out;
    }

    /** The layer's block of the Gauss–Newton in [W | b] order, [size][size], for tests. */
    double[][] block(int layer) {
        DenseSlots l = layers.get(layer);
        int n = l.size();
        double[][] out = new double[n][n];
        try (NDScope scope = new NDScope()) {
            NDArray full;
            if (!kronecker) {
                full = eigen.get(layer).flatten().expandDims(1).mul(manager.eye(n, n, 0, DataType.FLOAT64));
            } else {
                NDArray q = kron(rotG.get(layer), rotA.get(layer));
                full = q.mul(eigen.get(layer).flatten().expandDims(0)).matMul(q.transpose());
            }
            double[] flat = full.toDoubleArray();
            for (int i = 0; i < n; i++) {
                System.arraycopy(flat, i * n, out[i], 0, n);
            }
        }
        return out;
    }

    private static NDArray kron(NDArray a, NDArray b) {
        long ra = a.getShape().get(0);
        long ca = a.getShape().get(1);
        long rb = b.getShape().get(0);
        long cb = b.getShape().get(1);
        return a.reshape(ra, 1, ca, 1).mul(b.reshape(1, rb, 1, cb)).reshape(ra * rb, ca * cb);
    }
}
