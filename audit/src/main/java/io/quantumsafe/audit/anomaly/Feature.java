package io.quantumsafe.audit.anomaly;

import java.util.Locale;

/**
 * The features both detectors see, in vector order. Each is measured against the event's own
 * client where that makes sense, so one forest can serve every client: a 40 ms signature is normal
 * for a client whose signatures take 40 ms and an anomaly for one whose take 1 ms.
 */
public enum Feature {
    /** log duration as a z-score against this client's running mean and deviation. */
    DURATION,
    /** log payload size as a z-score against this client's running mean and deviation. */
    PAYLOAD_SIZE,
    /** on a failed event, the share of failures among this client's last ~5 events, squared; 0 on a success. */
    FAILURE_RATE,
    /** this client's events per minute (short running average of the gaps), log scale, absolute, floored at 0.1 per minute. */
    EVENT_RATE,
    /** how rare this hour of day (UTC) is in this client's history. */
    HOUR_OF_DAY,
    /** how rare this operation + algorithm pair is in this client's history. */
    OPERATION_NOVELTY;

    public static final int count = values().length;

    /** The name in {@code anomaly_attribution}: {@code duration}, {@code payload_size}, ... */
    public String wireName() { return name().toLowerCase(Locale.ROOT); }
}
