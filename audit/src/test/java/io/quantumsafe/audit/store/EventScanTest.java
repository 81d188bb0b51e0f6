package io.quantumsafe.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan behind reports reads past the store's 10,000-result search window, each event once. */
class EventScanTest {
    @TempDir
    Path dir;

    static List<StoredEvent> events(int count, Instant start, int perMillisecond) {
        List<StoredEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Several events share each millisecond, so window boundaries fall inside a millisecond.
            AuditEvent event = TestEvents.event(start.plusMillis(i / perMillisecond), "sign", "OK", "client-" + (i % 7));
            events.add(new StoredEvent("w-" + i, i, event, EventCodec.encode(event), List.of(), List.of()));
        }
        return events;
    }

    @Test
    void scan_beyondTheSearchWindow_readsEveryEventExactlyOnce() throws Exception {
        Instant start = Instant.parse("2025-08-03T10:00:00Z");
        try (LuceneStore store = new LuceneStore(dir, Duration.ofDays(3650))) {
            store.add(events(23_456, start, 7));
            store.add(events(1, start.minusSeconds(3600), 1).stream()
                    .map(e -> new StoredEvent("w-outside", 99_999, e.event(), e.json(), List.of(), List.of())).toList());
            store.commit(99_999);
            Set<String> seen = new HashSet<>();
            List<String> duplicates = new ArrayList<>();
            EventScan.Outcome outcome = EventScan.scan(store, start, start.plusSeconds(3600), 1_000_000, event -> {
                if (!seen.add(event.get("_id").asText())) duplicates.add(event.get("_id").asText());
            });
            assertThat(duplicates).isEmpty();
            assertThat(outcome).isEqualTo(new EventScan.Outcome(23_456, false));
            assertThat(seen).doesNotContain("w-outside");
        }
    }

    @Test
    void scan_stopsAtItsBound_andSaysSo() throws Exception {
        Instant start = Instant.parse("2025-08-03T10:00:00Z");
        try (LuceneStore store = new LuceneStore(dir, Duration.ofDays(3650))) {
            store.add(events(3_000, start, 1));
            store.commit(3_000);
            List<String> newest = new ArrayList<>();
            EventScan.Outcome outcome = EventScan.scan(store, null, null, 1_500, event -> newest.add(event.get("_id").asText()));
            assertThat(outcome).isEqualTo(new EventScan.Outcome(1_500, true));
            assertThat(newest.getFirst()).isEqualTo("w-2999");
        }
    }

    @Test
    void scan_ofMoreThanAWindowInOneMillisecond_endsTruncatedInsteadOfLooping() throws Exception {
        Instant start = Instant.parse("2025-08-03T10:00:00Z");
        try (LuceneStore store = new LuceneStore(dir, Duration.ofDays(3650))) {
            store.add(events(EventQuery.windowMax + 5, start, EventQuery.windowMax + 5));
            store.commit(1);
            EventScan.Outcome outcome = EventScan.scan(store, null, null, 1_000_000, event -> {});
            assertThat(outcome).isEqualTo(new EventScan.Outcome(EventQuery.windowMax, true));
        }
    }
}
