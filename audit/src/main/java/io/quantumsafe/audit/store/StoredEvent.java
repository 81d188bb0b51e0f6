package io.quantumsafe.audit.store;

import io.quantumsafe.audit.event.AuditEvent;
import java.util.List;

/**
 * An event as the store receives it.
 *
 * @param id unique and stable across replays ("w-" + log sequence, or "k-partition-offset" from Kafka)
 * @param walSeq the write-ahead log sequence number, or -1 for events that did not come through the log
 * @param json the event's JSON as received ({@link io.quantumsafe.audit.event.EventCodec#encode})
 * @param ruleHits ids of the rules whose condition matched
 * @param alertRules ids of the rules that alerted on this event
 */
public record StoredEvent(String id, long walSeq, AuditEvent event, byte[] json, List<String> ruleHits, List<String> alertRules) {}
