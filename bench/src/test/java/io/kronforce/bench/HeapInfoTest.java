package io.kronforce.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeapInfoTest {

    @Test
    void g1HasOneHeapLine() {
        String out = """
                12345:
                 garbage-first heap   total 262144K, used 20480K [0x00000000c0000000, 0x0000000100000000)
                  region size 1024K, 1 young (1024K), 0 survivors (0K)
                 Metaspace       used 51200K, committed 51712K, reserved 1114112K
                  class space    used 6400K, committed 6656K, reserved 1048576K
                """;
        assertEquals(20.0, HeapInfo.usedMiB(out).getAsDouble(), 1e-9);
    }

    @Test
    void jdk25SaysReservedAndCommittedBeforeUsed() {
        String out = """
                22988:
                garbage-first heap   total reserved 1048576K, committed 8192K, used 1248K [0x00000000c0000000, 0x0000000100000000)
                 region size 1024K, 0 young (0K), 0 survivors (0K)
                """;
        assertEquals(1248 / 1024.0, HeapInfo.usedMiB(out).getAsDouble(), 1e-9);
    }

    @Test
    void serialSumsItsGenerationsAndMetaspaceNeverCounts() {
        String out = """
                 def new generation   total 9792K, used 1024K [0x00000000c0000000, 0x00000000c0aa0000, 0x00000000d5550000)
                  eden space 8704K,  11% used
                 tenured generation   total 21888K, used 9216K [0x00000000d5550000, 0x00000000d6ab0000, 0x0000000100000000)
                 Metaspace       used 2048K, committed 2176K, reserved 1114112K
                """;
        assertEquals(10.0, HeapInfo.usedMiB(out).getAsDouble(), 1e-9);
    }

    @Test
    void anUnknownLayoutGivesNothingRatherThanAWrongFigure() {
        assertTrue(HeapInfo.usedMiB(" ZHeap           used 8M, capacity 64M, max capacity 1024M\n")
                .isEmpty());
    }
}
