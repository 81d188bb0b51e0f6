package io.quantumsafe.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.client.AuditSink;
import io.quantumsafe.audit.event.EventValidator;
import io.quantumsafe.tls.HandshakeInfo;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every audit event a validator emits is one Audit Lite accepts: its schema requires every field. */
class NodeEventsSchemaTest {
    /** Collects what the node hands to its sink. */
    private static final class Collected implements AuditSink {
        final List<ObjectNode> events = new ArrayList<>();

        @Override public boolean offer(ObjectNode event) { return events.add(event); }
        @Override public long delivered() { return events.size(); }
        @Override public long dropped() { return 0; }
        @Override public void close() {}
    }

    @Test
    void everyKindOfNodeEvent_passesTheAuditSchema() {
        Collected sink = new Collected();
        NodeEvents events = new NodeEvents("validator-2", sink, Clock.systemUTC());
        events.submitted("1001", 7, 3);
        events.refused("1001", "bad_signature");
        events.peerConnected(1, "outbound", new HandshakeInfo("TLSv1.3", "TLS_AES_256_GCM_SHA384", "X25519MLKEM768", true,
                "CN=validator-1", List.of("validator-1"), 2_500_000));
        events.peerDisconnected(1, "outbound", "connection reset");
        events.peerRefused("127.0.0.1:5555", "certificate from another CA");
        events.signatureFailure(3, "vote signature does not verify");
        events.alarm("two certificates for one author and round");
        events.fatal(new IllegalStateException("disk full"));

        assertThat(sink.events).hasSize(8);
        for (ObjectNode event : sink.events) {
            EventValidator.Result result = EventValidator.validate(event);
            assertThat(result.errors()).as(event.toString()).isEmpty();
            assertThat(result.valid()).isTrue();
        }
        assertThat(sink.events).extracting(e -> e.get("operation").asText()).contains("settlement_submitted", "settlement_rejected",
                "peer_connect", "peer_refused", "signature_failure", "consensus_alarm", "node_stopped");
        assertThat(sink.events.getFirst().get("client_id").asText()).isEqualTo("1001");
        assertThat(sink.events.get(2).get("tls_group").asText()).isEqualTo("X25519MLKEM768");
    }
}
