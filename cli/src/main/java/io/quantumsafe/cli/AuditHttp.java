package io.quantumsafe.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What {@code qsafe report} and {@code qsafe cbom} share: they ask a running audit service over its
 * public API (the store belongs to the service; a second process must not open its index), with a
 * range as --from/--to or --range, and write the answer to a file or stdout.
 */
final class AuditHttp {
    @Option(names = "--server", paramLabel = "URL", description = "The audit service (default ${DEFAULT-VALUE}).")
    String server = "http://127.0.0.1:9400";

    @Option(names = "--from", paramLabel = "INSTANT", description = "Start of the range, ISO-8601 (2025-08-03T00:00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "INSTANT", description = "End of the range, exclusive (default now).")
    String to;

    @Option(names = "--range", paramLabel = "DURATION", description = "Length of the range ending at --to when --from is not given (24h, 7d).")
    String range;

    /** Request timeout: a report over a large range reads up to a million events. */
    static final Duration timeout = Duration.ofMinutes(5);

    String query() {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (from != null) parameters.put("from", instant(from, "--from"));
        if (to != null) parameters.put("to", instant(to, "--to"));
        if (range != null) parameters.put("range", range);
        StringBuilder query = new StringBuilder();
        parameters.forEach((name, value) -> query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static String instant(String text, String option) {
        try {
            return Instant.parse(text).toString();
        } catch (DateTimeParseException e) {
            throw new CommandFailure(option + " must be an ISO-8601 instant such as 2025-08-03T00:00:00Z, got '" + text + "'");
        }
    }

    byte[] get(String path) {
        URI uri;
        try {
            uri = URI.create(server.replaceAll("/+$", "") + path + query());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure("--server is not a URL: " + server);
        }
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                String message = new String(response.body(), StandardCharsets.UTF_8);
                try {
                    message = new ObjectMapper().readTree(response.body()).path("error").asText(message);
                } catch (IOException ignored) {
                    // Not JSON: show the body as it is.
                }
                throw new CommandFailure("the audit service answered " + response.statusCode() + ": " + message);
            }
            return response.body();
        } catch (ConnectException e) {
            throw new CommandFailure("cannot reach the audit service at " + server + " (start it with 'qsafe audit', or pass --server)");
        } catch (IOException e) {
            throw new CommandFailure("request to " + uri + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailure("interrupted");
        }
    }

    static void write(byte[] body, String out, java.io.PrintWriter stdout) {
        if (out.equals("-")) {
            stdout.print(new String(body, StandardCharsets.UTF_8));
            stdout.flush();
            return;
        }
        try {
            Files.write(Path.of(out), body);
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + out + ": " + e.getMessage());
        }
        stdout.println("wrote " + out + " (" + body.length + " bytes)");
        stdout.flush();
    }
}
