package io.quantumsafe.audit.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.Eventually;
import io.quantumsafe.audit.config.AuditConfig;
import io.quantumsafe.audit.server.AuditService;
import io.quantumsafe.audit.store.EventQuery;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crypto engine's observer hook, through the audit client, into a running audit service. */
class CryptoAuditTest {
    @TempDir
    Path dir;

    @Test
    void engineSignAndVerify_becomeStoredAuditEvents() throws Exception {
        AuditConfig config = AuditConfig.defaults(dir).withListen(new InetSocketAddress("127.0.0.1", 0));
        try (AuditService service = AuditService.start(config)) {
            HttpAuditSink sink = new HttpAuditSink(URI.create("http://127.0.0.1:" + service.port() + "/api/audit/events"));
            PqcEngine engine = PqcEngine.builder().callerId("payments-api").observer(new CryptoAuditObserver(sink, "node-1")).build();
            KeyPair keys = engine.generateKeyPair(Algorithm.ML_DSA_65);
            byte[] message = "{\"amount\":\"100.00\"}".getBytes(StandardCharsets.UTF_8);
            byte[] signature = engine.signer(keys.privateKey()).sign(message);
            assertThat(engine.verifier(keys.publicKey()).verify(message, signature)).isTrue();
            sink.close();
            assertThat(sink.delivered()).isEqualTo(3);
            assertThat(sink.dropped()).isZero();

            Eventually.awaitChecked("the sign event stored", Duration.ofSeconds(10), () -> service.pipeline().store()
                    .search(new EventQuery(Map.of("operation", "sign"), null, null, null, null, null, 0, 1)).total() == 1);
            ObjectNode stored = service.pipeline().store()
                    .search(new EventQuery(Map.of("operation", "sign", "client_id", "payments-api"), null, null, null, null, null, 0, 1))
                    .events().getFirst();
            assertThat(stored.get("component").asText()).isEqualTo("pqc-engine");
            assertThat(stored.get("algorithm").asText()).isEqualTo("ML-DSA-65");
            assertThat(stored.get("status").asText()).isEqualTo("OK");
            assertThat(stored.get("payload_size").asInt()).isEqualTo(message.length);
            assertThat(stored.get("node").asText()).isEqualTo("node-1");
            assertThat(stored.get("key_id").asText()).isEqualTo(keys.privateKey().keyId());
            assertThat(service.pipeline().store().search(EventQuery.all(10)).events())
                    .extracting(e -> e.get("operation").asText()).containsExactlyInAnyOrder("keygen", "sign", "verify");
            assertThat(stored.get("rules").toString()).contains("pci-dss-12.3.3-crypto-inventory");
        }
    }
}
