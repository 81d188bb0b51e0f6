package io.quantumsafe.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Lucene index files in a temporary directory. */
class LuceneStoreTest {
    @TempDir
    Path dir;

    private static StoredEvent stored(long seq, String time, String operation, String client, List<String> alerts) {
        ObjectNode json = TestEvents.json(time, operation, client);
        if (operation.equals("decapsulate")) json.put("error", "ciphertext rejected by implicit rejection");
        AuditEvent event = TestEvents.event(json);
        return new StoredEvent("w-" + seq, seq, event, EventCodec.encode(event), alerts.isEmpty() ? List.of() : alerts, alerts);
    }

    private static List<StoredEvent> sample() {
        List<StoredEvent> events = new ArrayList<>();
        events.add(stored(1, "2025-08-02T23:59:59Z", "sign", "alice", List.of()));
        events.add(stored(2, "2025-08-03T02:45:23Z", "sign", "alice", List.of("late-night-signs")));
        events.add(stored(3, "2025-08-03T03:00:00Z", "sign", "bob", List.of("late-night-signs")));
        events.add(stored(4, "2025-08-03T10:00:00Z", "decapsulate", "bob", List.of("repeated-kem-failures", "other")));
        events.add(stored(5, "2025-08-03T11:00:00Z", "verify", "carol", List.of()));
        return events;
    }

    @Test
    void search_byField_text_timeRange_andPaging_newestFirst() throws Exception {
        try (LuceneStore store = new LuceneStore(dir, Duration.ofDays(3650))) {
            store.add(sample());
            store.commit(5);
            assertThat(store.indexNames()).containsExactly("pqc-logs-2025.08.02", "pqc-logs-2025.08.03");

            EventStore.Page all = store.search(EventQuery.all(10));
            assertThat(all.total()).isEqualTo(5);
            assertThat(all.events()).extracting(e -> e.get("_id").asText()).containsExactly("w-5", "w-4", "w-3", "w-2", "w-1");

            EventStore.Page alice = store.search(new EventQuery(Map.of("client_id", "alice"), null, null, null, null, null, 0, 10));
            assertThat(alice.events()).extracting(e -> e.get("_id").asText()).containsExactly("w-2", "w-1");

            EventStore.Page text = store.search(new EventQuery(Map.of(), null, null, null, null, "implicit REJECTION", 0, 10));
            assertThat(text.events()).singleElement().satisfies(e -> assertThat(e.get("client_id").asText()).isEqualTo("bob"));

            EventStore.Page range = store.search(new EventQuery(Map.of(), null, null, Instant.parse("2025-08-03T00:00:00Z"),
                    Instant.parse("2025-08-03T10:00:00Z"), null, 0, 10));
            assertThat(range.total()).isEqualTo(2);

            EventStore.Page rule = store.search(new EventQuery(Map.of(), "late-night-signs", null, null, null, null, 0, 10));
            assertThat(rule.total()).isEqualTo(2);
            assertThat(rule.events().getFirst().get("rules").get(0).asText()).isEqualTo("late-night-signs");

            EventStore.Page page = store.search(new EventQuery(Map.of(), null, null, null, null, null, 2, 2));
            assertThat(page.total()).isEqualTo(5);
            assertThat(page.events()).extracting(e -> e.get("_id").asText()).containsExactly("w-3", "w-2");
        }
    }

    /** Free text was indexed as {@code _text} with positions before: such a daily index keeps being searched and written. */
    @Test
    void dailyIndexWrittenWithPositionalText_staysSearchableAndWritable() throws Exception {
        StoredEvent old = stored(1, "2025-08-03T09:00:00Z", "decapsulate", "bob", List.of());
        try (var directory = org.apache.lucene.store.FSDirectory.open(dir.resolve("pqc-logs-2025.08.03"));
             var writer = new org.apache.lucene.index.IndexWriter(directory,
                     new org.apache.lucene.index.IndexWriterConfig(new org.apache.lucene.analysis.standard.StandardAnalyzer()))) {
            var document = new org.apache.lucene.document.Document();
            document.add(new org.apache.lucene.document.StringField(LuceneDocuments.ID, old.id(),
                    org.apache.lucene.document.Field.Store.YES));
            long millis = old.event().timestamp().toEpochMilli();
            document.add(new org.apache.lucene.document.LongPoint(LuceneDocuments.TIME, millis));
            document.add(new org.apache.lucene.document.NumericDocValuesField(LuceneDocuments.TIME, millis));
            document.add(new org.apache.lucene.document.TextField(LuceneDocuments.TEXT_WITH_POSITIONS,
                    "ciphertext rejected by implicit rejection", org.apache.lucene.document.Field.Store.NO));
            document.add(new org.apache.lucene.document.StoredField(LuceneDocuments.SOURCE, old.json()));
            writer.addDocument(document);
            writer.setLiveCommitData(Map.of(LuceneStore.walSeqKey, "1").entrySet());
            writer.commit();
        }
        try (LuceneStore store = new LuceneStore(dir, Duration.ofDays(3650))) {
            store.add(List.of(stored(2, "2025-08-03T10:00:00Z", "decapsulate", "carol", List.of())));
            store.commit(2);
            EventStore.Page text = store.search(new EventQuery(Map.of(), null, null, null, null, "implicit rejection", 0, 10));
            assertThat(text.events()).extracting(e -> e.get("_id").asText()).containsExactly("w-2", "w-1");
        }
    }

