package io.kronforce.controller.webui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** One file the dashboard serves: its bytes, their gzip form when that is smaller, and its media type. */
record Asset(String path, byte[] raw, byte[] gzip, String contentType) {
    static Asset of(String path, byte[] raw) {
        return new Asset(path, raw, compress(raw), MediaTypes.of(path));
    }

    /** The gzip form, or null when compressing does not pay (tiny files, images). */
    private static byte[] compress(byte[] raw) {
        var out = new ByteArrayOutputStream(raw.length / 3 + 64);
        try (var gz = new GZIPOutputStream(out) {
            {
                def.setLevel(9);
            }
        }) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] zipped = out.toByteArray();
        return zipped.length < raw.length * 9L / 10 ? zipped : null;
    }

    /** Bytes on the wire for a client that accepts gzip. */
    int wireSize() {
        return gzip != null ? gzip.length : raw.length;
    }
}
