package io.quantumsafe.audit.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The pure parts of delivery: the token bucket and the back-off, with time as an input. */
class RateAndBackoffTest {
    @Test
    void tokenBucket_allowsTheBurst_thenOnePerInterval() {
        TokenBucket bucket = new TokenBucket(60, 3, 0); // one a second, three at once
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        assertThat(bucket.tryTake(0)).isZero();
        long wait = bucket.tryTake(0);
        assertThat(wait).isBetween(999L, 1000L);
        assertThat(bucket.tryTake(500)).isPositive();
        assertThat(bucket.tryTake(1000)).isZero();
        assertThat(bucket.tryTake(1000)).isPositive();
        assertThat(bucket.tryTake(60_000)).isZero(); // refilled, but never above the burst
        assertThat(bucket.tryTake(60_000)).isZero();
        assertThat(bucket.tryTake(60_000)).isZero();
        assertThat(bucket.tryTake(60_000)).isPositive();
    }

    @Test
    void backoff_doublesUpToTheCap() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 12);
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.delayAfter(20)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.delayAfter(1000)).isEqualTo(Duration.ofMinutes(5));
    }
}
