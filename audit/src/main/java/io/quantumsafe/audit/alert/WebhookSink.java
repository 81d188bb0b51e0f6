package io.quantumsafe.audit.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** POSTs the alert as JSON ({@link AlertJson}) to a URL; any 2xx is delivered, anything else is retried. */
public class WebhookSink implements AlertSink {
    static final Duration timeout = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(timeout).build();

    private final String name;
    private final URI url;

    public WebhookSink(String name, URI url) {
        this.name = name;
        this.url = url;
    }

    @Override
    public String name() { return name; }

    /** The body for one alert. */
    protected byte[] body(Alert alert) throws IOException {
        return JSON.writeValueAsBytes(AlertJson.write(alert));
    }

    @Override
    public void send(Alert alert) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                .header("Idempotency-Key", alert.id())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(alert))).build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                String text = response.body();
                throw new IOException(url + " answered " + response.statusCode() + ": "
                        + (text.length() > 200 ? text.substring(0, 200) : text));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
