package io.risbnn.method.hmc;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One chain's record: the kept samples θ (float32, as the network holds them) with their potentials,
 * the acceptance counters, and the step-size adaptation. All of it goes into checkpoints, so a chain
 * resumed mid-way continues exactly.
 */
final class HmcChain {
    final List<float[]> samples = new ArrayList<>();
    final List<Double> potentials = new ArrayList<>();
    /** Proposals and acceptances during burn-in and after it. */
    long proposedBurnIn;
    long acceptedBurnIn;
    long proposed;
    long accepted;
    long divergences;
    final DualAveraging adaptation;

    HmcChain(HmcOptions options) {
        this.adaptation = new DualAveraging(options.stepSize(), options.targetAccept());
    }

    void keep(double[] theta, double potential) {
        float[] copy = new float[theta.length];
        for (int i = 0; i < theta.length; i++) {
            copy[i] = (float) theta[i];
        }
        samples.add(copy);
        potentials.add(potential);
    }

    double[] potentialArray() {
        return potentials.stream().mapToDouble(Double::doubleValue).toArray();
    }

    Map<String, NDArray> state(NDManager manager, String prefix) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        if (!samples.isEmpty()) {
            int p = samples.get(0).length;
            float[] flat = new float[samples.size() * p];
            for (int s = 0; s < samples.size(); s++) {
                System.arraycopy(samples.get(s), 0, flat, s * p, p);
            }
            out.put(prefix + "samples", manager.create(flat, new Shape(samples.size(), p)));
            out.put(prefix + "potentials", manager.create(potentialArray()));
        }
        out.put(prefix + "counters", manager.create(new double[] {proposedBurnIn, acceptedBurnIn, proposed, accepted,
                divergences}));
        out.put(prefix + "adaptation", manager.create(adaptation.state()));
        return out;
    }

    static boolean isIn(Map<String, NDArray> state, String prefix) {
        return state.containsKey(prefix + "counters");
    }

    static HmcChain restore(HmcOptions options, Map<String, NDArray> state, String prefix) {
        HmcChain chain = new HmcChain(options);
        double[] c = doubles(state.get(prefix + "counters"));
        chain.proposedBurnIn = (long) c[0];
        chain.acceptedBurnIn = (long) c[1];
        chain.proposed = (long) c[2];
        chain.accepted = (long) c[3];
        chain.divergences = (long) c[4];
        chain.adaptation.restore(doubles(state.get(prefix + "adaptation")));
        NDArray samples = state.get(prefix + "samples");
        if (samples != null) {
            int n = Math.toIntExact(samples.getShape().get(0));
            int p = Math.toIntExact(samples.getShape().get(1));
            float[] flat = samples.toType(DataType.FLOAT32, false).toFloatArray();
            double[] potentials = doubles(state.get(prefix + "potentials"));
            for (int s = 0; s < n; s++) {
                float[] theta = new float[p];
                System.arraycopy(flat, s * p, theta, 0, p);
                chain.samples.add(theta);
                chain.potentials.add(potentials[s]);
            }
        }
        return chain;
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }
}
