package io.kronforce.worker.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputCaptureTest {
    @Test
    void under_the_cap_everything_is_kept() {
        OutputCapture c = new OutputCapture(10);
        c.append("abc");
        c.append("def");
        assertEquals("abcdef", c.text());
        assertFalse(c.truncated());
    }

    @Test
    void over_the_cap_the_oldest_bytes_go_and_are_counted() {
        OutputCapture c = new OutputCapture(4);
        c.append("abc");
        c.append("defgh");
        assertTrue(c.truncated());
        assertEquals("[...truncated 4 bytes...]\nefgh", c.text());
    }

    @Test
    void a_cut_never_splits_a_character() {
        OutputCapture c = new OutputCapture(3);
        c.append("aéé"); // 1 + 2 + 2 bytes: keeping 3 would split the first é
        assertEquals("[...truncated 3 bytes...]\né", c.text());
    }
}
