package io.quantumsafe.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenSearch store against a real OpenSearch 3.6 node started for this class. */
class OpenSearchStoreTest {
    static OpenSearchNode node;
    static OpenSearchStore store;

    @BeforeAll
    static void startNode() throws Exception {
        node = OpenSearchNode.start();
        store = new OpenSearchStore(node.url(), Duration.ofDays(3));
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (store != null) store.close();
        if (node != null) node.close();
    }

    private static StoredEvent stored(String id, String time, String operation, String client, List<String> alerts) {
        ObjectNode json = TestEvents.json(time, operation, client);
        json.put("error", operation.equals("decapsulate") ? "implicit rejection" : null);
        json.putObject("extra").put("unindexed", "kept in _source");
        AuditEvent event = TestEvents.event(json);
        return new StoredEvent(id, -1, event, EventCodec.encode(event), alerts, alerts);
    }

    @Test
    void dailyIndices_search_alertCounts_idempotence_andRetention() throws Exception {
        List<StoredEvent> events = List.of(
                stored("w-1", "2025-08-02T23:00:00Z", "sign", "alice", List.of()),
                stored("w-2", "2025-08-03T02:45:23Z", "sign", "alice", List.of("late-night-signs")),
                stored("w-3", "2025-08-03T03:00:00Z", "sign", "bob", List.of("late-night-signs")),
                stored("w-4", "2025-08-03T10:00:00Z", "decapsulate", "bob", List.of("repeated-kem-failures")));
        store.add(events);
        store.add(events.subList(1, 2)); // a replayed event overwrites itself by id
        store.refresh();

        EventStore.Page all = store.search(EventQuery.all(10));
        assertThat(all.total()).isEqualTo(4);
        assertThat(all.events()).extracting(e -> e.get("_id").asText()).containsExactly("w-4", "w-3", "w-2", "w-1");
        assertThat(all.events().getFirst().get("extra").get("unindexed").asText()).isEqualTo("kept in _source");

        assertThat(store.search(new EventQuery(Map.of("client_id", "bob"), null, null, null, null, null, 0, 10)).total()).isEqualTo(2);
        assertThat(store.search(new EventQuery(Map.of(), "late-night-signs", null, null, null, null, 0, 10)).total()).isEqualTo(2);
        assertThat(store.search(new EventQuery(Map.of(), null, null, null, null, "implicit rejection", 0, 10)).events())
                .singleElement().satisfies(e -> assertThat(e.get("_id").asText()).isEqualTo("w-4"));
        assertThat(store.search(new EventQuery(Map.of(), null, null, Instant.parse("2025-08-03T00:00:00Z"),
                Instant.parse("2025-08-03T03:00:00Z"), null, 0, 10)).total()).isEqualTo(1);
        assertThat(store.search(new EventQuery(Map.of(), null, null, null, null, null, 1, 2)).events())
                .extracting(e -> e.get("_id").asText()).containsExactly("w-3", "w-2");

        assertThat(store.alertCounts(Instant.parse("2025-08-03T00:00:00Z"), Instant.parse("2025-08-04T00:00:00Z")))
                .containsExactly(new EventStore.RuleCount("late-night-signs", 2), new EventStore.RuleCount("repeated-kem-failures", 1));

        assertThat(store.applyRetention(Instant.parse("2025-08-06T12:00:00Z"))).isEqualTo(1); // keeps 08.03 onwards
        store.refresh();
        assertThat(store.search(EventQuery.all(10)).total()).isEqualTo(3);
        assertThat(store.refusedDocuments()).isZero();
    }
}
