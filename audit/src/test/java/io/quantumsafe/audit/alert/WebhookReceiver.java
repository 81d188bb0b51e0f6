package io.quantumsafe.audit.alert;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP endpoint that records what it is sent and answers with a settable status. */
final class WebhookReceiver implements AutoCloseable {
    final List<String> bodies = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    final AtomicInteger requests = new AtomicInteger();
    private final HttpServer server;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/hook", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                requests.incrementAndGet();
                int answer = status.get();
                if (answer == 200) bodies.add(body);
                byte[] reply = (answer == 200 ? "ok" : "unavailable").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answer, reply.length);
                exchange.getResponseBody().write(reply);
            }
        });
        server.start();
    }

    URI url() { return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"); }

    @Override
    public void close() { server.stop(0); }
}
