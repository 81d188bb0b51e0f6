package io.quantumsafe.audit.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.TestEvents;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CryptoInventoryTest {
    static ObjectNode event(String component, String algorithm, String client, String keyId) {
        ObjectNode json = TestEvents.json("2025-08-03T12:00:00Z", "sign", client);
        json.put("component", component).put("algorithm", algorithm);
        if (keyId != null) json.put("key_id", keyId);
        return json;
    }

    @Test
    void entries_groupByComponentAndAlgorithm_flaggedFirst_withNistDates() {
        CryptoInventory inventory = new CryptoInventory();
        inventory.add(event("payments", "ML-DSA-65", "a", "k1"));
        inventory.add(event("payments", "ML-DSA-65", "b", "k1"));
        inventory.add(event("payments", "ECDSA-P256", "a", "k2"));
        ObjectNode tls = event("sidecar", "ML-DSA-65", "c", null);
        tls.put("timestamp", "2025-08-03T14:00:00+02:00");
        tls.put("tls_group", "x25519");
        inventory.add(tls);
        CryptoInventory.Snapshot snapshot = inventory.snapshot();
        assertThat(snapshot.entries()).extracting(e -> e.component() + "/" + e.name() + "/" + e.status().wireName())
                .containsExactly("payments/ECDSA-P256/quantum-vulnerable", "sidecar/x25519/quantum-vulnerable",
                        "payments/ML-DSA-65/post-quantum", "sidecar/ML-DSA-65/post-quantum");
        CryptoInventory.Entry mlDsa = snapshot.entries().get(2);
        assertThat(mlDsa.events()).isEqualTo(2);
        assertThat(mlDsa.clients()).containsExactly("a", "b");
        assertThat(mlDsa.keyIds()).containsExactly("k1");
        assertThat(snapshot.entries().get(0).status().deprecatedAfter()).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(snapshot.entries().get(0).status().disallowedAfter()).isEqualTo(LocalDate.of(2035, 12, 31));
        assertThat(snapshot.keys()).extracting(CryptoInventory.Key::keyId).containsExactly("k1", "k2");
        assertThat(snapshot.flagged()).isEqualTo(2);
    }

    @Test
    void classification_isTheRules_one() {
        assertThat(QuantumStatus.of("X25519MLKEM768")).isEqualTo(QuantumStatus.POST_QUANTUM);
        assertThat(QuantumStatus.of("RSA-1024")).isEqualTo(QuantumStatus.DEPRECATED_PRIMITIVE);
        assertThat(QuantumStatus.of("Ed25519")).isEqualTo(QuantumStatus.QUANTUM_VULNERABLE);
        assertThat(QuantumStatus.of("AES-256-GCM")).isEqualTo(QuantumStatus.NOT_AFFECTED);
    }

    @Test
    void bounds_countWhatDidNotFit() {
        CryptoInventory inventory = new CryptoInventory();
        for (int i = 0; i < CryptoInventory.namesPerEntryMax + 3; i++) inventory.add(event("payments", "ML-DSA-65", "client-" + i, null));
        CryptoInventory.Snapshot snapshot = inventory.snapshot();
        assertThat(snapshot.entries().getFirst().clients()).hasSize(CryptoInventory.namesPerEntryMax);
        assertThat(snapshot.entries().getFirst().events()).isEqualTo(CryptoInventory.namesPerEntryMax + 3);
        assertThat(snapshot.dropped()).isEqualTo(3);
    }
}
