package io.quantumsafe.audit.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The producer side: never blocks, bounded, batches, counts what it drops. */
class HttpAuditSinkTest {
    static ObjectNode event(int i) {
        return JsonNodeFactory.instance.objectNode().put("client_id", "c").put("n", i);
    }

    @Test
    void unreachableService_dropsAndCounts_withoutBlockingTheCaller() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HttpAuditSink sink = new HttpAuditSink(URI.create("http://127.0.0.1:" + closedPort + "/api/audit/events"), 10, 5,
                Duration.ofMillis(1));
        int accepted = 0;
        // Offered far faster than a dead endpoint can be tried: the bounded queue overflows and drops.
        for (int i = 0; i < 1000; i++) if (sink.offer(event(i))) accepted++;
        sink.close(Duration.ofSeconds(10));
        assertThat(accepted).isLessThan(1000);
        assertThat(sink.dropped()).isEqualTo(1000);
        assertThat(sink.delivered()).isZero();
    }

    @Test
    void eventsArriveInBatches_asAJsonArray() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        CountDownLatch gate = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/api/audit/events", exchange -> {
            try (exchange) {
                gate.await();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                bodies.add(body);
                int count = body.split("\"n\"").length - 1;
                byte[] reply = ("{\"accepted\":" + count + ",\"rejected\":0}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        try {
            HttpAuditSink sink = new HttpAuditSink(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/audit/events"),
                    1000, 50, Duration.ofMillis(10));
            for (int i = 0; i < 200; i++) assertThat(sink.offer(event(i))).isTrue();
            gate.countDown(); // the first request was held, so the rest queued up into full batches
            sink.close(Duration.ofSeconds(10));
            assertThat(sink.delivered()).isEqualTo(200);
            assertThat(sink.dropped()).isZero();
            assertThat(bodies.size()).isBetween(4, 20);
            assertThat(bodies).allSatisfy(body -> assertThat(body).startsWith("[").endsWith("]"));
        } finally {
            server.stop(0);
        }
    }
}
