package io.quantumsafe.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.EngineSignatureCheck;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.LedgerSnapshot;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.node.sync.SnapshotFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted verifier resumes from its newest snapshot that reads back, and from genesis if none does. */
class VerifierResumeTest {
    static final PqcEngine ENGINE = PqcEngine.create();
    static final KeyPair CLIENT = ENGINE.generateKeyPair(Algorithm.ML_DSA_44);
    static final UInt128 CLIENT_ID = UInt128.of(7);
    final LedgerConfig config = LedgerConfig.of(42, List.of(new ClientKey(CLIENT_ID, CLIENT.publicKey())));

    @Test
    void resumesFromTheNewestIntactSnapshot_skippingADamagedOne_andStartsAtGenesisWithoutAny(@TempDir Path dir) throws IOException {
        SnapshotFiles snapshots = new SnapshotFiles(dir, 2, below -> {});
        assertThat(VerifierNode.resume(snapshots, config, new EngineSignatureCheck(ENGINE)).sequence()).isZero();

        Ledger ledger = new Ledger(config, new EngineSignatureCheck(ENGINE));
        for (int s = 1; s <= 6; s++) {
            ledger.apply(new Batch(s, 1_000L * s, List.of(signed(s))));
            if (s == 3 || s == 6) snapshots.write(s, LedgerSnapshot.toBytes(ledger));
        }
        Ledger resumed = VerifierNode.resume(snapshots, config, new EngineSignatureCheck(ENGINE));
        assertThat(resumed.sequence()).isEqualTo(6);
        assertThat(resumed.stateRoot()).isEqualTo(ledger.stateRoot());

        // One flipped byte in the newest file: its checksum fails, and the verifier falls back to the older one.
        Path newest;
        try (var files = Files.list(dir)) {
            newest = files.max(java.util.Comparator.comparing(Path::toString)).orElseThrow(); // zero-padded sequence in the name
        }
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length / 2] ^= 1;
        Files.write(newest, bytes);
        assertThat(VerifierNode.resume(snapshots, config, new EngineSignatureCheck(ENGINE)).sequence()).isEqualTo(3);
    }

    private static SettlementRequest signed(int number) {
        Account account = Account.create(UInt128.of(100 + number), 1, 1, 0, CLIENT_ID);
        SettlementRequest unsigned = new SettlementRequest(42, CLIENT_ID, number, List.of(account), List.of(), new byte[0]);
        return unsigned.withSignature(ENGINE.signer(CLIENT.privateKey()).sign(RequestCodec.signingMessage(unsigned)));
    }
}
