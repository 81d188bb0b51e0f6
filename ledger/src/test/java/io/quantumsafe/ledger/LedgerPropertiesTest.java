package io.quantumsafe.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Invariants that hold after every batch of any random workload. */
class LedgerPropertiesTest {
    private static final UInt128 NONE = UInt128.ZERO;

    private static List<Account> allAccounts(Ledger ledger) {
        List<Account> accounts = new ArrayList<>();
        for (int s = 0; s < ledger.accounts.count; s++) accounts.add(ledger.accounts.get(s));
        return accounts;
    }

    @Property(tries = 60)
    void doubleEntry_debitsEqualCreditsPerLedger_afterEveryBatch(@ForAll long seed) {
        Ledger ledger = new Ledger(RandomBatches.config(64, 100_000), SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(seed);
        for (int b = 0; b < 80; b++) {
            ledger.apply(workload.next());
            Map<Integer, BigInteger[]> sums = new HashMap<>();
            for (Account a : allAccounts(ledger)) {
                BigInteger[] s = sums.computeIfAbsent(a.ledger(), l -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
                s[0] = s[0].add(a.debitsPosted().toBigInteger());
                s[1] = s[1].add(a.creditsPosted().toBigInteger());
                s[2] = s[2].add(a.debitsPending().toBigInteger());
                s[3] = s[3].add(a.creditsPending().toBigInteger());
            }
            sums.forEach((ledgerId, s) -> {
                assertThat(s[0]).as("posted, ledger %d, seed %d", ledgerId, seed).isEqualTo(s[1]);
                assertThat(s[2]).as("pending, ledger %d, seed %d", ledgerId, seed).isEqualTo(s[3]);
            });
        }
    }

    @Property(tries = 60)
    void balanceLimits_neverBreached(@ForAll long seed) {
        Ledger ledger = new Ledger(RandomBatches.config(64, 100_000), SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(seed);
        for (int b = 0; b < 80; b++) {
            ledger.apply(workload.next());
            for (Account a : allAccounts(ledger)) {
                BigInteger debits = a.debitsPending().toBigInteger().add(a.debitsPosted().toBigInteger());
                BigInteger credits = a.creditsPending().toBigInteger().add(a.creditsPosted().toBigInteger());
                if (a.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)) {
                    assertThat(debits).as("account %s seed %d", a.id(), seed).isLessThanOrEqualTo(a.creditsPosted().toBigInteger());
                }
                if (a.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
                    assertThat(credits).as("account %s seed %d", a.id(), seed).isLessThanOrEqualTo(a.debitsPosted().toBigInteger());
                }
            }
        }
    }

    @Property(tries = 40)
    void twoReplicas_fedTheSameBatches_computeTheSameRoots(@ForAll long seed) {
        Ledger first = new Ledger(RandomBatches.config(64, 100_000), SignatureCheck.TRUST_CERTIFIED);
        Ledger second = new Ledger(RandomBatches.config(64, 100_000), SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(seed);
        for (int b = 0; b < 60; b++) {
            Batch batch = workload.next();
            assertThat(first.apply(batch).stateRoot()).isEqualTo(second.apply(batch).stateRoot());
        }
    }

    @Property(tries = 20)
    void parallelRootHashing_givesTheSameRootsAsSerial(@ForAll long seed) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        try {
            // Slices of one hash, so that every level of every batch is split across threads.
            Ledger parallel = new Ledger(RandomBatches.config(4096, 100_000), SignatureCheck.TRUST_CERTIFIED,
                    new RootHashing.Parallel(pool, 4, 1));
            Ledger serial = new Ledger(RandomBatches.config(4096, 100_000), SignatureCheck.TRUST_CERTIFIED);
            RandomBatches workload = new RandomBatches(seed, 3000, 20_000);
            for (int b = 0; b < 30; b++) {
                Batch batch = workload.next();
                assertThat(parallel.apply(batch).stateRoot()).isEqualTo(serial.apply(batch).stateRoot());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Property(tries = 20)
    void pipelinedRootHashing_givesTheSameRootsAndProofsAsSerial(@ForAll long seed) {
        java.util.concurrent.ExecutorService hasher = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            Ledger pipelined = new Ledger(RandomBatches.config(4096, 100_000), SignatureCheck.TRUST_CERTIFIED,
                    RootHashing.pipelined(hasher));
            Ledger serial = new Ledger(RandomBatches.config(4096, 100_000), SignatureCheck.TRUST_CERTIFIED);
            RandomBatches workload = new RandomBatches(seed, 3000, 20_000);
            java.util.Random queries = new java.util.Random(seed);
            List<BatchResult> results = new ArrayList<>();
            List<byte[]> expected = new ArrayList<>();
            for (int b = 0; b < 30; b++) {
                Batch batch = workload.next();
                // Roots asked for late (after later batches ran) must still be those of their own batch.
                results.add(pipelined.apply(batch));
                BatchResult reference = serial.apply(batch);
                expected.add(reference.stateRoot());
                if (queries.nextInt(4) == 0) {
                    assertThat(pipelined.stateRoot()).isEqualTo(serial.stateRoot());
                    int leaves = reference.transferEvents();
                    if (leaves > 0) {
                        TransferProof proof = results.getLast().transferProof(queries.nextInt(leaves));
                        assertThat(proof.verifies(reference.stateRoot())).isTrue();
                    }
                    if (serial.accountCount() > 0) {
                        Account some = serial.accounts.get(queries.nextInt(serial.accountCount()));
                        assertThat(pipelined.accountProof(some.id()).orElseThrow().verifies(serial.stateRoot())).isTrue();
                    }
                }
            }
            for (int b = 0; b < results.size(); b++) {
                assertThat(results.get(b).stateRoot()).as("batch %d", b + 1).isEqualTo(expected.get(b));
            }
        } finally {
            hasher.shutdownNow();
        }
    }

    /** A batch of retried requests changes the ledger exactly as an empty batch at the same time would. */
    @Property(tries = 40)
    void retriedRequests_changeNothingButTime(@ForAll long seed) {
        Ledger retried = new Ledger(RandomBatches.config(64, 100_000), SignatureCheck.TRUST_CERTIFIED);
        Ledger idle = new Ledger(RandomBatches.config(64, 100_000), SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(seed);
        for (int b = 0; b < 40; b++) {
            Batch batch = workload.next();
            retried.apply(batch);
            idle.apply(batch);
            BatchResult retry = retried.apply(new Batch(batch.sequence() + 1, batch.timestamp(), batch.requests()));
            idle.apply(new Batch(batch.sequence() + 1, batch.timestamp(), List.of()));
            assertThat(retry.outcomes()).allSatisfy(o -> assertThat(o.result()).isNotEqualTo(RequestResult.OK));
            assertThat(retried.lastCommitment().accountsRoot()).isEqualTo(idle.lastCommitment().accountsRoot());
            assertThat(retried.lastCommitment().clientsRoot()).isEqualTo(idle.lastCommitment().clientsRoot());
            assertThat(retried.transferCount()).isEqualTo(idle.transferCount());
            workload = workload.skipSequence();
        }
    }

    @Property(tries = 300)
    void linkedChainWithOneFailingMember_leavesNoTrace(@ForAll long seed) {
        Ledger ledger = new Ledger(RandomBatches.config(64, 100_000), SignatureCheck.TRUST_CERTIFIED);
        // The control sees the same history and then an empty batch: time moves on in both, so pending
        // transfers of the workload may expire in both; only the chain must leave no trace.
        Ledger control = new Ledger(RandomBatches.config(64, 100_000), SignatureCheck.TRUST_CERTIFIED);
        RandomBatches workload = new RandomBatches(seed);
        for (int b = 0; b < 20; b++) {
            Batch batch = workload.next();
            ledger.apply(batch);
            control.apply(batch);
        }
        control.apply(new Batch(control.sequence() + 1, 0, List.of()));
        long transfers = ledger.transferCount();
        int accounts = ledger.accountCount();
        UInt128 client = RandomBatches.CLIENTS[0];
        java.util.Random random = new java.util.Random(seed);
        List<Transfer> chain = new ArrayList<>();
        int length = 2 + random.nextInt(6);
        for (int i = 0; i < length - 1; i++) {
            // Client 0 owns accounts 3, 6, 9, ...: debit one of them to another account on ledger 1.
            long debit = 3L * (1 + random.nextInt(4));
            chain.add(new Transfer(UInt128.of(500_000 + i), UInt128.of(debit), UInt128.of(debit + 1), UInt128.of(1 + random.nextInt(5)),
                    NONE, NONE, 0, 0, 0, 1, 1, TransferFlags.LINKED | (random.nextBoolean() ? TransferFlags.PENDING : 0), 0));
        }
        // The rigged last member debits an account that does not exist: it fails whatever the balances are.
        chain.add(new Transfer(UInt128.of(500_100), UInt128.of(77_777_777), UInt128.of(4), UInt128.of(1), NONE, NONE, 0, 0, 0, 1, 1, 0, 0));
        List<Account> newAccounts = List.of(Account.create(UInt128.of(900_001), 1, 1, AccountFlags.LINKED, client),
                Account.create(UInt128.of(900_002), 0, 1, 0, client));
        SettlementRequest request = new SettlementRequest(RandomBatches.NETWORK, client, Long.MAX_VALUE, newAccounts, chain, new byte[0]);
        RequestOutcome outcome = ledger.apply(new Batch(ledger.sequence() + 1, 0, List.of(request))).outcomes().getFirst();
        assertThat(outcome.result()).isEqualTo(RequestResult.OK);
        assertThat(outcome.accountResults()).containsExactly(CreateAccountResult.LINKED_EVENT_FAILED, CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO);
        // Exactly one member carries its own failure (the rigged last one, or an earlier one); the rest failed with it.
        assertThat(outcome.transferResults()).filteredOn(r -> r != CreateTransferResult.LINKED_EVENT_FAILED)
                .singleElement().isNotEqualTo(CreateTransferResult.OK);
        assertThat(ledger.lastCommitment().accountsRoot()).isEqualTo(control.lastCommitment().accountsRoot());
        assertThat(ledger.transferCount()).isEqualTo(transfers);
        assertThat(ledger.accountCount()).isEqualTo(accounts);
    }
}
