package io.quantumsafe.ledger;

import java.util.List;

/**
 * One step of the state machine: the requests consensus ordered next, with consensus time.
 *
 * @param sequence 1 for the first batch, then consecutive
 * @param timestamp consensus time in nanoseconds since the epoch; events get timestamps from
 *                  {@code max(timestamp, previous event + 1)} upwards, one per event
 */
public record Batch(long sequence, long timestamp, List<SettlementRequest> requests) {
    public Batch {
        requests = List.copyOf(requests);
    }
}
