package io.quantumsafe.ledger;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import java.util.ArrayList;
import java.util.List;

/** A ledger with two clients holding real ML-DSA-44 keys, and helpers to build signed requests. */
final class LedgerFixture {
    static final int NETWORK = 7;
    static final UInt128 ALICE = UInt128.of(1001);
    static final UInt128 BOB = UInt128.of(1002);
    static final PqcEngine ENGINE = PqcEngine.builder().ignoreSystemProperties().build();
    static final KeyPair ALICE_KEYS = ENGINE.generateKeyPair(Algorithm.ML_DSA_44);
    static final KeyPair BOB_KEYS = ENGINE.generateKeyPair(Algorithm.ML_DSA_44);
    static final int EUR = 978;
    static final int USD = 840;

    final Ledger ledger;
    private long batchTime = 1_000_000_000_000L;
    private long aliceRequests;
    private long bobRequests;

    LedgerFixture() {
        this(new EngineSignatureCheck(ENGINE));
    }

    LedgerFixture(SignatureCheck check) {
        this.ledger = new Ledger(config(), check);
    }

    static LedgerConfig config() {
        return LedgerConfig.of(NETWORK, List.of(new ClientKey(ALICE, ALICE_KEYS.publicKey()), new ClientKey(BOB, BOB_KEYS.publicKey())));
    }

    static SettlementRequest signed(UInt128 client, long number, List<Account> accounts, List<Transfer> transfers) {
        SettlementRequest unsigned = new SettlementRequest(NETWORK, client, number, accounts, transfers, new byte[0]);
        KeyPair keys = client.equals(ALICE) ? ALICE_KEYS : BOB_KEYS;
        byte[] signature = ENGINE.signer(keys.privateKey()).sign(RequestCodec.signingMessage(unsigned));
        return unsigned.withSignature(signature);
    }

    /** The client's next request number. */
    long nextNumber(UInt128 client) {
        return client.equals(ALICE) ? ++aliceRequests : ++bobRequests;
    }

    /** Applies one request from the client as its own batch, advancing consensus time by one second. */
    RequestOutcome submit(UInt128 client, List<Account> accounts, List<Transfer> transfers) {
        return apply(signed(client, nextNumber(client), accounts, transfers)).outcomes().getFirst();
    }

    BatchResult apply(SettlementRequest... requests) {
        batchTime += 1_000_000_000L;
        return ledger.apply(new Batch(ledger.sequence() + 1, batchTime, List.of(requests)));
    }

    /** Moves consensus time forward (for expiry), applying an empty batch at the new time. */
    BatchResult advanceSeconds(long seconds) {
        batchTime += seconds * 1_000_000_000L;
        return ledger.apply(new Batch(ledger.sequence() + 1, batchTime, List.of()));
    }

    List<CreateAccountResult> createAccounts(UInt128 client, Account... accounts) {
        return submit(client, List.of(accounts), List.of()).accountResults();
    }

    List<CreateTransferResult> transfer(UInt128 client, Transfer... transfers) {
        return submit(client, List.of(), List.of(transfers)).transferResults();
    }

    Account account(long id) {
        return ledger.account(UInt128.of(id)).orElseThrow();
    }

    static Account eur(long id, UInt128 owner) {
        return Account.create(UInt128.of(id), EUR, 1, 0, owner);
    }

    static Account eur(long id, UInt128 owner, int flags) {
        return Account.create(UInt128.of(id), EUR, 1, flags, owner);
    }

    static Transfer pay(long id, long debit, long credit, long amount) {
        return Transfer.of(UInt128.of(id), UInt128.of(debit), UInt128.of(credit), UInt128.of(amount), EUR, 1);
    }

    static List<Transfer> list(Transfer... transfers) {
        return new ArrayList<>(List.of(transfers));
    }
}
