package io.quantumsafe.audit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSinksTest {
    @TempDir
    Path dir;

    private static ObjectNode event(int i) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("component", "pqc-sidecar");
        event.put("operation", "handshake");
        event.put("sequence", i);
        return event;
    }

    @Test
    void fileSink_appendsOneJsonLinePerEvent() throws Exception {
        Path file = dir.resolve("audit/events.jsonl");
        try (AuditSink sink = AuditSinks.parse("file:" + file)) {
            for (int i = 0; i < 100; i++) assertThat(sink.offer(event(i))).isTrue();
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(100);
        assertThat(new ObjectMapper().readTree(lines.get(42)).get("sequence").asInt()).isEqualTo(42);
    }

    @Test
    void httpSink_postsBatchesAsJsonArrays() throws Exception {
        List<Integer> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/api/audit/events", exchange -> {
            new ObjectMapper().readTree(exchange.getRequestBody()).forEach(e -> received.add(e.get("sequence").asInt()));
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        server.start();
        try (AuditSink sink = new HttpAuditSink(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/audit/events"))) {
            for (int i = 0; i < 1200; i++) sink.offer(event(i));
        } finally {
            server.stop(0);
        }
        assertThat(received).hasSize(1200);
        assertThat(received).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 1200).boxed().toList());
    }

    @Test
    void unreachableHttpSink_dropsAndCounts_withoutBlockingTheWriter() throws Exception {
        // Nothing listens on this port: every batch fails, after one retry.
        try (AuditSink sink = new HttpAuditSink(URI.create("http://127.0.0.1:9/unreachable"))) {
            for (int i = 0; i < 50; i++) assertThat(sink.offer(event(i))).isTrue();
            sink.close();
            assertThat(sink.delivered()).isZero();
            assertThat(sink.dropped()).isEqualTo(50);
        }
    }

    @Test
    void fullQueue_dropsInsteadOfWaiting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch writing = new CountDownLatch(1);
        BatchingSink stuck = new BatchingSink("stuck", 10, 500, 0) {
            @Override
            int send(List<ObjectNode> batch) {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return batch.size();
            }
        };
        stuck.offer(event(0));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();
        int accepted = 0;
        for (int i = 1; i <= 100; i++) if (stuck.offer(event(i))) accepted++;
        assertThat(accepted).isEqualTo(10);
        assertThat(stuck.dropped()).isEqualTo(90);
        release.countDown();
        stuck.close();
        assertThat(stuck.delivered()).isEqualTo(11);
    }

    @Test
    void unknownSinkSpecification_isRefused() {
        assertThatThrownBy(() -> AuditSinks.parse("syslog://x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stdout, file:PATH or an http(s) URL");
    }
}
