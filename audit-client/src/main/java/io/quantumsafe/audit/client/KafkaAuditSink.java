package io.quantumsafe.audit.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends events to a Kafka topic (default {@code pqc-logs}), one JSON event per record keyed by
 * {@code client_id}, so all of a client's events land on one partition and so on one consumer of
 * the audit group, which keeps per-client windows on one instance. acks=all and idempotence: an
 * event counts as delivered only once the brokers have it. Needs kafka-clients on the class path.
 */
public final class KafkaAuditSink extends BatchingSink {
    public static final String topicDefault = "pqc-logs";
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Duration batchTimeout = Duration.ofSeconds(30);

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    public KafkaAuditSink(String bootstrapServers, String topic) {
        this(bootstrapServers, topic, HttpAuditSink.queueCapacityDefault, HttpAuditSink.batchMaxDefault);
    }

    public KafkaAuditSink(String bootstrapServers, String topic, int queueCapacity, int batchMax) {
        super("kafka", queueCapacity, batchMax, 5);
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000"); // >= linger + request time-out
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "qsafe-audit-sink");
        this.producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
    }

    @Override
    int send(List<ObjectNode> batch) {
        AtomicInteger acknowledged = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(batch.size());
        for (ObjectNode event : batch) {
            try {
                byte[] key = event.path("client_id").asText("").getBytes(StandardCharsets.UTF_8);
                producer.send(new ProducerRecord<>(topic, key, JSON.writeValueAsBytes(event)), (metadata, error) -> {
                    if (error == null) acknowledged.incrementAndGet();
                    done.countDown();
                });
            } catch (Exception e) {
                done.countDown();
            }
        }
        try {
            done.await(batchTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return acknowledged.get();
    }

    @Override
    void closeTransport() {
        producer.close(Duration.ofSeconds(5));
    }
}
