package io.risbnn.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.risbnn.RisbnnException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectiveTest {
    @Test
    void parsesCliNamesCaseInsensitively() {
        assertEquals(Objective.ELBO, Objective.parse("elbo"));
        assertEquals(Objective.ELBO, Objective.parse("ELBO"));
        assertEquals(Objective.MOMENT, Objective.parse("moment"));
        assertEquals(Objective.MOMENT, Objective.parse("Moment"));
        for (Objective o : Objective.values()) {
            assertEquals(o, Objective.parse(o.cliName()));
        }
        assertEquals("elbo", Objective.ELBO.cliName());
        assertEquals("moment", Objective.MOMENT.cliName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "elb", "moments", "mc", "first-moment"})
    void badNamesGiveAOneLineMessageNamingTheOption(String name) {
        RisbnnException e = assertThrows(RisbnnException.class, () -> Objective.parse(name));
        assertTrue(e.getMessage().startsWith("--objective '" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("elbo") && e.getMessage().contains("moment"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
