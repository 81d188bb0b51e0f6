package io.quantumsafe.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random but meaningful workloads from a seed: a small universe of account and transfer ids, so
 * that collisions (idempotency), pending/post/void pairs, linked chains, limits, closed accounts,
 * overflows and expiries all happen often. Requests carry no signatures: these workloads run with
 * {@link SignatureCheck#TRUST_CERTIFIED}; admission is tested on its own with real keys.
 */
final class RandomBatches {
    static final int NETWORK = 3;
    static final UInt128[] CLIENTS = {UInt128.of(1), UInt128.of(2), UInt128.of(3)};
    private static final int[] LEDGERS = {1, 2};
    private static final long SECOND = 1_000_000_000L;

    private final Random random;
    private final long[] requestNumbers = new long[CLIENTS.length];
    private long time = 10 * SECOND;
    private long sequence;
    private final int accountIds;
    private final int transferIds;
    private final List<Transfer> sent = new ArrayList<>();
    private final List<UInt128> pendingIds = new ArrayList<>();
    private int currentClient;

    RandomBatches(long seed) {
        this(seed, 16, 120);
    }

    RandomBatches(long seed, int accountIds, int transferIds) {
        this.random = new Random(seed);
        this.accountIds = accountIds;
        this.transferIds = transferIds;
    }

    static LedgerConfig config(int accountsMax, long transfersMax) {
        List<ClientKey> clients = new ArrayList<>();
        io.quantumsafe.crypto.PublicKey key = LedgerFixture.ALICE_KEYS.publicKey();
        for (UInt128 client : CLIENTS) clients.add(new ClientKey(client, key));
        return new LedgerConfig(NETWORK, clients, accountsMax, transfersMax);
    }

    /** Continues the workload after a batch was inserted by the test (the next batch gets sequence + 1). */
    RandomBatches skipSequence() {
        sequence++;
        return this;
    }

    Batch next() {
        time += random.nextInt(5) == 0 ? random.nextInt(120) * SECOND : random.nextInt(3) * SECOND;
        List<SettlementRequest> list = new ArrayList<>();
        if (sequence == 0) {
            // Genesis of the workload: each client creates the accounts it owns (id k is owned by client k mod 3).
            for (int c = 0; c < CLIENTS.length; c++) list.add(openingAccounts(c));
        }
        int requests = 1 + random.nextInt(4);
        for (int r = 0; r < requests; r++) list.add(request());
        return new Batch(++sequence, time, list);
    }

    private SettlementRequest openingAccounts(int client) {
        List<Account> accounts = new ArrayList<>();
        for (int id = 1; id <= accountIds; id++) {
            if (id % CLIENTS.length != client) continue;
            int flags = id % 4 == 1 ? AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS : id % 7 == 2 ? AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS : 0;
            if (id % 5 == 0) flags |= AccountFlags.HISTORY;
            accounts.add(new Account(UInt128.of(id), UInt128.ZERO, UInt128.ZERO, UInt128.ZERO, UInt128.ZERO, CLIENTS[client], 0, 0,
                    id % 9 == 0 ? 2 : 1, 1, flags, 0));
        }
        return new SettlementRequest(NETWORK, CLIENTS[client], ++requestNumbers[client], accounts, List.of(), new byte[0]);
    }

    private SettlementRequest request() {
        int c = random.nextInt(CLIENTS.length);
        currentClient = c;
        long number;
        int choice = random.nextInt(20);
        if (choice == 0 && requestNumbers[c] > 0) number = requestNumbers[c];              // replay
        else if (choice == 1 && requestNumbers[c] > 1) number = requestNumbers[c] - 1;     // out of order
        else number = requestNumbers[c] += 1 + (random.nextInt(10) == 0 ? random.nextInt(5) : 0);
        List<Account> accounts = new ArrayList<>();
        int accountEvents = random.nextInt(4) == 0 ? random.nextInt(4) : 0;
        for (int i = 0; i < accountEvents; i++) accounts.add(account(c));
        List<Transfer> transfers = new ArrayList<>();
        int transferEvents = random.nextInt(9);
        for (int i = 0; i < transferEvents; i++) {
            Transfer transfer = random.nextInt(12) == 0 && !sent.isEmpty() ? sent.get(random.nextInt(sent.size())) : transfer();
            transfers.add(transfer);
            sent.add(transfer);
            if (transfer.hasFlag(TransferFlags.PENDING)) pendingIds.add(transfer.id());
        }
        int network = random.nextInt(50) == 0 ? NETWORK + 1 : NETWORK;
        return new SettlementRequest(network, CLIENTS[c], number, accounts, transfers, new byte[0]);
    }

    private Account account(int client) {
        UInt128 owner = random.nextInt(10) == 0 ? CLIENTS[random.nextInt(CLIENTS.length)] : CLIENTS[client];
        int flags = 0;
        if (random.nextInt(3) == 0) flags |= AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS;
        else if (random.nextInt(6) == 0) flags |= AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS;
        if (random.nextInt(5) == 0) flags |= AccountFlags.HISTORY;
        if (random.nextInt(5) == 0) flags |= AccountFlags.LINKED;
        if (random.nextInt(40) == 0) flags |= AccountFlags.CLOSED;
        int ledger = LEDGERS[random.nextInt(LEDGERS.length)];
        return new Account(UInt128.of(1 + random.nextInt(accountIds)), UInt128.ZERO, UInt128.ZERO, UInt128.ZERO, UInt128.ZERO,
                owner, random.nextInt(3), random.nextInt(2), random.nextInt(30) == 0 ? 0 : ledger, 1 + random.nextInt(2), flags, 0);
    }

    private Transfer transfer() {
        UInt128 id = UInt128.of(1 + random.nextInt(transferIds));
        int kind = random.nextInt(10);
        int flags = random.nextInt(10) == 0 ? TransferFlags.LINKED : 0;
        UInt128 amount = amount();
        if (kind <= 1) {
            // Post or void a (probably) pending transfer; leave fields zero to be resolved, or name them.
            flags |= kind == 0 ? TransferFlags.POST_PENDING_TRANSFER : TransferFlags.VOID_PENDING_TRANSFER;
            UInt128 pendingId = !pendingIds.isEmpty() && random.nextInt(5) != 0
                    ? pendingIds.get(random.nextInt(pendingIds.size())) : UInt128.of(1 + random.nextInt(transferIds));
            UInt128 postAmount = random.nextBoolean() ? UInt128.ZERO : amount;
            return new Transfer(id, UInt128.ZERO, UInt128.ZERO, postAmount, pendingId, UInt128.ZERO, 0, 0, 0,
                    random.nextInt(4) == 0 ? 1 : 0, 0, flags, 0);
        }
        int timeout = 0;
        if (kind <= 4) {
            flags |= TransferFlags.PENDING;
            if (random.nextBoolean()) timeout = 1 + random.nextInt(60);
            if (random.nextInt(15) == 0) flags |= TransferFlags.CLOSING_DEBIT;
            if (random.nextInt(15) == 0) flags |= TransferFlags.CLOSING_CREDIT;
        }
        UInt128 debit = UInt128.of(random.nextInt(6) != 0 ? ownedBy(currentClient) : 1 + random.nextInt(accountIds + 2));
        UInt128 credit = UInt128.of(1 + random.nextInt(accountIds));
        int ledger = random.nextInt(20) == 0 ? LEDGERS[random.nextInt(LEDGERS.length)] : 1;
        return new Transfer(id, debit, credit, amount, UInt128.ZERO, UInt128.ZERO, random.nextInt(2), 0, timeout, ledger,
                1 + random.nextInt(2), flags, 0);
    }

    /** An account id owned by the client (ids k with k mod 3 == client). */
    private int ownedBy(int client) {
        int slots = (accountIds - client) / CLIENTS.length + 1;
        int id = client + CLIENTS.length * random.nextInt(slots);
        return id == 0 ? CLIENTS.length : Math.min(id, accountIds);
    }

    private UInt128 amount() {
        return switch (random.nextInt(40)) {
            case 0 -> UInt128.ZERO;
            case 1 -> UInt128.MAX;
            case 2, 3 -> new UInt128(random.nextLong() >>> 1, random.nextLong());
            default -> UInt128.of(1 + random.nextInt(1000));
        };
    }
}
