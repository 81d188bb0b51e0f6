package io.quantumsafe.audit.alert;

import java.time.Duration;

/** Exponential back-off between delivery attempts: base x 2^(attempt-1), capped. Pure. */
public record Backoff(Duration base, Duration max, int attemptsMax) {
    /** 1 s, 2 s, 4 s ... 5 min, 12 attempts: about 20 minutes of trying before a dead letter. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), 12);

    public Duration delayAfter(int attempts) {
        int exponent = Math.min(Math.max(attempts - 1, 0), 30);
        long millis = Math.min(max.toMillis(), base.toMillis() << exponent);
        return Duration.ofMillis(millis);
    }
}
