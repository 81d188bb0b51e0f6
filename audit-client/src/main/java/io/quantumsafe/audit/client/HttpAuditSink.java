package io.quantumsafe.audit.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Posts batches as a JSON array to the audit service's {@code POST /api/audit/events}. A 503 or
 * 429 (the service applying back-pressure) or a connection error is retried a few times with
 * back-off; then the batch counts as dropped, so a down service costs memory bounded by the queue.
 */
public final class HttpAuditSink extends BatchingSink {
    /** About ten seconds of a busy producer (1,000 events/s). */
    public static final int queueCapacityDefault = 10_000;
    public static final int batchMaxDefault = 500;
    static final long lingerMillisDefault = 5;
    static final int attemptsMax = 4;
    static final Duration requestTimeout = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    private final URI endpoint;
    private final Duration retryPause;

    /** @param endpoint e.g. http://127.0.0.1:9400/api/audit/events */
    public HttpAuditSink(URI endpoint) {
        this(endpoint, queueCapacityDefault, batchMaxDefault, Duration.ofMillis(200));
    }

    public HttpAuditSink(URI endpoint, int queueCapacity, int batchMax, Duration retryPause) {
        super("http", queueCapacity, batchMax, lingerMillisDefault);
        this.endpoint = endpoint;
        this.retryPause = retryPause;
    }

    @Override
    int send(List<ObjectNode> batch) {
        ArrayNode array = JSON.createArrayNode();
        batch.forEach(array::add);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(array);
        } catch (IOException e) {
            return 0;
        }
        for (int attempt = 1; attempt <= attemptsMax; attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200 || status == 400) return accepted(response.body());
                if (status != 503 && status != 429) return 0; // 413 and the like: retrying the same bytes cannot help
            } catch (IOException e) {
                // Unreachable or reset: retry below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            try {
                Thread.sleep(retryPause.multipliedBy(1L << (attempt - 1))); // back-off between attempts
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }

    private static int accepted(byte[] body) {
        try {
            JsonNode answer = JSON.readTree(body);
            return answer.path("accepted").asInt(0);
        } catch (IOException e) {
            return 0;
        }
    }
}
