package io.risbnn.variational;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PriorsTest {
    @Test
    void parsesGaussian() {
        Prior p = Priors.parse("gaussian:0.5");
        GaussianPrior g = assertInstanceOf(GaussianPrior.class, p);
        assertEquals(0.5, g.sigma());
        assertEquals("gaussian(0.5)", p.describe());
        assertEquals(1.0, assertInstanceOf(GaussianPrior.class, Priors.parse("  gaussian:1  ")).sigma());
        assertEquals(1e-3, assertInstanceOf(GaussianPrior.class, Priors.parse("gaussian:1e-3")).sigma());
    }

    @Test
    void parsesMixture() {
        Prior p = Priors.parse("mixture:0.5,1.0,0.0025");
        assertInstanceOf(ScaleMixturePrior.class, p);
        assertEquals("mixture(0.5,1.0,0.0025)", p.describe());
        assertFalse(p.closedForm());
        assertInstanceOf(ScaleMixturePrior.class, Priors.parse("  mixture:0.25,1,0.1 "));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "gaussian", "gaussian:", "gaussian:abc", "gaussian:0", "gaussian:-1", "gaussian:NaN", "gaussian:Infinity",
        "laplace:1", "mixture:0.5,1", "mixture:0.5,1,0.1,2", "mixture:1,1,0.1", "mixture:0,1,0.1",
        "mixture:0.5,1,-0.1", "mixture:0.5,x,0.1", "mixture:"
    })
    void badSpecsGiveAOneLineMessageNamingTheOption(String spec) {
        RisbnnException e = assertThrows(RisbnnException.class, () -> Priors.parse(spec));
        String msg = e.getMessage();
        assertTrue(msg.startsWith("--prior"), msg);
        assertTrue(msg.contains("'" + spec + "'"), msg);
        assertFalse(msg.contains("\n") || msg.contains("\r"), msg);
    }
}
