package io.quantumsafe.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Account and transfer proofs verify against the state root with nothing but the proof; altered ones do not. */
class ProofsTest {
    private static Ledger ledgerAfterRandomWork(List<BatchResult> results) {
        Ledger ledger = new Ledger(RandomBatches.config(64, 100_000), SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(42);
        for (int b = 0; b < 60; b++) results.add(ledger.apply(workload.next()));
        return ledger;
    }

    @Test
    void everyAccountProof_verifiesAgainstTheCurrentStateRoot() {
        Ledger ledger = ledgerAfterRandomWork(new ArrayList<>());
        byte[] root = ledger.stateRoot();
        assertThat(ledger.accountCount()).isGreaterThan(10);
        for (int slot = 0; slot < ledger.accountCount(); slot++) {
            Account account = ledger.accounts.get(slot);
            AccountProof proof = ledger.accountProof(account.id()).orElseThrow();
            assertThat(proof.verifies(root)).as("account %s", account.id()).isTrue();
        }
    }

    @Test
    void alteredAccountProof_doesNotVerify() {
        Ledger ledger = ledgerAfterRandomWork(new ArrayList<>());
        byte[] root = ledger.stateRoot();
        Account account = ledger.accounts.get(3);
        AccountProof proof = ledger.accountProof(account.id()).orElseThrow();
        Account richer = new Account(account.id(), account.debitsPending(), account.debitsPosted(), account.creditsPending(),
                account.creditsPosted().plus(UInt128.of(1)), account.owner(), account.userData64(), account.userData32(),
                account.ledger(), account.code(), account.flags(), account.timestamp());
        assertThat(new AccountProof(richer, proof.path(), proof.commitment()).verifies(root)).isFalse();
        byte[] otherRoot = root.clone();
        otherRoot[0] ^= 1;
        assertThat(proof.verifies(otherRoot)).isFalse();
    }

    @Test
    void everyTransferProof_verifiesAgainstItsBatchsStateRoot_withItsResult() {
        List<BatchResult> results = new ArrayList<>();
        ledgerAfterRandomWork(results);
        int checked = 0;
        for (BatchResult result : results) {
            byte[] root = result.stateRoot();
            for (int leaf = 0; leaf < result.transferEvents(); leaf++) {
                TransferProof proof = result.transferProof(leaf);
                assertThat(proof.verifies(root)).isTrue();
                CreateTransferResult other = proof.result() == CreateTransferResult.OK ? CreateTransferResult.EXISTS : CreateTransferResult.OK;
                assertThat(new TransferProof(proof.transfer(), proof.timestamp(), other, proof.path(), proof.commitment()).verifies(root))
                        .as("a proof must not verify with another result").isFalse();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void outcome_pointsAtItsTransfersLeaves() {
        LedgerFixture f = new LedgerFixture();
        f.createAccounts(LedgerFixture.ALICE, LedgerFixture.eur(1, LedgerFixture.ALICE));
        f.createAccounts(LedgerFixture.BOB, LedgerFixture.eur(2, LedgerFixture.BOB));
        SettlementRequest first = LedgerFixture.signed(LedgerFixture.ALICE, f.nextNumber(LedgerFixture.ALICE), List.of(),
                List.of(LedgerFixture.pay(10, 1, 2, 7), LedgerFixture.pay(11, 1, 2, 8)));
        SettlementRequest second = LedgerFixture.signed(LedgerFixture.ALICE, f.nextNumber(LedgerFixture.ALICE), List.of(),
                List.of(LedgerFixture.pay(12, 1, 2, 9)));
        BatchResult result = f.apply(first, second);
        RequestOutcome secondOutcome = result.outcomes().get(1);
        TransferProof proof = result.transferProof(secondOutcome.firstTransferLeaf());
        assertThat(proof.transfer().id()).isEqualTo(UInt128.of(12));
        assertThat(proof.result()).isEqualTo(CreateTransferResult.OK);
        assertThat(proof.timestamp()).isEqualTo(f.ledger.transfer(UInt128.of(12)).orElseThrow().timestamp());
        assertThat(proof.verifies(f.ledger.stateRoot())).isTrue();
    }
}
