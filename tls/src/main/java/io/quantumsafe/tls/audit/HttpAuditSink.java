package io.quantumsafe.tls.audit;

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
 * Posts batches as a JSON array to an HTTP endpoint (the audit service's POST /api/audit/events).
 * One retry after a short pause, then the batch counts as dropped: the sidecar does not buffer
 * without bound for an audit service that is down.
 */
public final class HttpAuditSink extends AsyncAuditSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration requestTimeout = Duration.ofSeconds(5);
    static final Duration retryPause = Duration.ofMillis(500);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
    private final URI endpoint;

    public HttpAuditSink(URI endpoint) {
        super("http", queueCapacityDefault);
        this.endpoint = endpoint;
    }

    @Override
    int write(List<ObjectNode> batch) {
        ArrayNode array = JSON.createArrayNode();
        batch.forEach(array::add);
        String body;
        try {
            body = JSON.writeValueAsString(array);
        } catch (IOException e) {
            return 0;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
                HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() / 100 == 2) return batch.size();
            } catch (IOException e) {
                // Unreachable: retry once below.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            try {
                Thread.sleep(retryPause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        return 0;
    }
}
