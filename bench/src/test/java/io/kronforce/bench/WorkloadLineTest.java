package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WorkloadLineTest {

    @Test
    void theLineHasThePeersPrefixTheKeysInOrderAndTheLoadLast() {
        String line = new WorkloadLine("w1")
                .put("n", 10_000)
                .put("execPerSec", 1234.56789)
                .put("firstPickupMs", 7)
                .render("1.25");
        assertEquals(
                "RESULT wl=w1 who=kronforce store=sqlite cfg=default n=10000 execPerSec=1234.568 firstPickupMs=7"
                        + " load1=1.25",
                line);
    }

    @Test
    void aWordValueMustNotSplitTheLine() {
        assertEquals(
                "RESULT wl=work who=kronforce store=sqlite cfg=default task=http-get load1=0.5",
                new WorkloadLine("work").put("task", "http-get").render("0.5"));
        assertThrows(IllegalArgumentException.class, () -> new WorkloadLine("work").put("task", "http get"));
    }
}
