package io.quantumsafe.crypto;

import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;

/**
 * Dispatches operation events to the engine's observers. With no observer the engine does not even
 * read the clock: every operation checks {@link #enabled()} first, a final field read.
 */
final class Observation {
    private final CryptoObserver[] observers;
    private final Clock clock;
    private final String callerId;
    private final LongAdder observerFailures;

    Observation(CryptoObserver[] observers, Clock clock, String callerId, LongAdder observerFailures) {
        this.observers = observers;
        this.clock = clock;
        this.callerId = callerId;
        this.observerFailures = observerFailures;
    }

    boolean enabled() { return observers.length != 0; }

    Observation withCaller(String newCallerId) {
        return new Observation(observers, clock, newCallerId, observerFailures);
    }

    Clock clock() { return clock; }

    long observerFailures() { return observerFailures.sum(); }

    void report(CryptoOperation operation, Algorithm algorithm, CryptoProvider provider, String keyId,
                long startNanos, int payloadBytes, CryptoEvent.Status status, Throwable error) {
        long duration = System.nanoTime() - startNanos;
        CryptoEvent event = new CryptoEvent(clock.instant(), operation, algorithm, provider, keyId, duration,
                payloadBytes, status, callerId, error == null ? null : error.getMessage());
        for (CryptoObserver observer : observers) {
            try {
                observer.onOperation(event);
            } catch (RuntimeException e) {
                observerFailures.increment();
            }
        }
    }
}
