package io.quantumsafe.audit.config;

import io.quantumsafe.audit.alert.AlertManager;
import io.quantumsafe.audit.alert.AlertSink;
import io.quantumsafe.audit.alert.EmailSink;
import io.quantumsafe.audit.alert.SlackSink;
import io.quantumsafe.audit.alert.WebhookSink;
import io.quantumsafe.audit.rules.Severity;
import java.net.URI;
import java.util.List;

/**
 * One alert destination from the configuration.
 *
 * @param type webhook, slack or email
 * @param url for webhook and slack
 * @param smtpHost for email, with {@code smtpPort}, {@code from}, {@code to}, optional login and STARTTLS
 */
public record AlertSinkConfig(String type, String name, String url, String smtpHost, int smtpPort, String from, List<String> to,
                              boolean startTls, String username, String password, int perMinute, int burst,
                              Severity minimumSeverity) {
    public AlertSinkConfig {
        to = to == null ? List.of() : List.copyOf(to);
        switch (type) {
            case "webhook", "slack" -> {
                if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                    throw new IllegalArgumentException("alert sink " + name + ": " + type + " needs an http(s) url");
                }
            }
            case "email" -> {
                if (smtpHost == null || from == null || to.isEmpty()) {
                    throw new IllegalArgumentException("alert sink " + name + ": email needs smtp-host, from and to");
                }
            }
            default -> throw new IllegalArgumentException("alert sink " + name + ": type must be webhook, slack or email, got " + type);
        }
        if (perMinute < 1 || burst < 1) throw new IllegalArgumentException("alert sink " + name + ": per-minute and burst must be >= 1");
    }

    public static AlertSinkConfig webhook(String name, String url) {
        return new AlertSinkConfig("webhook", name, url, null, 0, null, List.of(), false, null, null, 60, 10, Severity.INFO);
    }

    public AlertManager.SinkSettings settings() {
        AlertSink sink = switch (type) {
            case "webhook" -> new WebhookSink(name, URI.create(url));
            case "slack" -> new SlackSink(name, URI.create(url));
            default -> new EmailSink(name, new EmailSink.Settings(smtpHost, smtpPort, from, to, startTls, username, password));
        };
        return new AlertManager.SinkSettings(sink, perMinute, burst, minimumSeverity);
    }
}
