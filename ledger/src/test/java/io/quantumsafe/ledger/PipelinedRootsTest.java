package io.quantumsafe.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Pipelined hashing at a size where the work is really shared (thousands of dirty leaves per batch,
 * so the applying thread helps with the accounts tree's levels): every batch's root equals the
 * serial ledger's, and proofs cut afterwards verify.
 */
class PipelinedRootsTest {
    private static final UInt128 CLIENT = RandomBatches.CLIENTS[0];
    private static final int ACCOUNTS = 40_000;

    @Test
    void largeBatches_pipelined_giveTheSerialRoots_andProofsVerify() {
        ExecutorService hasher = Executors.newSingleThreadExecutor();
        try {
            LedgerConfig config = RandomBatches.config(ACCOUNTS, 1_000_000);
            Ledger pipelined = new Ledger(config, SignatureCheck.TRUST_CERTIFIED, RootHashing.pipelined(hasher));
            Ledger serial = new Ledger(config, SignatureCheck.TRUST_CERTIFIED);
            List<Batch> batches = batches(new SplittableRandom(7), 12);
            List<BatchResult> results = new ArrayList<>();
            List<BatchResult> expected = new ArrayList<>();
            for (Batch batch : batches) {
                results.add(pipelined.apply(batch));
                expected.add(serial.apply(batch));
                assertThat(expected.getLast().outcomes()).isEqualTo(results.getLast().outcomes());
            }
            // Every batch's root, not just the last: staged arrays are reused from one batch to the next.
            for (int b = 0; b < results.size(); b++) {
                assertThat(results.get(b).stateRoot()).as("batch %d", b + 1).isEqualTo(expected.get(b).stateRoot());
            }
            assertThat(pipelined.stateRoot()).isEqualTo(serial.stateRoot());
            for (int b = 0; b < results.size(); b++) {
                BatchResult result = results.get(b);
                if (result.transferEvents() > 0) {
                    assertThat(result.transferProof(result.transferEvents() - 1).verifies(result.stateRoot())).isTrue();
                }
            }
            Account some = serial.accounts.get(ACCOUNTS / 3);
            assertThat(pipelined.accountProof(some.id()).orElseThrow().verifies(serial.stateRoot())).isTrue();
        } finally {
            hasher.shutdownNow();
        }
    }

    @Test
    void anExecutorThatRefusesWork_stillGivesTheSerialRoots_hashedOnTheApplyingThread() {
        ExecutorService hasher = Executors.newSingleThreadExecutor();
        hasher.shutdown();
        LedgerConfig config = RandomBatches.config(4096, 100_000);
        Ledger pipelined = new Ledger(config, SignatureCheck.TRUST_CERTIFIED, RootHashing.pipelined(hasher));
        Ledger serial = new Ledger(config, SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(11, 3000, 20_000);
        for (int b = 0; b < 20; b++) {
            Batch batch = workload.next();
            assertThat(pipelined.apply(batch).stateRoot()).as("batch %d", b + 1).isEqualTo(serial.apply(batch).stateRoot());
        }
    }

    private static List<Batch> batches(SplittableRandom random, int transferBatches) {
        List<Batch> batches = new ArrayList<>();
        long number = 0;
        for (int first = 1; first <= ACCOUNTS; first += RequestCodec.eventsMax) {
            List<Account> accounts = new ArrayList<>();
            for (int id = first; id < first + RequestCodec.eventsMax && id <= ACCOUNTS; id++) {
                accounts.add(Account.create(UInt128.of(id), 1, 1, 0, CLIENT));
            }
            batches.add(batch(batches.size() + 1, new SettlementRequest(RandomBatches.NETWORK, CLIENT, ++number, accounts, List.of(), new byte[0])));
        }
        long transferId = 1;
        for (int b = 0; b < transferBatches; b++) {
            List<Transfer> transfers = new ArrayList<>();
            for (int i = 0; i < 6_000; i++) {
                long debit = 1 + random.nextInt(ACCOUNTS);
                long credit = 1 + random.nextInt(ACCOUNTS - 1);
                if (credit >= debit) credit++;
                transfers.add(Transfer.of(UInt128.of(transferId++), UInt128.of(debit), UInt128.of(credit),
                        UInt128.of(1 + random.nextInt(1000)), 1, 1));
            }
            batches.add(batch(batches.size() + 1, new SettlementRequest(RandomBatches.NETWORK, CLIENT, ++number, List.of(), transfers, new byte[0])));
        }
        return batches;
    }

    private static Batch batch(long sequence, SettlementRequest request) {
        return new Batch(sequence, sequence * 1_000_000L, List.of(request));
    }
}