    @Test
    void alertCounts_byRuleId_withinTheRange() throws Exception {
        try (LuceneStore store = new LuceneStore(dir, Duration.ofDays(3650))) {
            store.add(sample());
            store.commit(5);
            assertThat(store.alertCounts(Instant.parse("2025-08-03T00:00:00Z"), Instant.parse("2025-08-04T00:00:00Z")))
                    .containsExactly(new EventStore.RuleCount("late-night-signs", 2), new EventStore.RuleCount("other", 1),
                            new EventStore.RuleCount("repeated-kem-failures", 1));
            assertThat(store.alertCounts(Instant.parse("2025-08-03T02:50:00Z"), Instant.parse("2025-08-03T09:00:00Z")))
                    .containsExactly(new EventStore.RuleCount("late-night-signs", 1));
        }
    }

    @Test
    void abandonedWithoutCommit_thenReplayed_holdsEachEventExactlyOnce() throws Exception {
        List<StoredEvent> events = sample();
        LuceneStore store = new LuceneStore(dir, Duration.ofDays(3650));
        store.add(events.subList(0, 3));
        store.commit(3);
        store.add(events.subList(3, 5));
        store.abandon(); // killed: events 4 and 5 were never committed
        try (LuceneStore reopened = new LuceneStore(dir, Duration.ofDays(3650))) {
            assertThat(reopened.search(EventQuery.all(10)).total()).isEqualTo(3);
            reopened.add(events); // the write-ahead log replays from its checkpoint, which may lag the store
            reopened.commit(5);
            assertThat(reopened.search(EventQuery.all(10)).events()).extracting(e -> e.get("_id").asText())
                    .containsExactly("w-5", "w-4", "w-3", "w-2", "w-1");
        }
    }

    @Test
    void kafkaEvents_redeliveredById_replaceInsteadOfDuplicating() throws Exception {
        try (LuceneStore store = new LuceneStore(dir, Duration.ofDays(3650))) {
            AuditEvent event = TestEvents.event(TestEvents.brochure());
            StoredEvent fromKafka = new StoredEvent("k-pqc-logs-0-7", -1, event, EventCodec.encode(event), List.of(), List.of());
            store.add(List.of(fromKafka));
            store.commit(-1);
            store.add(List.of(fromKafka));
            store.commit(-1);
            assertThat(store.search(EventQuery.all(10)).total()).isEqualTo(1);
        }
    }

    @Test
    void retention_deletesWholeDaysOlderThanItKeeps() throws Exception {
        try (LuceneStore store = new LuceneStore(dir, Duration.ofDays(2))) {
            store.add(List.of(stored(1, "2025-07-30T12:00:00Z", "sign", "a", List.of()),
                    stored(2, "2025-08-01T12:00:00Z", "sign", "a", List.of()),
                    stored(3, "2025-08-03T12:00:00Z", "sign", "a", List.of())));
            store.commit(3);
            assertThat(store.applyRetention(Instant.parse("2025-08-03T13:00:00Z"))).isEqualTo(1);
            assertThat(store.indexNames()).containsExactly("pqc-logs-2025.08.01", "pqc-logs-2025.08.03");
            assertThat(Files.exists(dir.resolve("pqc-logs-2025.07.30"))).isFalse();
            assertThat(store.search(EventQuery.all(10)).total()).isEqualTo(2);
        }
    }

    @Test
    void manyDays_keepAtMostTheBoundOfOpenWriters_andStaySearchable() throws Exception {
        try (LuceneStore store = new LuceneStore(dir, Duration.ofDays(3650))) {
            List<StoredEvent> events = new ArrayList<>();
            for (int day = 0; day < LuceneStore.openIndicesMax + 4; day++) {
                events.add(stored(day + 1, Instant.parse("2025-01-01T12:00:00Z").plus(Duration.ofDays(day)).toString(), "sign", "a",
                        List.of("r")));
            }
            store.add(events);
            store.commit(events.size());
            assertThat(store.search(EventQuery.all(100)).total()).isEqualTo(events.size());
            assertThat(store.alertCounts(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")))
                    .containsExactly(new EventStore.RuleCount("r", events.size()));
        }
    }
}
