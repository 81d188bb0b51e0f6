package io.quantumsafe.audit.alert;

/**
 * Rate limit per sink: {@code perMinute} sends a minute on average, bursts up to {@code burst}.
 * Pure: the time is passed in (milliseconds from any fixed origin).
 */
final class TokenBucket {
    private final double tokensPerMilli;
    private final double burst;
    private double tokens;
    private long lastMillis;

    TokenBucket(int perMinute, int burst, long nowMillis) {
        if (perMinute < 1 || burst < 1) throw new IllegalArgumentException("rate and burst must be positive");
        this.tokensPerMilli = perMinute / 60_000.0;
        this.burst = burst;
        this.tokens = burst;
        this.lastMillis = nowMillis;
    }

    /** Takes a token if one is there; otherwise returns how many milliseconds until one will be (> 0). */
    long tryTake(long nowMillis) {
        if (nowMillis > lastMillis) {
            tokens = Math.min(burst, tokens + (nowMillis - lastMillis) * tokensPerMilli);
            lastMillis = nowMillis;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerMilli));
    }
}
