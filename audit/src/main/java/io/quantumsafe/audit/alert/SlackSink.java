package io.quantumsafe.audit.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;

/** Slack incoming webhook: {"text": ...} with mrkdwn; Slack answers 200 "ok" when it posted the message. */
public final class SlackSink extends WebhookSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SlackSink(String name, URI webhookUrl) {
        super(name, webhookUrl);
    }

    @Override
    protected byte[] body(Alert alert) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("text", text(alert));
        return JSON.writeValueAsBytes(body);
    }

    static String text(Alert alert) {
        StringBuilder text = new StringBuilder();
        text.append(":rotating_light: *[").append(alert.severity().toUpperCase(java.util.Locale.ROOT)).append("] ")
                .append(alert.ruleId()).append("*");
        if (!alert.description().isEmpty()) text.append(" - ").append(alert.description());
        text.append("\n>client `").append(alert.event().path("client_id").asText()).append("`, operation `")
                .append(alert.event().path("operation").asText()).append("`, algorithm `")
                .append(alert.event().path("algorithm").asText()).append("` at ").append(alert.eventTime());
        if (alert.count() > 1) text.append(" (").append(alert.count()).append(" matches in the window)");
        if (!alert.tags().isEmpty()) text.append("\n>controls: ").append(String.join(", ", alert.tags()));
        text.append("\n>alert `").append(alert.id()).append('`');
        return text.toString();
    }
}
