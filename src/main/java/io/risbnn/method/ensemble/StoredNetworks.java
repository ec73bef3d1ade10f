package io.risbnn.method.ensemble;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.risbnn.model.BayesianModel;
import io.risbnn.posterior.PosteriorOutputs;
import io.risbnn.train.NamedParameter;
import io.risbnn.train.BnnTrainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies of whole networks kept by a method — ensemble members, SG-MCMC samples — with their checkpoint
 * form ({@code <prefix>/<k>/<array>}) and the uniform mixture over them.
 */
public final class StoredNetworks {
    private final String prefix;
    private final List<Map<String, NDArray>> networks = new ArrayList<>();

    /**
     * No networks yet.
     *
     * @param prefix names the networks in checkpoints and errors ("member", "sample")
     */
    public StoredNetworks(String prefix) {
        this.prefix = prefix;
    }

    /**
     * The networks kept so far.
     *
     * @return their count
     */
    public int size() {
        return networks.size();
    }

    /**
     * Keeps a copy of every array of the model (weights, BatchNorm statistics, the regression noise).
     *
     * @param model the model whose current arrays are copied
     */
    public void add(BayesianModel model) {
        Map<String, NDArray> copy = new LinkedHashMap<>();
        NDManager manager = model.manager();
        for (NamedParameter p : BnnTrainer.namedParametersOf(model)) {
            NDArray c = p.array().duplicate();
            c.attach(manager);
            copy.put(p.name(), c);
        }
        networks.add(copy);
    }

    /**
     * The arrays for a checkpoint.
     *
     * @return every kept network's arrays, under names prefixed by {@code prefix} and the network's index
     */
    public Map<String, NDArray> state() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int k = 0; k < networks.size(); k++) {
            for (Map.Entry<String, NDArray> e : networks.get(k).entrySet()) {
                out.put(prefix + "/" + k + "/" + e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /**
     * Replaces the kept networks by those of a checkpoint's method state (other entries are ignored).
     *
     * @param state a method's checkpoint arrays
     */
    public void restore(Map<String, NDArray> state) {
        networks.clear();
        for (int k = 0; ; k++) {
            String head = prefix + "/" + k + "/";
            Map<String, NDArray> network = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : state.entrySet()) {
                if (e.getKey().startsWith(head)) {
                    network.put(e.getKey().substring(head.length()), e.getValue());
                }
            }
            if (network.isEmpty()) {
                return;
            }
            networks.add(network);
        }
    }

    /**
     * The uniform mixture of the kept networks, each in its own copy of {@code model}'s architecture.
     *
     * @param model gives the architecture
     * @param what names the networks in errors
     * @return the mixture posterior
     */
    public PosteriorOutputs mixture(BayesianModel model, String what) {
        return EnsemblePosterior.ofStored(model, networks, what);
    }
}
