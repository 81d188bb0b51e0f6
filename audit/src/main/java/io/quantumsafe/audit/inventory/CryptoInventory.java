package io.quantumsafe.audit.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The cryptography observed in audit events: for each component and algorithm (or TLS group),
 * who used it, with which keys (by id only: events never carry key material) and operations, and
 * when. A pure accumulator: events in, a snapshot out; every collection has a bound, and what
 * did not fit is counted rather than silently lost.
 */
public final class CryptoInventory {
    /** Distinct component/algorithm pairs kept; a real estate has tens to hundreds. */
    public static final int entriesMax = 10_000;
    /** Distinct clients, keys or operations listed per entry. */
    public static final int namesPerEntryMax = 500;
    public static final int keysMax = 10_000;

    /** What the name of an entry is: an algorithm of an operation, or a TLS key-exchange group. */
    public enum Kind { ALGORITHM, TLS_GROUP }

    public record Entry(String component, String name, Kind kind, QuantumStatus status, long events, SortedSet<String> clients,
                        SortedSet<String> keyIds, SortedSet<String> operations, Instant firstSeen, Instant lastSeen) {}

    public record Key(String keyId, String algorithm, QuantumStatus status, SortedSet<String> components, long events,
                      Instant firstSeen, Instant lastSeen) {}

    public record Snapshot(List<Entry> entries, List<Key> keys, long events, long dropped) {
        public long flagged() { return entries.stream().filter(entry -> entry.status().flagged()).count(); }
    }

    private record EntryKey(String component, String name, Kind kind) {}

    private static final class Accumulator {
        long events;
        final SortedSet<String> clients = new TreeSet<>();
        final SortedSet<String> keyIds = new TreeSet<>();
        final SortedSet<String> operations = new TreeSet<>();
        final SortedSet<String> components = new TreeSet<>();
        String algorithm;
        Instant first;
        Instant last;

        void seen(Instant at) {
            events++;
            if (first == null || at.isBefore(first)) first = at;
            if (last == null || at.isAfter(last)) last = at;
        }
    }

    private final Map<EntryKey, Accumulator> entries = new LinkedHashMap<>();
    private final Map<String, Accumulator> keys = new LinkedHashMap<>();
    private long events;
    private long dropped;

    /** Adds one stored event (its JSON); events without a component or algorithm are ignored. */
    public void add(JsonNode event) {
        String component = text(event, "component");
        String algorithm = text(event, "algorithm");
        Instant at = instant(event);
        if (component == null || algorithm == null || at == null) return;
        events++;
        String client = text(event, "client_id");
        String keyId = text(event, "key_id");
        record(new EntryKey(component, algorithm, Kind.ALGORITHM), at, client, keyId, text(event, "operation"));
        String group = text(event, "tls_group");
        if (group != null) record(new EntryKey(component, group, Kind.TLS_GROUP), at, client, null, text(event, "operation"));
        if (keyId != null) {
            Accumulator key = keys.get(keyId);
            if (key == null && keys.size() < keysMax) keys.put(keyId, key = new Accumulator());
            if (key == null) {
                dropped++;
            } else {
                key.seen(at);
                key.algorithm = algorithm;
                bounded(key.components, component);
            }
        }
    }

    private void record(EntryKey entryKey, Instant at, String client, String keyId, String operation) {
        Accumulator entry = entries.get(entryKey);
        if (entry == null && entries.size() < entriesMax) entries.put(entryKey, entry = new Accumulator());
        if (entry == null) {
            dropped++;
            return;
        }
        entry.seen(at);
        bounded(entry.clients, client);
        bounded(entry.keyIds, keyId);
        bounded(entry.operations, operation);
    }

    private void bounded(SortedSet<String> names, String name) {
        if (name == null || names.contains(name)) return;
        if (names.size() < namesPerEntryMax) names.add(name);
        else dropped++;
    }

    public Snapshot snapshot() {
        List<Entry> list = new ArrayList<>(entries.size());
        entries.forEach((key, value) -> list.add(new Entry(key.component(), key.name(), key.kind(), QuantumStatus.of(key.name()),
                value.events, new TreeSet<>(value.clients), new TreeSet<>(value.keyIds), new TreeSet<>(value.operations),
                value.first, value.last)));
        // Flagged first, then by component and name: what an auditor reads top-down.
        list.sort(Comparator.comparing((Entry entry) -> !entry.status().flagged()).thenComparing(Entry::component)
                .thenComparing(Entry::name));
        List<Key> keyList = new ArrayList<>(keys.size());
        keys.forEach((id, value) -> keyList.add(new Key(id, value.algorithm, QuantumStatus.of(value.algorithm),
                new TreeSet<>(value.components), value.events, value.first, value.last)));
        keyList.sort(Comparator.comparing(Key::keyId));
        return new Snapshot(List.copyOf(list), List.copyOf(keyList), events, dropped);
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) return null;
        return value.asText();
    }

    private static Instant instant(JsonNode event) {
        String text = text(event, "timestamp");
        if (text == null) return null;
        try {
            return java.time.OffsetDateTime.parse(text).toInstant(); // the schema accepts offsets, not only Z
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
