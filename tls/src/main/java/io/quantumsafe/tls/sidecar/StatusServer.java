package io.quantumsafe.tls.sidecar;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * GET /health and GET /metrics on a separate, loopback-only by default, plain HTTP port. The JDK's
 * HTTP server is enough for two read-only endpoints.
 */
final class StatusServer implements AutoCloseable {
    private final HttpServer server;

    StatusServer(InetSocketAddress address, Supplier<String> health, Supplier<String> metrics) throws IOException {
        server = HttpServer.create(address, 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/health", exchange -> respond(exchange, "application/json", health));
        server.createContext("/metrics", exchange -> respond(exchange, "text/plain; version=0.0.4; charset=utf-8", metrics));
        server.start();
    }

    int port() { return server.getAddress().getPort(); }

    private static void respond(HttpExchange exchange, String contentType, Supplier<String> body) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
