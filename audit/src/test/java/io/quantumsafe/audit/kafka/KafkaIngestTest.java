package io.quantumsafe.audit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.audit.Eventually;
import io.quantumsafe.audit.TestEvents;
import io.quantumsafe.audit.client.KafkaAuditSink;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.server.AuditService;
import io.quantumsafe.audit.store.EventQuery;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka ingestion against a real KRaft broker in this JVM, fed by the audit client's Kafka sink and
 * by kcat (Debian) as an outside producer.
 */
class KafkaIngestTest {
    static KafkaClusterTestKit cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
                .setNumControllerNodes(1).build())
                // A single broker cannot hold the default three replicas of the offsets topic: groups hang without this.
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic("pqc-logs", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (cluster != null) cluster.close();
    }

    private AuditService start() throws Exception {
        AuditConfig config = AuditConfig.defaults(dir.resolve("data")).withListen(new InetSocketAddress("127.0.0.1", 0))
                .withRules(List.of("pack:crypto-misuse")).withKafka(cluster.bootstrapServers(), "pqc-logs", "audit-test")
                .withRetention(Duration.ofDays(36500)); // the events are dated 2025
        return AuditService.start(config);
    }

    private static long committedOffsets() throws Exception {
        try (Admin admin = cluster.admin()) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets("audit-test").partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static long stored(AuditService service) throws Exception {
        return service.pipeline().store().search(EventQuery.all(1)).total();
    }

    @Test
    void eventsFromTheClientSinkAndFromKcat_areStored_offsetsCommittedAfter_andARestartDoesNotDuplicate() throws Exception {
        try (AuditService service = start()) {
            try (KafkaAuditSink sink = new KafkaAuditSink(cluster.bootstrapServers(), "pqc-logs")) {
                for (int i = 0; i < 30; i++) {
                    var event = TestEvents.json("2025-08-05T10:00:" + String.format("%02d", i) + "Z", "decapsulate", "client-" + (i % 3));
                    event.put("status", "FAILED");
                    assertThat(sink.offer(event)).isTrue();
                }
                sink.close();
                assertThat(sink.delivered()).isEqualTo(30);
            }
            kcat("{\"timestamp\":\"2025-08-05T11:00:00Z\",\"component\":\"legacy-gateway\",\"operation\":\"sign\","
                    + "\"algorithm\":\"RSA-2048\",\"duration_ms\":1.2,\"status\":\"OK\",\"client_id\":\"kcat\",\"payload_size\":10}\n"
                    + "{\"timestamp\":\"not a time\"}\n");
            Eventually.awaitChecked("31 stored, offsets of all 32 records committed", Duration.ofSeconds(60),
                    () -> stored(service) == 31 && committedOffsets() == 32);
            var kemAlerts = service.pipeline().store().search(new EventQuery(Map.of(), null, "repeated-kem-failures", null, null,
                    null, 0, 10));
            assertThat(kemAlerts.total()).as("10 failures per client, threshold 5: two firings, suppressed after the first")
                    .isEqualTo(3);
            var kcatEvent = service.pipeline().store().search(new EventQuery(Map.of("client_id", "kcat"), null, null, null, null,
                    null, 0, 1));
            assertThat(kcatEvent.events().getFirst().get("rules").toString()).contains("quantum-vulnerable-algorithm");
        }
        try (AuditService restarted = start()) {
            kcat("{\"timestamp\":\"2025-08-05T12:00:00Z\",\"component\":\"c\",\"operation\":\"verify\",\"algorithm\":\"ML-DSA-65\","
                    + "\"duration_ms\":0.1,\"status\":\"OK\",\"client_id\":\"after-restart\",\"payload_size\":10}\n");
            Eventually.awaitChecked("the new event stored once, nothing re-read", Duration.ofSeconds(60),
                    () -> stored(restarted) == 32 && committedOffsets() == 33);
        }
    }

    private static void kcat(String lines) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("kcat", "-P", "-b", cluster.bootstrapServers(), "-t", "pqc-logs", "-K", "\t")
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            throw new AssertionError("kcat is needed as the outside producer (Debian package kcat; .ci/run installs it): " + e);
        }
        StringBuilder keyed = new StringBuilder();
        for (String line : lines.split("\n")) keyed.append("kcat\t").append(line).append('\n');
        process.getOutputStream().write(keyed.toString().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kcat finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("kcat: " + output).isZero();
    }
}
