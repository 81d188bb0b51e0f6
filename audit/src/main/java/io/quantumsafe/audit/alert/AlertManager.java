package io.quantumsafe.audit.alert;

import io.quantumsafe.audit.rules.Severity;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alerts after the rules: recorded durably in the outbox, then delivered to every sink whose
 * minimum severity they reach, and moved through open / acknowledged / closed by the API.
 */
public final class AlertManager implements AutoCloseable {
    /**
     * One configured sink.
     *
     * @param perMinute sends per minute on average (rate limit); {@code burst} at once
     * @param minimumSeverity alerts below it are not sent to this sink
     */
    public record SinkSettings(AlertSink sink, int perMinute, int burst, Severity minimumSeverity) {}

    private final AlertOutbox outbox;
    private final Map<String, SinkSettings> settings = new LinkedHashMap<>();
    private final List<SinkDispatcher> dispatchers = new ArrayList<>();
    private final Clock clock;

    private AlertManager(AlertOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Opens the outbox under {@code directory} and resumes delivering whatever was pending at the last stop. */
    public static AlertManager open(Path directory, List<SinkSettings> sinks, Backoff backoff, Clock clock) throws IOException {
        AlertManager manager = new AlertManager(AlertOutbox.open(directory.resolve("outbox.jsonl")), clock);
        for (SinkSettings sink : sinks) {
            if (manager.settings.put(sink.sink().name(), sink) != null) {
                throw new IllegalArgumentException("two alert sinks are named '" + sink.sink().name() + "'");
            }
            SinkDispatcher dispatcher = new SinkDispatcher(sink.sink(), manager.outbox, backoff, sink.perMinute(), sink.burst(), clock);
            manager.dispatchers.add(dispatcher);
            for (Alert pending : manager.outbox.pendingFor(sink.sink().name())) {
                if (admits(sink, pending)) dispatcher.enqueue(pending);
            }
        }
        return manager;
    }

    private static boolean admits(SinkSettings sink, Alert alert) {
        try {
            return Severity.parse(alert.severity()).compareTo(sink.minimumSeverity()) >= 0;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** Records new alerts (duplicates by id are ignored) and queues them for delivery; returns the new ones. */
    public List<Alert> submit(List<Alert> alerts) {
        List<Alert> fresh = outbox.add(alerts);
        for (Alert alert : fresh) {
            for (SinkDispatcher dispatcher : dispatchers) {
                if (admits(settings.get(dispatcher.name()), alert)) dispatcher.enqueue(alert);
            }
        }
        return fresh;
    }

    public Alert acknowledge(String id) { return outbox.transition(id, Alert.State.ACKNOWLEDGED, clock.instant()); }

    public Alert close(String id) { return outbox.transition(id, Alert.State.CLOSED, clock.instant()); }

    public Alert get(String id) { return outbox.get(id); }

    /** Newest first; {@code state} null for all. */
    public List<Alert> list(Alert.State state, int limit) { return outbox.list(state, limit); }

    public record DeadLetter(String alertId, String sink, int attempts, String reason, java.time.Instant at) {}

    public List<DeadLetter> deadLetters() {
        return outbox.deadLetters().stream()
                .map(d -> new DeadLetter(d.alertId(), d.sink(), d.attempts(), d.reason(), d.at())).toList();
    }

    public record SinkStats(String sink, long sent, long failures, long deadLettered, int queued) {}

    public List<SinkStats> stats() {
        return dispatchers.stream().map(d -> new SinkStats(d.name(), d.sent(), d.failures(), d.deadLettered(), d.queued())).toList();
    }

    @Override
    public void close() throws IOException {
        dispatchers.forEach(SinkDispatcher::close);
        outbox.close();
    }
}
