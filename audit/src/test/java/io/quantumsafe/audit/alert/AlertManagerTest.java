package io.quantumsafe.audit.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quantumsafe.audit.Eventually;
import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.rules.Severity;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Alerts to a real webhook endpoint, a Slack-format endpoint and a real SMTP server (GreenMail). */
class AlertManagerTest {
    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP);

    static final ObjectMapper JSON = new ObjectMapper();
    static final Backoff FAST = new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 3);

    @TempDir
    Path dir;

    static Alert alert(String rule, String eventId, String severity) {
        Instant now = Instant.parse("2025-08-03T06:00:00Z");
        return new Alert(Alert.idFor(rule, eventId), rule, severity, "Signing operations between 02:00–04:00 UTC",
                List.of("pci-dss:4.2.1"), "accounting-service", 1, eventId, Instant.parse("2025-08-03T02:45:23Z"),
                TestEvents.json("2025-08-03T02:45:23Z", "sign", "accounting-service"), Alert.State.OPEN, now, now);
    }

    static AlertManager.SinkSettings sink(AlertSink sink) {
        return new AlertManager.SinkSettings(sink, 6000, 100, Severity.INFO);
    }

    @Test
    void webhookSlackAndEmail_eachReceiveTheAlertOnce() throws Exception {
        try (WebhookReceiver webhook = new WebhookReceiver(); WebhookReceiver slack = new WebhookReceiver();
             AlertManager manager = AlertManager.open(dir, List.of(
                     sink(new WebhookSink("hook", webhook.url())), sink(new SlackSink("slack", slack.url())),
                     sink(new EmailSink("mail", new EmailSink.Settings("127.0.0.1", smtp.getSmtp().getPort(), "audit@quantumsafe.test",
                             List.of("soc@bank.test"), false, null, null)))), FAST, Clock.systemUTC())) {
            assertThat(manager.submit(List.of(alert("late-night-signs", "w-1", "high")))).hasSize(1);
            assertThat(manager.submit(List.of(alert("late-night-signs", "w-1", "high")))).isEmpty(); // same id: a replay

            Eventually.await("all three delivered", Duration.ofSeconds(10),
                    () -> webhook.bodies.size() == 1 && slack.bodies.size() == 1 && smtp.getReceivedMessages().length == 1);
            JsonNode body = JSON.readTree(webhook.bodies.getFirst());
            assertThat(body.get("rule_id").asText()).isEqualTo("late-night-signs");
            assertThat(body.get("event").get("client_id").asText()).isEqualTo("accounting-service");
            assertThat(JSON.readTree(slack.bodies.getFirst()).get("text").asText())
                    .contains("*[HIGH] late-night-signs*", "pci-dss:4.2.1", "`accounting-service`");
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertThat(mail.getSubject()).isEqualTo("[QuantumSafe][HIGH] late-night-signs: Signing operations between 02:00–04:00 UTC");
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("soc@bank.test");
            assertThat((String) mail.getContent()).contains("Alert id:    late-night-signs@w-1");
            Eventually.await("deliveries recorded", Duration.ofSeconds(5),
                    () -> manager.stats().stream().allMatch(s -> s.sent() == 1));
        }
    }

    @Test
    void alertPendingAtShutdown_isSentAfterRestart_exactlyOnce() throws Exception {
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            webhook.status.set(503);
            Backoff slow = new Backoff(Duration.ofMinutes(5), Duration.ofMinutes(5), 5); // one failed try, then a long wait
            try (AlertManager manager = AlertManager.open(dir, List.of(sink(new WebhookSink("hook", webhook.url()))), slow,
                    Clock.systemUTC())) {
                manager.submit(List.of(alert("r", "w-7", "medium")));
                Eventually.await("first attempt refused", Duration.ofSeconds(10), () -> webhook.requests.get() == 1);
            }
            webhook.status.set(200);
            try (AlertManager restarted = AlertManager.open(dir, List.of(sink(new WebhookSink("hook", webhook.url()))), slow,
                    Clock.systemUTC())) {
                Eventually.await("delivered after restart", Duration.ofSeconds(10), () -> webhook.bodies.size() == 1);
                Eventually.await("delivery recorded", Duration.ofSeconds(5), () -> restarted.stats().getFirst().sent() == 1);
                assertThat(restarted.get("r@w-7").state()).isEqualTo(Alert.State.OPEN);
            }
            try (AlertManager third = AlertManager.open(dir, List.of(sink(new WebhookSink("hook", webhook.url()))), slow,
                    Clock.systemUTC())) {
                assertThat(third.stats().getFirst().queued()).isZero(); // nothing pending: not sent again
                assertThat(third.list(null, 10)).hasSize(1);
            }
            assertThat(webhook.bodies).hasSize(1);
        }
    }

    @Test
    void sinkThatKeepsFailing_endsInTheDeadLetters_afterTheLastAttempt() throws Exception {
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            webhook.status.set(500);
            try (AlertManager manager = AlertManager.open(dir, List.of(sink(new WebhookSink("hook", webhook.url()))), FAST,
                    Clock.systemUTC())) {
                manager.submit(List.of(alert("r", "w-9", "high")));
                Eventually.await("dead-lettered", Duration.ofSeconds(10), () -> !manager.deadLetters().isEmpty());
                AlertManager.DeadLetter letter = manager.deadLetters().getFirst();
                assertThat(letter.alertId()).isEqualTo("r@w-9");
                assertThat(letter.attempts()).isEqualTo(3);
                assertThat(letter.reason()).contains("answered 500");
                assertThat(webhook.requests.get()).isEqualTo(3);
            }
            try (AlertManager restarted = AlertManager.open(dir, List.of(sink(new WebhookSink("hook", webhook.url()))), FAST,
                    Clock.systemUTC())) {
                assertThat(restarted.deadLetters()).hasSize(1);
                assertThat(restarted.stats().getFirst().queued()).isZero(); // a dead letter is not retried by a restart
            }
        }
    }

    @Test
    void minimumSeverity_filtersPerSink_andLifecycleSurvivesRestart() throws Exception {
        try (WebhookReceiver webhook = new WebhookReceiver()) {
            var highOnly = new AlertManager.SinkSettings(new WebhookSink("hook", webhook.url()), 6000, 100, Severity.HIGH);
            try (AlertManager manager = AlertManager.open(dir, List.of(highOnly), FAST, Clock.systemUTC())) {
                manager.submit(List.of(alert("low-rule", "w-1", "low"), alert("high-rule", "w-2", "critical")));
                Eventually.await("critical delivered", Duration.ofSeconds(10), () -> webhook.bodies.size() == 1);
                assertThat(webhook.bodies.getFirst()).contains("high-rule");
                manager.acknowledge("low-rule@w-1");
                manager.close("high-rule@w-2");
            }
            try (AlertManager restarted = AlertManager.open(dir, List.of(highOnly), FAST, Clock.systemUTC())) {
                assertThat(restarted.get("low-rule@w-1").state()).isEqualTo(Alert.State.ACKNOWLEDGED);
                assertThat(restarted.get("high-rule@w-2").state()).isEqualTo(Alert.State.CLOSED);
                assertThat(restarted.list(Alert.State.ACKNOWLEDGED, 10)).extracting(Alert::id).containsExactly("low-rule@w-1");
            }
        }
    }
}
