package io.kronforce.controller.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CappedTextTest {

    @Test
    void keeps_text_under_the_cap_as_is() {
        CappedText t = new CappedText(10);
        t.append("abc");
        t.append("defghij");

        assertEquals("abcdefghij", t.render());
        assertFalse(t.truncated());
    }

    @Test
    void keeps_the_tail_and_counts_dropped_bytes_once_over_the_cap() {
        CappedText t = new CappedText(10);
        t.append("0123456789");
        t.append("ABC");

        assertTrue(t.truncated());
        assertEquals("[...truncated 3 bytes...]\n3456789ABC", t.render());
    }

    @Test
    void counts_dropped_multi_byte_characters_in_utf8_bytes() {
        CappedText t = new CappedText(4);
        t.append("ééxyzw");

        assertEquals("[...truncated 4 bytes...]\nxyzw", t.render());
    }

    @Test
    void keeps_exactly_the_cap_after_many_small_appends() {
        CappedText t = new CappedText(100);
        for (int i = 0; i < 1000; i++) {
            t.append(i % 10 + "");
        }

        String rendered = t.render();
        String kept = rendered.substring(rendered.indexOf('\n') + 1);
        assertEquals(100, kept.length());
        assertEquals("[...truncated 900 bytes...]", rendered.substring(0, rendered.indexOf('\n')));
        assertEquals("0123456789".repeat(10), kept);
    }

    @Test
    void renders_the_same_text_twice() {
        CappedText t = new CappedText(5);
        t.append("abcdefgh");

        assertEquals(t.render(), t.render());
    }
}
