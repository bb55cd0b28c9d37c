package io.kronforce.worker.tls;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Just enough DER to wrap the two older key formats in PKCS#8, the one the JDK reads (RFC 5208):
 * a PKCS#1 RSA key (RFC 8017) and a SEC 1 EC key (RFC 5915), whose curve is taken from its
 * {@code [0] parameters}.
 */
final class Der {
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int CONTEXT_0 = 0xA0;
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    /** AlgorithmIdentifier { rsaEncryption (1.2.840.113549.1.1.1), NULL }. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    /** OBJECT IDENTIFIER id-ecPublicKey (1.2.840.10045.2.1). */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private Der() {}

    static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        return pkcs8(RSA_ALGORITHM, pkcs1);
    }

    static byte[] ecSec1ToPkcs8(byte[] sec1, Path file) {
        try {
            int[] outer = header(sec1, 0);
            int at = outer[0];
            at = skip(sec1, at); // version
            at = skip(sec1, at); // privateKey OCTET STRING
            if (at < sec1.length && (sec1[at] & 0xFF) == CONTEXT_0) {
                int[] params = header(sec1, at);
                byte[] curve = Arrays.copyOfRange(sec1, params[0], params[0] + params[1]);
                return pkcs8(tlv(SEQUENCE, concat(EC_PUBLIC_KEY, curve)), sec1);
            }
        } catch (ArrayIndexOutOfBoundsException malformed) {
            throw new TlsSetupException(file + " holds an EC PRIVATE KEY that is not valid DER");
        }
        throw new TlsSetupException(file + " holds an EC PRIVATE KEY without its curve; convert it to PKCS#8"
                + " (openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem)");
    }

    private static byte[] pkcs8(byte[] algorithm, byte[] key) {
        return tlv(SEQUENCE, concat(VERSION_0, algorithm, tlv(OCTET_STRING, key)));
    }

    /** {content start, content length} of the element at {@code at}. */
    private static int[] header(byte[] der, int at) {
        int first = der[at + 1] & 0xFF;
        if (first < 0x80) {
            return new int[] {at + 2, first};
        }
        int n = first & 0x7F;
        int length = 0;
        for (int i = 0; i < n; i++) {
            length = (length << 8) | (der[at + 2 + i] & 0xFF);
        }
        return new int[] {at + 2 + n, length};
    }

    private static int skip(byte[] der, int at) {
        int[] h = header(der, at);
        return h[0] + h[1];
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = n > 0xFFFF ? 3 : n > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(n >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
