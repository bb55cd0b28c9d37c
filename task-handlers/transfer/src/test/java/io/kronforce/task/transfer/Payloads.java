package io.kronforce.task.transfer;

import java.util.Random;

/** Test file contents: binary, with CR, LF and NUL bytes, so any text-mode mangling shows. */
final class Payloads {

    private Payloads() {}

    static byte[] binary(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        bytes[0] = '\r';
        bytes[1] = '\n';
        bytes[2] = 0;
        return bytes;
    }
}
