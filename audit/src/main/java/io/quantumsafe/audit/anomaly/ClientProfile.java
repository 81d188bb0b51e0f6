package io.quantumsafe.audit.anomaly;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.quantumsafe.audit.event.AuditEvent;
import java.time.ZoneOffset;

/**
 * What the detector remembers about one client: running means and deviations, a short failure
 * rate, the gap between events, an hour-of-day histogram and the operation/algorithm pairs it
 * uses. Fixed size (the pair table holds {@link #usageMax} entries), so memory per client is
 * bounded (about 1 KB). Pure: time is the event's timestamp.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class ClientProfile {
    /** Pairs remembered per client; a client using more has its rarest pair forgotten. */
    static final int usageMax = 16;
    /** Counts are halved past this so that old habits fade and counters stay bounded. */
    static final double countsMax = 100_000;
    /** Running averages adapt with weight 1/n until n reaches 1/alpha, then with alpha. */
    static final double baselineAlpha = 0.02;
    static final double failureAlpha = 0.2;
    static final double gapAlpha = 0.1;
    /** Below this many events a client's own baseline is not trusted: its z-scores count as 0. */
    static final int warmupEvents = 20;
    /** Deviation floor in log space (about 15 %): a client with perfectly constant durations is not alarmed by 1 %. */
    static final double logDeviationFloor = 0.15;
    static final double gapPriorSeconds = 60;

    long events;
    /** Anomalous events in a row (StreamingDetector keeps them out of the forest up to a limit). */
    int anomalousRun;
    double logDurationMean, logDurationVariance;
    double logPayloadMean, logPayloadVariance;
    double failureShort;
    double gapSeconds = gapPriorSeconds;
    long lastMillis = Long.MIN_VALUE;
    double[] hours = new double[24];
    double hoursTotal;
    String[] usageKeys = new String[usageMax];
    double[] usageCounts = new double[usageMax];
    int usageSize;
    double usageTotal;

    static double logDuration(double millis) { return Math.log(millis + 0.01); }

    static double logPayload(long bytes) { return Math.log1p(bytes); }

    static boolean failed(AuditEvent event) {
        String status = event.status();
        return !(status.equalsIgnoreCase("OK") || status.equalsIgnoreCase("SUCCESS"));
    }

    static String usageKey(AuditEvent event) { return event.operation() + " " + event.algorithm(); }

    static int hourOf(AuditEvent event) { return event.timestamp().atOffset(ZoneOffset.UTC).getHour(); }

    /** The feature vector of {@code event} against this profile as it stands (before {@link #learn}). */
    double[] features(AuditEvent event) {
        double[] x = new double[Feature.count];
        boolean warm = events >= warmupEvents;
        x[Feature.DURATION.ordinal()] = warm ? zScore(logDuration(event.durationMs()), logDurationMean, logDurationVariance) : 0;
        x[Feature.PAYLOAD_SIZE.ordinal()] = warm ? zScore(logPayload(event.payloadSize()), logPayloadMean, logPayloadVariance) : 0;
        // Only a failure carries the rate: the successes right after a storm are not anomalous themselves.
        double failure = failed(event) ? (1 - failureAlpha) * failureShort + failureAlpha : 0;
        // Scales: Random Cut Forest cuts a dimension with probability proportional to its range, so
        // each feature is scaled to spread ordinary traffic over a few units (measured with
        // `qsafe anomaly eval`); an anomaly then stands several units away in its dimension.
        // Squared: two failures in a row (share 0.36) happen in clean traffic and stay ordinary
        // (1.6); a storm stands out from its third or fourth failure (2.9, 4.2, ...).
        x[Feature.FAILURE_RATE.ordinal()] = 12 * failure * failure;
        // Floored at 0.1 per minute: a slow client is not a threat, and a business-hours client's
        // first event after its night (a 12-hour gap) was a false alarm without the floor.
        x[Feature.EVENT_RATE.ordinal()] = 3 * Math.max(-1, Math.log10(eventsPerMinute(event.timestamp().toEpochMilli())));
        x[Feature.HOUR_OF_DAY.ordinal()] = 2.5 * hourRarity(hourOf(event));
        x[Feature.OPERATION_NOVELTY.ordinal()] = 3 * rarity(usageCount(usageKey(event)), usageTotal, 50);
        return x;
    }

    /** Folds {@code event} into the profile. */
    void learn(AuditEvent event) {
        long millis = event.timestamp().toEpochMilli();
        gapSeconds = currentGap(millis);
        if (millis > lastMillis) lastMillis = millis;
        events++;
        double alpha = Math.max(baselineAlpha, 1.0 / events);
        double[] duration = ewm(logDuration(event.durationMs()), logDurationMean, logDurationVariance, alpha);
        logDurationMean = duration[0];
        logDurationVariance = duration[1];
        double[] payload = ewm(logPayload(event.payloadSize()), logPayloadMean, logPayloadVariance, alpha);
        logPayloadMean = payload[0];
        logPayloadVariance = payload[1];
        failureShort = (1 - failureAlpha) * failureShort + (failed(event) ? failureAlpha : 0);
        hours[hourOf(event)]++;
        if (++hoursTotal > countsMax) {
            for (int h = 0; h < 24; h++) hours[h] /= 2;
            hoursTotal /= 2;
        }
        addUsage(usageKey(event));
    }

    double eventsPerMinute(long millis) { return 60 / currentGap(millis); }

    /** Usual duration in ms (geometric mean), for explanations. */
    double usualDurationMs() { return Math.max(0, Math.exp(logDurationMean) - 0.01); }

    double usualPayloadBytes() { return Math.max(0, Math.expm1(logPayloadMean)); }

    double hourShare(int hour) { return hoursTotal == 0 ? 0 : hours[hour] / hoursTotal; }

    /** The most used pair, for explanations; "" when none. */
    String mostUsed() {
        int best = -1;
        for (int i = 0; i < usageSize; i++) if (best < 0 || usageCounts[i] > usageCounts[best]) best = i;
        return best < 0 ? "" : usageKeys[best];
    }

    double usageShare(String key) { return usageTotal == 0 ? 0 : usageCount(key) / usageTotal; }

    private double currentGap(long millis) {
        if (lastMillis == Long.MIN_VALUE) return gapSeconds;
        // Out-of-order or same-millisecond events count as 1 ms apart: a burst, not a division by zero.
        double gap = Math.max(0.001, (millis - lastMillis) / 1000.0);
        // The n-th gap has weight 1/n until 1/n reaches gapAlpha, so a new client's own rate replaces
        // the prior from its second event on (events - 1 gaps were seen before this one).
        double alpha = Math.max(gapAlpha, 1.0 / Math.max(1, events));
        return Math.max(0.001, (1 - alpha) * gapSeconds + alpha * gap);
    }

    private static double zScore(double x, double mean, double variance) {
        double deviation = Math.sqrt(variance + logDeviationFloor * logDeviationFloor);
        return Math.clamp((x - mean) / deviation, -12, 12);
    }

    /** Exponentially weighted mean and variance (Finch 2009, "Incremental calculation of weighted mean and variance"). */
    private static double[] ewm(double x, double mean, double variance, double alpha) {
        double difference = x - mean;
        double increment = alpha * difference;
        return new double[] {mean + increment, (1 - alpha) * (variance + difference * increment)};
    }

    /**
     * -log10 of the share of the five hours around {@code hour}, so that a quiet night hour of a
     * 24-hour client (neighbours busy) is not rare while any hour of a business-hours client's
     * night is; scaled down for the first 50 events.
     */
    private double hourRarity(int hour) {
        if (hoursTotal <= 0) return 0;
        double around = 0;
        for (int h = hour - 2; h <= hour + 2; h++) around += hours[Math.floorMod(h, 24)];
        return -Math.log10((around + 0.5) / (hoursTotal + 0.5)) * Math.min(1, hoursTotal / 50);
    }

    /**
     * -log10 of the share of {@code count} in {@code total}, floored at 1/1000, scaled down while
     * the client has fewer than {@code warmup} observations (everything is new to a new client).
     */
    private static double rarity(double count, double total, double warmup) {
        if (total <= 0) return 0;
        double share = Math.max(count / total, 1e-3);
        return -Math.log10(share) * Math.min(1, total / warmup);
    }

    private double usageCount(String key) {
        for (int i = 0; i < usageSize; i++) if (usageKeys[i].equals(key)) return usageCounts[i];
        return 0;
    }

    private void addUsage(String key) {
        int slot = -1;
        for (int i = 0; i < usageSize; i++) if (usageKeys[i].equals(key)) slot = i;
        if (slot < 0 && usageSize < usageMax) {
            slot = usageSize++;
            usageKeys[slot] = key;
            usageCounts[slot] = 0;
        } else if (slot < 0) {
            slot = 0;
            for (int i = 1; i < usageSize; i++) if (usageCounts[i] < usageCounts[slot]) slot = i;
            usageTotal -= usageCounts[slot];
            usageKeys[slot] = key;
            usageCounts[slot] = 0;
        }
        usageCounts[slot]++;
        if (++usageTotal > countsMax) {
            for (int i = 0; i < usageSize; i++) usageCounts[i] /= 2;
            usageTotal /= 2;
        }
    }
}
