package io.kronforce.task.script;

import java.util.HexFormat;

/** Upstream's hex helpers: lower-case hex out; hex in with optional whitespace, any case. */
final class Hex {
    private Hex() {}

    static String encode(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * @throws IllegalArgumentException with a message fit for the script when the text is not hex
     */
    static byte[] decode(String hex) {
        String digits = hex.replaceAll("\\s+", "");
        if (digits.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a hex string");
        }
    }
}
