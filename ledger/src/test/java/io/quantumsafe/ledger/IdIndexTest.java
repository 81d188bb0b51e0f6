package io.quantumsafe.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IdIndexTest {
    private static final int IDS = 4_096;

    /** The inverse of {@link IdIndex#mix}: the mix is a bijection, which is what an attacker uses. */
    private static long unmix(long z) {
        z = z ^ (z >>> 31) ^ (z >>> 62);
        z *= inverse(0x94D049BB133111EBL);
        z = z ^ (z >>> 27) ^ (z >>> 54);
        z *= inverse(0xBF58476D1CE4E5B9L);
        return z ^ (z >>> 30) ^ (z >>> 60);
    }

    /** The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration). */
    private static long inverse(long odd) {
        long x = odd;
        for (int i = 0; i < 6; i++) x *= 2 - odd * x;
        return x;
    }

    /** Ids that all hash to one cell for a table whose seed is known: low 32 bits of the hash zero. */
    private static long[] collidingLows(long knownSeed) {
        long h = IdIndex.mix(0 ^ knownSeed); // hi = 0
        long[] lows = new long[IDS];
        for (int i = 0; i < IDS; i++) lows[i] = unmix((long) (i + 1) << 32) ^ h;
        return lows;
    }

    @Test
    void unmix_invertsMix() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            long x = random.nextLong();
            assertThat(unmix(IdIndex.mix(x))).isEqualTo(x);
        }
    }

    @Test
    void idsCraftedForAKnownSeed_formOneProbeChain_underThatSeed_butNotUnderAnother() {
        long[] lows = collidingLows(42);
        IdIndex known = new IdIndex(IDS, 42);
        IdIndex other = new IdIndex(IDS, 0x5DEECE66DL);
        for (int i = 0; i < IDS; i++) {
            known.put(0, lows[i], i);
            other.put(0, lows[i], i);
        }
        // The attack works when the seed is known (so this test can tell the two apart) ...
        assertThat(known.longestRun()).isEqualTo(IDS);
        // ... and a table with its own seed spreads the same ids like any others (load <= 1/2).
        assertThat(other.longestRun()).isLessThan(100);
        for (int i = 0; i < IDS; i++) {
            assertThat(known.find(0, lows[i])).isEqualTo(i);
            assertThat(other.find(0, lows[i])).isEqualTo(i);
        }
    }

    @Test
    void idsRewrittenWithTheSameLinearCombinationOfHalves_doNotCollideAnyMore() {
        // The earlier hash mixed lo ^ hi * golden: (hi', lo ^ (hi - hi') * golden) collided with (hi, lo) whatever the seed.
        IdIndex index = new IdIndex(IDS, 99);
        long golden = 0x9E3779B97F4A7C15L;
        for (int hi = 1; hi <= IDS; hi++) index.put(hi, 12345L ^ (hi * golden), hi);
        assertThat(index.longestRun()).isLessThan(100);
    }
}
