package io.risbnn.estimator;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.GradientCollector;

public class ConvTiming {
    static NDArray conv(NDArray x, NDArray w) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, w, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
    }
    public static void main(String[] args) {
        int c = Integer.parseInt(args[0]);
        int hw = Integer.parseInt(args[1]);
        try (NDManager base = NDManager.newBaseManager()) {
            for (int round = 0; round < 6; round++) {
                for (String mode : new String[] {"one", "three", "two-concat"}) {
                    try (NDManager mgr = base.newSubManager()) {
                        NDArray m = mgr.randomNormal(new Shape(128, c, hw, hw));
                        NDArray v = mgr.randomUniform(0, 1, new Shape(128, c, hw, hw));
                        NDArray mu = mgr.randomNormal(new Shape(c, c, 3, 3));
                        NDArray s2 = mgr.randomUniform(0, 1, new Shape(c, c, 3, 3));
                        for (NDArray a : new NDArray[] {m, v, mu, s2}) a.setRequiresGradient(true);
                        long t0 = System.nanoTime();
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray out;
                            if (mode.equals("one")) {
                                out = conv(m, mu);
                            } else if (mode.equals("three")) {
                                NDArray mm = conv(m, mu);
                                NDArray vv = conv(v, mu.square()).add(conv(m.square().add(v), s2));
                                out = mm.add(vv);
                            } else {
                                NDArray mm = conv(m, mu);
                                NDArray in = NDArrays.concat(new NDList(v, m.square().add(v)), 1);
                                NDArray w = NDArrays.concat(new NDList(mu.square(), s2), 1);
                                out = mm.add(conv(in, w));
                            }
                            gc.backward(out.sum());
                        }
                        m.getGradient().sum().getFloat();
                        long t1 = System.nanoTime();
                        if (round >= 2) System.out.printf("c=%d hw=%d %s: %.1f ms%n", c, hw, mode, (t1 - t0) / 1e6);
                    }
                }
            }
        }
    }
}
