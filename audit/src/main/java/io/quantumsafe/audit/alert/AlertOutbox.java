package io.quantumsafe.audit.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The durable record of alerts: every new alert, delivery, dead letter and state change is a JSON
 * line appended and fsynced before it counts. Reopening replays the file, so an alert accepted
 * before a crash is still pending after it, and one marked delivered is not sent again (a crash
 * between a send and its record can repeat that one send). The file is compacted on open and when
 * it has grown well past the live state.
 */
final class AlertOutbox implements AutoCloseable {
    /** Alerts kept (memory and file); the oldest are forgotten first. About 2 KB each. */
    static final int alertsMax = 10_000;
    static final int deadLettersMax = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    record DeadLetter(String alertId, String sink, int attempts, String reason, Instant at) {}

    private final Path file;
    private FileChannel channel;
    private final LinkedHashMap<String, Alert> alerts = new LinkedHashMap<>();
    private final Map<String, Set<String>> delivered = new HashMap<>();
    private final ArrayDeque<DeadLetter> dead = new ArrayDeque<>();
    private long linesSinceCompaction;

    private AlertOutbox(Path file) {
        this.file = file;
    }

    static AlertOutbox open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AlertOutbox outbox = new AlertOutbox(file);
        if (Files.exists(file)) outbox.replay();
        outbox.compact();
        return outbox;
    }

    private void replay() throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) continue;
                JsonNode record;
                try {
                    record = JSON.readTree(line);
                } catch (IOException e) {
                    break; // a torn last line: the write it belongs to was never acknowledged
                }
                apply(record);
            }
        }
    }

    private void apply(JsonNode record) {
        String id = record.path("id").asText();
        switch (record.path("op").asText()) {
            case "alert" -> remember(AlertJson.read(record.path("alert")));
            case "delivered" -> delivered.computeIfAbsent(id, k -> new HashSet<>()).add(record.path("sink").asText());
            case "dead" -> deadLetter(new DeadLetter(id, record.path("sink").asText(), record.path("attempts").asInt(),
                    record.path("reason").asText(), Instant.parse(record.path("at").asText())));
            case "state" -> {
                Alert alert = alerts.get(id);
                if (alert != null) alerts.put(id, alert.withState(Alert.State.parse(record.path("state").asText()),
                        Instant.parse(record.path("at").asText())));
            }
            default -> { }
        }
    }

    private void remember(Alert alert) {
        alerts.put(alert.id(), alert);
        while (alerts.size() > alertsMax) {
            Iterator<String> eldest = alerts.keySet().iterator();
            delivered.remove(eldest.next());
            eldest.remove();
        }
    }

    private void deadLetter(DeadLetter letter) {
        dead.addLast(letter);
        while (dead.size() > deadLettersMax) dead.removeFirst();
        delivered.computeIfAbsent(letter.alertId(), k -> new HashSet<>()).add(letter.sink());
    }

    /** Records the alerts not seen before (by id) with one fsync; returns those. */
    synchronized List<Alert> add(List<Alert> candidates) {
        List<Alert> fresh = new ArrayList<>();
        List<JsonNode> records = new ArrayList<>();
        for (Alert alert : candidates) {
            if (alerts.containsKey(alert.id())) continue;
            fresh.add(alert);
            ObjectNode record = JSON.createObjectNode().put("op", "alert").put("id", alert.id());
            record.set("alert", AlertJson.write(alert));
            records.add(record);
        }
        if (fresh.isEmpty()) return fresh;
        append(records);
        fresh.forEach(this::remember);
        return fresh;
    }

    synchronized void delivered(String alertId, String sink) {
        append(List.of(JSON.createObjectNode().put("op", "delivered").put("id", alertId).put("sink", sink)));
        delivered.computeIfAbsent(alertId, k -> new HashSet<>()).add(sink);
    }

    synchronized void dead(DeadLetter letter) {
        append(List.of(JSON.createObjectNode().put("op", "dead").put("id", letter.alertId()).put("sink", letter.sink())
                .put("attempts", letter.attempts()).put("reason", letter.reason()).put("at", letter.at().toString())));
        deadLetter(letter);
    }

    /** Moves an alert along its lifecycle; IllegalStateException for a move that is not allowed. */
    synchronized Alert transition(String id, Alert.State next, Instant at) {
        Alert alert = alerts.get(id);
        if (alert == null) throw new NoSuchElementException("no alert with id " + id);
        if (!alert.state().canMoveTo(next)) {
            throw new IllegalStateException("alert " + id + " is " + alert.state().wireName() + "; cannot become " + next.wireName());
        }
        append(List.of(JSON.createObjectNode().put("op", "state").put("id", id).put("state", next.wireName())
                .put("at", at.toString())));
        Alert moved = alert.withState(next, at);
        alerts.put(id, moved);
        return moved;
    }

    /** Alerts not yet delivered to (nor dead-lettered for) {@code sink}, oldest first. */
    synchronized List<Alert> pendingFor(String sink) {
        List<Alert> pending = new ArrayList<>();
        for (Alert alert : alerts.values()) {
            Set<String> done = delivered.get(alert.id());
            if (done == null || !done.contains(sink)) pending.add(alert);
        }
        return pending;
    }

    synchronized boolean isDelivered(String alertId, String sink) {
        Set<String> done = delivered.get(alertId);
        return done != null && done.contains(sink);
    }

    synchronized Alert get(String id) { return alerts.get(id); }

    synchronized List<Alert> list(Alert.State state, int limit) {
        List<Alert> result = new ArrayList<>();
        List<Alert> all = new ArrayList<>(alerts.values());
        for (int i = all.size() - 1; i >= 0 && result.size() < limit; i--) {
            if (state == null || all.get(i).state() == state) result.add(all.get(i));
        }
        return result;
    }

    synchronized List<DeadLetter> deadLetters() { return List.copyOf(dead); }

    private void append(List<JsonNode> records) {
        try {
            StringBuilder lines = new StringBuilder();
            for (JsonNode record : records) lines.append(JSON.writeValueAsString(record)).append('\n');
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) channel.write(buffer);
            channel.force(false);
            linesSinceCompaction += records.size();
            if (linesSinceCompaction > 4L * alertsMax) compact();
        } catch (IOException e) {
            throw new UncheckedIOException("alert outbox write failed: " + e.getMessage(), e);
        }
    }

    /** Rewrites the file as the live state only: one record per alert, delivery and dead letter. */
    private void compact() throws IOException {
        if (channel != null) channel.close();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder lines = new StringBuilder();
            for (Alert alert : alerts.values()) {
                ObjectNode record = JSON.createObjectNode().put("op", "alert").put("id", alert.id());
                record.set("alert", AlertJson.write(alert));
                lines.append(JSON.writeValueAsString(record)).append('\n');
                for (String sink : delivered.getOrDefault(alert.id(), Set.of())) {
                    lines.append(JSON.writeValueAsString(JSON.createObjectNode().put("op", "delivered").put("id", alert.id())
                            .put("sink", sink))).append('\n');
                }
            }
            for (DeadLetter letter : dead) {
                lines.append(JSON.writeValueAsString(JSON.createObjectNode().put("op", "dead").put("id", letter.alertId())
                        .put("sink", letter.sink()).put("attempts", letter.attempts()).put("reason", letter.reason())
                        .put("at", letter.at().toString()))).append('\n');
            }
            ByteBuffer buffer = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) out.write(buffer);
            out.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        linesSinceCompaction = 0;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }

}
