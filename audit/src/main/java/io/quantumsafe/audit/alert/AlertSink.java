package io.quantumsafe.audit.alert;

import java.io.IOException;

/** Somewhere alerts are sent. {@link #send} throws when the alert was not accepted; the dispatcher retries. */
public interface AlertSink {
    /** Unique among the configured sinks; the outbox records deliveries per sink name. */
    String name();

    void send(Alert alert) throws IOException;
}
