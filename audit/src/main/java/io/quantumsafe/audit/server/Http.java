package io.quantumsafe.audit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers over the JDK's HttpExchange: bounded bodies, JSON answers, query strings. */
final class Http {
    private Http() {}

    static final ObjectMapper JSON = new ObjectMapper();

    /** A request the handler refuses with a status and a message (answered as {"error": ...}). */
    static final class Refusal extends Exception {
        final int status;
        final Map<String, String> headers;

        Refusal(int status, String message) {
            this(status, message, Map.of());
        }

        Refusal(int status, String message, Map<String, String> headers) {
            super(message, null, false, false);
            this.status = status;
            this.headers = headers;
        }
    }

    /** Reads at most {@code maxBytes}; 413 as soon as the declared or actual length is larger. */
    static byte[] body(HttpExchange exchange, int maxBytes, int[] length) throws IOException, Refusal {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > maxBytes) throw tooLarge(maxBytes);
            } catch (NumberFormatException e) {
                throw new Refusal(400, "Content-Length is not a number");
            }
        }
        byte[] buffer = new byte[Math.min(maxBytes + 1, declared != null ? Integer.parseInt(declared.strip()) + 1 : 64 * 1024)];
        int total = 0;
        try (InputStream in = exchange.getRequestBody()) {
            while (true) {
                if (total == buffer.length) {
                    if (buffer.length > maxBytes) throw tooLarge(maxBytes);
                    buffer = java.util.Arrays.copyOf(buffer, Math.min(maxBytes + 1, buffer.length * 2));
                }
                int read = in.read(buffer, total, buffer.length - total);
                if (read < 0) break;
                total += read;
                if (total > maxBytes) throw tooLarge(maxBytes);
            }
        }
        length[0] = total;
        return buffer;
    }

    private static Refusal tooLarge(int maxBytes) {
        return new Refusal(413, "body larger than " + maxBytes + " bytes; send smaller batches");
    }

    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body), Map.of());
    }

    static void error(HttpExchange exchange, Refusal refusal) throws IOException {
        byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("error", refusal.getMessage()));
        send(exchange, refusal.status, "application/json", body, refusal.headers);
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body, Map<String, String> headers)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    static Map<String, String> query(HttpExchange exchange) throws Refusal {
        Map<String, String> parameters = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) return parameters;
        if (raw.length() > 4096) throw new Refusal(414, "query string longer than 4096 characters");
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (parameters.put(name, value) != null) throw new Refusal(400, "parameter '" + name + "' given twice");
        }
        return parameters;
    }
}
