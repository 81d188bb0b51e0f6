package io.quantumsafe.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LedgerSnapshotTest {
    private static final LedgerConfig CONFIG = RandomBatches.config(64, 100_000);

    @Test
    void restoredLedger_hasTheSameRoot_andStaysInStepWithTheOriginal() throws Exception {
        Ledger original = new Ledger(CONFIG, SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(7);
        for (int b = 0; b < 50; b++) original.apply(workload.next());
        byte[] snapshot = LedgerSnapshot.toBytes(original);
        Ledger restored = LedgerSnapshot.read(new ByteArrayInputStream(snapshot), CONFIG, SignatureCheck.TRUST_CERTIFIED);

        assertThat(restored.stateRoot()).isEqualTo(original.stateRoot());
        assertThat(restored.sequence()).isEqualTo(original.sequence());
        assertThat(restored.accountCount()).isEqualTo(original.accountCount());
        assertThat(restored.transferCount()).isEqualTo(original.transferCount());
        for (int b = 0; b < 50; b++) {
            Batch batch = workload.next();
            assertThat(restored.apply(batch).stateRoot()).isEqualTo(original.apply(batch).stateRoot());
        }
        for (int s = 0; s < original.accountCount(); s++) {
            Account account = original.accounts.get(s);
            assertThat(restored.balanceHistory(account.id())).isEqualTo(original.balanceHistory(account.id()));
        }
    }

    @Test
    void snapshotOfAFreshLedger_staysInStepWithIt() throws Exception {
        // Regression: a fresh ledger's next "previous history root" was zeros while a restored genesis
        // snapshot used the genesis commitment's, so the two diverged at the first batch.
        Ledger fresh = new Ledger(CONFIG, SignatureCheck.TRUST_CERTIFIED);
        Ledger restored = LedgerSnapshot.read(new ByteArrayInputStream(LedgerSnapshot.toBytes(fresh)), CONFIG, SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(3);
        for (int b = 0; b < 5; b++) {
            Batch batch = workload.next();
            assertThat(restored.apply(batch).stateRoot()).isEqualTo(fresh.apply(batch).stateRoot());
        }
    }

    @Test
    void damagedTruncatedOrForeignSnapshots_areRefused() {
        Ledger original = new Ledger(CONFIG, SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(8);
        for (int b = 0; b < 20; b++) original.apply(workload.next());
        byte[] snapshot = LedgerSnapshot.toBytes(original);

        byte[] flipped = snapshot.clone();
        flipped[snapshot.length / 2] ^= 0x10;
        assertThatThrownBy(() -> LedgerSnapshot.read(new ByteArrayInputStream(flipped), CONFIG, SignatureCheck.TRUST_CERTIFIED))
                .isInstanceOf(SnapshotException.class);
        assertThatThrownBy(() -> LedgerSnapshot.read(new ByteArrayInputStream(Arrays.copyOf(snapshot, snapshot.length - 40)), CONFIG,
                SignatureCheck.TRUST_CERTIFIED)).isInstanceOf(SnapshotException.class);
        LedgerConfig otherNetwork = new LedgerConfig(CONFIG.networkId() + 1, CONFIG.clients(), 64, 100_000);
        assertThatThrownBy(() -> LedgerSnapshot.read(new ByteArrayInputStream(snapshot), otherNetwork, SignatureCheck.TRUST_CERTIFIED))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("network");
    }

    @Test
    void snapshotWhoseRecordsDoNotReproduceItsRoot_isRefusedEvenWithAValidChecksum() throws Exception {
        Ledger original = new Ledger(CONFIG, SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(9);
        for (int b = 0; b < 20; b++) original.apply(workload.next());
        byte[] snapshot = LedgerSnapshot.toBytes(original);
        // Change a byte inside the first account's balances and fix up the trailing checksum.
        int firstAccount = 4 + 4 + 4 + 8 + 8 + 8 + 4 + 32 + 32 + 32 + 4;
        byte[] forged = Arrays.copyOf(snapshot, snapshot.length - 32);
        forged[firstAccount + 64] ^= 1;
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(forged);
        byte[] withChecksum = Arrays.copyOf(forged, forged.length + 32);
        System.arraycopy(digest, 0, withChecksum, forged.length, 32);
        assertThatThrownBy(() -> LedgerSnapshot.read(new ByteArrayInputStream(withChecksum), CONFIG, SignatureCheck.TRUST_CERTIFIED))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("state root");
    }
}
