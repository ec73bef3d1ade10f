package io.risbnn.objective;

import io.risbnn.RisbnnException;

/**
 * What the network's output means and how the likelihood sees it.
 *
 * <ul>
 *   <li>{@code ELBO}: M sampled networks; the likelihood is averaged over the M outputs. This is the
 *       evidence lower bound (up to the KL term).</li>
 *   <li>{@code MOMENT}: the poster's layer-wise first-moment propagation: every variational layer
 *       outputs an estimate of E_q[δ(w·z̃)] and the likelihood is evaluated on the final z̃_L. It is
 *       not the ELBO (see RIS-SPEC §0 and §3.3).</li>
 * </ul>
 */
public enum Objective {
    ELBO("elbo"),
    MOMENT("moment");

    private final String cliName;

    Objective(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    public static Objective parse(String name) {
        for (Objective o : values()) {
            if (o.cliName.equalsIgnoreCase(name.trim())) {
                return o;
            }
        }
        throw new RisbnnException("--objective '" + name + "': expected elbo or moment");
    }
}
