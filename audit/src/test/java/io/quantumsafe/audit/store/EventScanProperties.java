package io.quantumsafe.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Against a real Lucene store: any mix of event times, read back once each, exactly the range. */
class EventScanProperties {
    @Property(tries = 8)
    void scan_readsEachEventOfTheRangeOnce(@ForAll @IntRange(min = 1, max = 14_000) int count,
                                           @ForAll @IntRange(min = 1, max = 3_000) int spreadMillis,
                                           @ForAll @IntRange(min = 0, max = 2_000) int fromMillis,
                                           @ForAll long seed) throws Exception {
        Path dir = Files.createTempDirectory("event-scan");
        try (LuceneStore store = new LuceneStore(dir, Duration.ofDays(3650))) {
            Instant base = Instant.parse("2025-08-03T10:00:00Z");
            Random random = new Random(seed);
            List<StoredEvent> events = new ArrayList<>(count);
            Map<String, Instant> times = new HashMap<>();
            for (int i = 0; i < count; i++) {
                // Few distinct milliseconds for many events: ties straddle the 10,000-result window.
                Instant at = base.plusMillis(random.nextInt(spreadMillis));
                AuditEvent event = TestEvents.event(at, "sign", "OK", "c");
                events.add(new StoredEvent("w-" + i, i, event, EventCodec.encode(event), List.of(), List.of()));
                times.put("w-" + i, at);
            }
            store.add(events);
            store.commit(count);
            Instant from = base.plusMillis(fromMillis);
            Instant to = base.plusMillis(spreadMillis);
            Map<String, Integer> seen = new HashMap<>();
            EventScan.Outcome outcome = EventScan.scan(store, from, to, 1_000_000, event -> seen.merge(event.get("_id").asText(), 1, Integer::sum));
            long expected = times.values().stream().filter(at -> !at.isBefore(from) && at.isBefore(to)).count();
            long perMillisMax = times.values().stream().collect(java.util.stream.Collectors.groupingBy(at -> at, java.util.stream.Collectors.counting()))
                    .values().stream().mapToLong(Long::longValue).max().orElse(0);
            assertThat(seen.values()).allMatch(n -> n == 1);
            assertThat(seen.keySet()).allMatch(id -> !times.get(id).isBefore(from) && times.get(id).isBefore(to));
            if (perMillisMax < EventQuery.windowMax) {
                assertThat(outcome).isEqualTo(new EventScan.Outcome(expected, false));
            }
        } finally {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
