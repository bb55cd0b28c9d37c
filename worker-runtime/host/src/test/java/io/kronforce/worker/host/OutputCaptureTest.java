package io.kronforce.worker.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputCaptureTest {
    @Test
    void underTheCapEverythingIsKept() {
        OutputCapture c = new OutputCapture(10);
        c.append("abc");
        c.append("def");
        assertEquals("abcdef", c.text());
        assertFalse(c.truncated());
    }

    @Test
    void overTheCapTheOldestBytesGoAndAreCounted() {
        OutputCapture c = new OutputCapture(4);
        c.append("abc");
        c.append("defgh");
        assertTrue(c.truncated());
        assertEquals("[...truncated 4 bytes...]\nefgh", c.text());
    }

    @Test
    void aCutNeverSplitsACharacter() {
        OutputCapture c = new OutputCapture(3);
        c.append("aéé"); // 1 + 2 + 2 bytes: keeping 3 would split the first é
        assertEquals("[...truncated 3 bytes...]\né", c.text());
    }

    @Test
    void countsDroppedMultiByteCharactersInUtf8Bytes() {
        OutputCapture c = new OutputCapture(4);
        c.append("ééxyzw"); // 2 + 2 + 4 bytes: both é go
        assertEquals("[...truncated 4 bytes...]\nxyzw", c.text());
    }

    @Test
    void keepsExactlyTheCapAfterManySmallAppends() {
        OutputCapture c = new OutputCapture(100);
        for (int i = 0; i < 1000; i++) {
            c.append(i % 10 + "");
        }
        String text = c.text();
        assertEquals("[...truncated 900 bytes...]", text.substring(0, text.indexOf('\n')));
        assertEquals("0123456789".repeat(10), text.substring(text.indexOf('\n') + 1));
    }

    @Test
    void givesTheSameTextTwice() {
        OutputCapture c = new OutputCapture(5);
        c.append("abcdefgh");
        assertEquals(c.text(), c.text());
        assertTrue(c.truncated());
    }
}
