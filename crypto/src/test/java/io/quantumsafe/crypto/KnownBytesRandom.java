package io.quantumsafe.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Test-only randomness that returns the given bytes in order, to drive key generation and
 * encapsulation to a known answer. Running out is an error, so a test also proves how many random
 * bytes the operation consumed.
 */
final class KnownBytesRandom extends SecureRandom {
    private final byte[] bytes;
    private int position;

    KnownBytesRandom(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        bytes = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, bytes, offset, part.length);
            offset += part.length;
        }
    }

    /** Randomness that is all zeros: FIPS 204's deterministic signing variant (rnd = 0^32) for any number of signatures. */
    static SecureRandom zeros() {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] out) {
                Arrays.fill(out, (byte) 0);
            }
        };
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        if (position + out.length > bytes.length) {
            throw new IllegalStateException("known randomness exhausted: asked for " + out.length + " more bytes after " + position);
        }
        System.arraycopy(bytes, position, out, 0, out.length);
        position += out.length;
    }

    int consumed() { return position; }
}
