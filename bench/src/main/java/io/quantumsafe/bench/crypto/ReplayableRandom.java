package io.quantumsafe.bench.crypto;

import java.security.SecureRandom;

/**
 * Randomness that can be rewound, for common random numbers in the paired overhead rounds: both
 * sides of a round start from the same seed, so hedged ML-DSA and FN-DSA signing take the same
 * rejection-sampling paths, and key generation produces the same keys, on the raw and the engine
 * side. Without it the number of ML-DSA signing attempts (geometric, mean about 4) would dominate
 * the difference between two blocks. A SplitMix64 stream: fast and statistically fine, and not
 * secure, which a benchmark does not need. Single-threaded.
 */
final class ReplayableRandom extends SecureRandom {
    private long state;

    void rewind(long seed) {
        state = seed;
    }

    @Override
    public void nextBytes(byte[] bytes) {
        int i = 0;
        while (i < bytes.length) {
            long value = next64();
            for (int b = 0; b < 8 && i < bytes.length; b++, value >>>= 8) bytes[i++] = (byte) value;
        }
    }

    @Override
    public void nextBytes(byte[] bytes, java.security.SecureRandomParameters parameters) {
        nextBytes(bytes);
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        byte[] seed = new byte[numBytes];
        nextBytes(seed);
        return seed;
    }

    @Override
    public String getAlgorithm() { return "SplitMix64 (benchmark only)"; }

    private long next64() {
        long z = state += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
