package io.quantumsafe.audit.anomaly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventValidator;
import io.quantumsafe.audit.store.EventQuery;
import io.quantumsafe.audit.store.EventStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads a time window of stored events oldest first through the ordinary search API, which pages
 * newest first and at most {@link EventQuery#windowMax} deep: a window holding more is halved
 * until each part fits, so any store works and at most one part is in memory.
 */
final class StoreScan {
    private StoreScan() {}

    static ModelStore.Source of(EventStore store, Instant from, Instant to, long eventsMax) {
        return consumer -> scan(store, from, to, consumer, new long[] {eventsMax});
    }

    private static void scan(EventStore store, Instant from, Instant to, Consumer<AuditEvent> consumer, long[] budget) throws IOException {
        if (budget[0] <= 0 || !from.isBefore(to)) return;
        long total = store.search(new EventQuery(Map.of(), null, null, from, to, null, 0, 1)).total();
        if (total == 0) return;
        if (total > EventQuery.windowMax && Duration.between(from, to).toMillis() > 1) {
            Instant middle = from.plusMillis(Duration.between(from, to).toMillis() / 2);
            scan(store, from, middle, consumer, budget);
            scan(store, middle, to, consumer, budget);
            return;
        }
        // Either it fits, or more than windowMax events share one millisecond: the newest windowMax of them are read.
        List<ObjectNode> slice = new ArrayList<>();
        for (int offset = 0; offset < Math.min(total, EventQuery.windowMax); offset += EventQuery.limitMax) {
            int limit = (int) Math.min(EventQuery.limitMax, Math.min(total, EventQuery.windowMax) - offset);
            slice.addAll(store.search(new EventQuery(Map.of(), null, null, from, to, null, offset, limit)).events());
        }
        for (int i = slice.size() - 1; i >= 0 && budget[0] > 0; i--) {
            EventValidator.Result result = EventValidator.validate(slice.get(i));
            if (result.valid()) {
                consumer.accept(result.event());
                budget[0]--;
            }
        }
    }
}
