package io.quantumsafe.audit.kafka;

import io.quantumsafe.audit.event.EventCodec;
import io.quantumsafe.audit.event.EventSchema;
import io.quantumsafe.audit.ingest.Envelope;
import io.quantumsafe.audit.ingest.Pipeline;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes audit events from Kafka (one JSON event per record, keyed by {@code client_id} by the
 * producers so one client's events stay on one partition and so on one instance of the group).
 * Each polled batch goes through the pipeline and the store is committed before the offsets are:
 * a crash re-delivers at most the last batch, which the store absorbs by event id. Back-pressure
 * is the loop itself: the next poll waits until the batch is stored.
 */
public final class KafkaIngest implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaIngest.class);
    static final Duration pollTimeout = Duration.ofMillis(200);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Pipeline pipeline;
    private final Thread loop;
    private final LongAdder stored = new LongAdder();
    private final LongAdder invalid = new LongAdder();
    private volatile boolean closing;

    private KafkaIngest(String bootstrap, String topic, String group, Pipeline pipeline, int pollRecordsMax) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(pollRecordsMax));
        properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, Integer.toString(16 << 20));
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "qsafe-audit-" + group);
        this.consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.pipeline = pipeline;
        this.loop = Thread.ofPlatform().daemon(true).name("qsafe-audit-kafka").unstarted(this::run);
    }

    public static KafkaIngest start(String bootstrap, String topic, String group, Pipeline pipeline, int pollRecordsMax) {
        KafkaIngest ingest = new KafkaIngest(bootstrap, topic, group, pipeline, pollRecordsMax);
        ingest.loop.start();
        return ingest;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                if (records.isEmpty()) continue;
                List<Envelope> batch = envelopes(records);
                try {
                    pipeline.process(batch);
                    pipeline.commit(-1);
                } catch (IOException | RuntimeException e) {
                    log.error("storing a Kafka batch failed; re-reading it in 1 s", e);
                    rewind(records);
                    Thread.sleep(1000);
                    continue;
                }
                consumer.commitSync(nextOffsets(records));
                stored.add(batch.size());
            }
        } catch (WakeupException e) {
            if (!closing) log.error("Kafka consumer woken unexpectedly", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Kafka consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private List<Envelope> envelopes(ConsumerRecords<byte[], byte[]> records) {
        List<Envelope> batch = new ArrayList<>(records.count());
        long now = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            byte[] value = record.value();
            if (value == null || value.length > EventSchema.eventBytesMax) {
                reject(record, "empty or larger than " + EventSchema.eventBytesMax + " bytes");
                continue;
            }
            try {
                var event = EventCodec.decode(value);
                String id = "k-" + record.topic() + "-" + record.partition() + "-" + record.offset();
                batch.add(new Envelope(id, -1, event, value, now));
            } catch (IllegalArgumentException e) {
                reject(record, e.getMessage());
            }
        }
        return batch;
    }

    /** An invalid record cannot be refused to its producer; it is counted and logged, and consumption goes on. */
    private void reject(ConsumerRecord<byte[], byte[]> record, String reason) {
        invalid.increment();
        log.warn("skipping invalid audit event at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(list.getLast().offset() + 1));
        }
        return offsets;
    }

    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).getFirst().offset());
        }
    }

    public long stored() { return stored.sum(); }

    public long invalid() { return invalid.sum(); }

    @Override
    public void close() {
        closing = true;
        consumer.wakeup();
        try {
            loop.join(Duration.ofSeconds(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
