package io.quantumsafe.ledger;

import static io.quantumsafe.ledger.LedgerFixture.ALICE;
import static io.quantumsafe.ledger.LedgerFixture.BOB;
import static io.quantumsafe.ledger.LedgerFixture.eur;
import static io.quantumsafe.ledger.LedgerFixture.pay;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ledger's rules, one scenario each, on real signed requests. */
class LedgerSemanticsTest {
    private LedgerFixture f;

    @BeforeEach
    void accounts() {
        f = new LedgerFixture();
        // 1: Alice's operating account, 2: Alice's no-overdraft account, 3: Bob's account, 4: Bob's USD account.
        assertThat(f.createAccounts(ALICE, eur(1, ALICE), eur(2, ALICE, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)))
                .containsOnly(CreateAccountResult.OK);
        assertThat(f.createAccounts(BOB, eur(3, BOB), Account.create(UInt128.of(4), LedgerFixture.USD, 1, 0, BOB)))
                .containsOnly(CreateAccountResult.OK);
    }

    @Test
    void transfer_movesMoney_doubleEntry() {
        assertThat(f.transfer(ALICE, pay(10, 1, 3, 500))).containsExactly(CreateTransferResult.OK);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.of(500));
        assertThat(f.account(3).creditsPosted()).isEqualTo(UInt128.of(500));
        Transfer stored = f.ledger.transfer(UInt128.of(10)).orElseThrow();
        assertThat(stored.timestamp()).isPositive();
    }

    @Test
    void sameTransferAgain_isExists_andChangesNothing() {
        f.transfer(ALICE, pay(10, 1, 3, 500));
        byte[] root = f.ledger.stateRoot();
        Account before = f.account(1);
        assertThat(f.transfer(ALICE, pay(10, 1, 3, 500))).containsExactly(CreateTransferResult.EXISTS);
        assertThat(f.account(1)).isEqualTo(before);
        assertThat(f.transfer(ALICE, pay(10, 1, 3, 501))).containsExactly(CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT);
        assertThat(f.transfer(ALICE, pay(10, 2, 3, 500))).containsExactly(CreateTransferResult.EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID);
        assertThat(f.account(1)).isEqualTo(before);
        // Only the client's request number and the (empty-effect) history moved the root.
        assertThat(f.ledger.stateRoot()).isNotEqualTo(root);
    }

    @Test
    void sameAccountAgain_isExists_orNamesTheDifference() {
        assertThat(f.createAccounts(ALICE, eur(1, ALICE))).containsExactly(CreateAccountResult.EXISTS);
        assertThat(f.createAccounts(ALICE, Account.create(UInt128.of(1), LedgerFixture.USD, 1, 0, ALICE)))
                .containsExactly(CreateAccountResult.EXISTS_WITH_DIFFERENT_LEDGER);
        assertThat(f.createAccounts(ALICE, eur(1, ALICE, AccountFlags.HISTORY)))
                .containsExactly(CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS);
    }

    @Test
    void accountFieldRules() {
        assertThat(f.createAccounts(ALICE, eur(0, ALICE))).containsExactly(CreateAccountResult.ID_MUST_NOT_BE_ZERO);
        assertThat(f.createAccounts(ALICE, Account.create(UInt128.MAX, LedgerFixture.EUR, 1, 0, ALICE)))
                .containsExactly(CreateAccountResult.ID_MUST_NOT_BE_INT_MAX);
        assertThat(f.createAccounts(ALICE, Account.create(UInt128.of(9), 0, 1, 0, ALICE)))
                .containsExactly(CreateAccountResult.LEDGER_MUST_NOT_BE_ZERO);
        assertThat(f.createAccounts(ALICE, Account.create(UInt128.of(9), LedgerFixture.EUR, 0, 0, ALICE)))
                .containsExactly(CreateAccountResult.CODE_MUST_NOT_BE_ZERO);
        assertThat(f.createAccounts(ALICE, eur(9, ALICE, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS
                | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS))).containsExactly(CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE);
        assertThat(f.createAccounts(ALICE, eur(9, ALICE, 1 << 12))).containsExactly(CreateAccountResult.RESERVED_FLAG);
        assertThat(f.createAccounts(ALICE, eur(9, BOB))).containsExactly(CreateAccountResult.OWNER_MUST_BE_THE_CLIENT);
        Account withBalance = new Account(UInt128.of(9), UInt128.ZERO, UInt128.of(1), UInt128.ZERO, UInt128.ZERO, ALICE, 0, 0,
                LedgerFixture.EUR, 1, 0, 0);
        assertThat(f.createAccounts(ALICE, withBalance)).containsExactly(CreateAccountResult.DEBITS_POSTED_MUST_BE_ZERO);
    }

    @Test
    void transferFieldRules_eachHaveTheirOwnResult() {
        assertThat(f.transfer(ALICE, pay(0, 1, 3, 1))).containsExactly(CreateTransferResult.ID_MUST_NOT_BE_ZERO);
        assertThat(f.transfer(ALICE, pay(11, 1, 1, 1))).containsExactly(CreateTransferResult.ACCOUNTS_MUST_BE_DIFFERENT);
        assertThat(f.transfer(ALICE, pay(11, 1, 3, 0))).containsExactly(CreateTransferResult.AMOUNT_MUST_NOT_BE_ZERO);
        assertThat(f.transfer(ALICE, pay(11, 1, 99, 1))).containsExactly(CreateTransferResult.CREDIT_ACCOUNT_NOT_FOUND);
        assertThat(f.transfer(ALICE, pay(11, 98, 3, 1))).containsExactly(CreateTransferResult.DEBIT_ACCOUNT_NOT_FOUND);
        assertThat(f.transfer(ALICE, pay(11, 1, 4, 1))).containsExactly(CreateTransferResult.ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER);
        assertThat(f.transfer(ALICE, pay(11, 1, 3, 1).withTimeout(5))).containsExactly(CreateTransferResult.TIMEOUT_RESERVED_FOR_PENDING_TRANSFER);
        assertThat(f.transfer(ALICE, pay(11, 1, 3, 1).withFlags(TransferFlags.PENDING | TransferFlags.POST_PENDING_TRANSFER)))
                .containsExactly(CreateTransferResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE);
        assertThat(f.transfer(ALICE, pay(11, 1, 3, 1).withFlags(TransferFlags.CLOSING_DEBIT)))
                .containsExactly(CreateTransferResult.CLOSING_TRANSFER_MUST_BE_PENDING);
        assertThat(f.transfer(ALICE, pay(11, 1, 3, 1).withTimestamp(5))).containsExactly(CreateTransferResult.TIMESTAMP_MUST_BE_ZERO);
        assertThat(f.transfer(ALICE, pay(11, 1, 3, 1).withPending(UInt128.of(5)))).containsExactly(CreateTransferResult.PENDING_ID_MUST_BE_ZERO);
    }

    @Test
    void debitingSomeoneElsesAccount_isNotAuthorized() {
        assertThat(f.transfer(BOB, pay(12, 1, 3, 100))).containsExactly(CreateTransferResult.DEBIT_ACCOUNT_NOT_OWNED_BY_CLIENT);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.ZERO);
    }

    @Test
    void noOverdraftAccount_cannotGoNegative() {
        assertThat(f.transfer(ALICE, pay(13, 2, 3, 1))).containsExactly(CreateTransferResult.EXCEEDS_CREDITS);
        f.transfer(BOB, Transfer.of(UInt128.of(14), UInt128.of(3), UInt128.of(2), UInt128.of(100), LedgerFixture.EUR, 1));
        assertThat(f.transfer(ALICE, pay(15, 2, 3, 100))).containsExactly(CreateTransferResult.OK);
        assertThat(f.transfer(ALICE, pay(16, 2, 3, 1))).containsExactly(CreateTransferResult.EXCEEDS_CREDITS);
    }

    @Test
    void amountsThatWouldOverflow128Bits_areRefused() {
        Transfer huge = Transfer.of(UInt128.of(17), UInt128.of(1), UInt128.of(3), UInt128.MAX, LedgerFixture.EUR, 1);
        assertThat(f.transfer(ALICE, huge)).containsExactly(CreateTransferResult.OK);
        assertThat(f.transfer(ALICE, pay(18, 1, 3, 1))).containsExactly(CreateTransferResult.OVERFLOWS_DEBITS_POSTED);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.MAX);
    }

    @Test
    void pendingTransfer_reserves_thenPostsOnce() {
        Transfer hold = pay(20, 1, 3, 300).withFlags(TransferFlags.PENDING);
        assertThat(f.transfer(ALICE, hold)).containsExactly(CreateTransferResult.OK);
        assertThat(f.account(1).debitsPending()).isEqualTo(UInt128.of(300));
        Transfer post = postOf(21, 20, 0);
        assertThat(f.transfer(ALICE, post)).containsExactly(CreateTransferResult.OK);
        assertThat(f.account(1).debitsPending()).isEqualTo(UInt128.ZERO);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.of(300));
        assertThat(f.account(3).creditsPosted()).isEqualTo(UInt128.of(300));
        assertThat(f.transfer(ALICE, postOf(22, 20, 0))).containsExactly(CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED);
        assertThat(f.transfer(ALICE, voidOf(23, 20))).containsExactly(CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED);
        // Retrying the same post is idempotent.
        assertThat(f.transfer(ALICE, post)).containsExactly(CreateTransferResult.EXISTS);
    }

    @Test
    void partialPost_releasesTheRemainder() {
        f.transfer(ALICE, pay(30, 1, 3, 300).withFlags(TransferFlags.PENDING));
        assertThat(f.transfer(ALICE, postOf(31, 30, 400))).containsExactly(CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT);
        assertThat(f.transfer(ALICE, postOf(31, 30, 120))).containsExactly(CreateTransferResult.OK);
        assertThat(f.account(1).debitsPending()).isEqualTo(UInt128.ZERO);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.of(120));
    }

    @Test
    void voidingReleasesTheReservation_andOnlyTheOwnerMayResolveIt() {
        f.transfer(ALICE, pay(40, 1, 3, 300).withFlags(TransferFlags.PENDING));
        assertThat(f.transfer(BOB, voidOf(41, 40))).containsExactly(CreateTransferResult.DEBIT_ACCOUNT_NOT_OWNED_BY_CLIENT);
        assertThat(f.transfer(ALICE, voidOf(41, 40))).containsExactly(CreateTransferResult.OK);
        assertThat(f.account(1).debitsPending()).isEqualTo(UInt128.ZERO);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.ZERO);
        assertThat(f.transfer(ALICE, postOf(42, 40, 0))).containsExactly(CreateTransferResult.PENDING_TRANSFER_ALREADY_VOIDED);
        assertThat(f.transfer(ALICE, postOf(43, 15, 0))).containsExactly(CreateTransferResult.PENDING_TRANSFER_NOT_FOUND);
        f.transfer(ALICE, pay(44, 1, 3, 5));
        assertThat(f.transfer(ALICE, postOf(45, 44, 0))).containsExactly(CreateTransferResult.PENDING_TRANSFER_NOT_PENDING);
    }

    @Test
    void pendingTransfer_expiresByConsensusTime() {
        f.transfer(ALICE, pay(50, 1, 3, 300).withFlags(TransferFlags.PENDING).withTimeout(60));
        BatchResult before = f.advanceSeconds(30);
        assertThat(before.expiredPendingTransfers()).isZero();
        assertThat(f.account(1).debitsPending()).isEqualTo(UInt128.of(300));
        BatchResult after = f.advanceSeconds(31);
        assertThat(after.expiredPendingTransfers()).isEqualTo(1);
        assertThat(f.account(1).debitsPending()).isEqualTo(UInt128.ZERO);
        assertThat(f.transfer(ALICE, postOf(51, 50, 0))).containsExactly(CreateTransferResult.PENDING_TRANSFER_EXPIRED);
    }

    @Test
    void linkedChain_isAllOrNothing() {
        Transfer first = pay(60, 1, 3, 10).withFlags(TransferFlags.LINKED);
        Transfer second = pay(61, 2, 3, 10); // account 2 has no credits: fails, so 60 must not happen either
        assertThat(f.transfer(ALICE, first, second))
                .containsExactly(CreateTransferResult.LINKED_EVENT_FAILED, CreateTransferResult.EXCEEDS_CREDITS);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.ZERO);
        assertThat(f.ledger.transfer(UInt128.of(60))).isEmpty();
        // The same ids succeed later: the failed chain left no trace.
        assertThat(f.transfer(ALICE, first, pay(61, 1, 3, 10))).containsExactly(CreateTransferResult.OK, CreateTransferResult.OK);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.of(20));
    }

    @Test
    void linkedChainLeftOpen_failsEveryMember() {
        assertThat(f.transfer(ALICE, pay(70, 1, 3, 1), pay(71, 1, 3, 1).withFlags(TransferFlags.LINKED),
                pay(72, 1, 3, 1).withFlags(TransferFlags.LINKED))).containsExactly(CreateTransferResult.OK,
                CreateTransferResult.LINKED_EVENT_FAILED, CreateTransferResult.LINKED_EVENT_CHAIN_OPEN);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.of(1));
    }

    @Test
    void linkedAccountCreations_areAllOrNothing() {
        assertThat(f.createAccounts(ALICE, eur(80, ALICE, AccountFlags.LINKED), eur(81, BOB)))
                .containsExactly(CreateAccountResult.LINKED_EVENT_FAILED, CreateAccountResult.OWNER_MUST_BE_THE_CLIENT);
        assertThat(f.ledger.account(UInt128.of(80))).isEmpty();
        int accounts = f.ledger.accountCount();
        assertThat(f.createAccounts(ALICE, eur(80, ALICE))).containsExactly(CreateAccountResult.OK);
        assertThat(f.ledger.accountCount()).isEqualTo(accounts + 1);
    }

    /**
     * A rolled-back chain leaves its slots marked dirty beyond the surviving count; their parents can
     * lie past the end of the tree levels sized for that count (60 accounts: 8 first-level nodes, the
     * chain's 61st-70th leaves have parent 8). Every replica failed alike, so one request halted them.
     */
    @Test
    void failedChainOfAccountCreations_beyondTheTreesEdge_leavesTheRootAsBefore() {
        LedgerFixture replica = new LedgerFixture();
        LedgerFixture twin = new LedgerFixture();
        Account[] sixty = new Account[60];
        for (int i = 0; i < sixty.length; i++) sixty[i] = eur(5_000 + i, ALICE);
        for (LedgerFixture each : List.of(replica, twin)) {
            each.createAccounts(ALICE, sixty);
            each.ledger.stateRoot();
        }
        Account[] chain = new Account[10];
        for (int i = 0; i < chain.length - 1; i++) chain[i] = eur(6_000 + i, ALICE, AccountFlags.LINKED);
        chain[chain.length - 1] = eur(6_009, BOB); // not Alice's to create: the chain fails at its end
        int before = replica.ledger.accountCount();

        List<CreateAccountResult> results = replica.createAccounts(ALICE, chain);
        twin.advanceSeconds(1);

        assertThat(results.getLast()).isEqualTo(CreateAccountResult.OWNER_MUST_BE_THE_CLIENT);
        assertThat(replica.ledger.accountCount()).isEqualTo(before);
        assertThat(replica.ledger.lastCommitment().accountsRoot()).isEqualTo(twin.ledger.lastCommitment().accountsRoot());
        assertThat(replica.ledger.accountProof(UInt128.of(5_059)).orElseThrow().verifies(replica.ledger.stateRoot())).isTrue();
    }

    @Test
    void closingTransfer_closesTheAccount_andVoidingReopensIt() {
        Transfer closing = pay(90, 1, 3, 1).withFlags(TransferFlags.PENDING | TransferFlags.CLOSING_DEBIT);
        assertThat(f.transfer(ALICE, closing)).containsExactly(CreateTransferResult.OK);
        assertThat(f.account(1).hasFlag(AccountFlags.CLOSED)).isTrue();
        assertThat(f.transfer(ALICE, pay(91, 1, 3, 1))).containsExactly(CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED);
        assertThat(f.transfer(BOB, Transfer.of(UInt128.of(92), UInt128.of(3), UInt128.of(1), UInt128.of(1), LedgerFixture.EUR, 1)))
                .containsExactly(CreateTransferResult.CREDIT_ACCOUNT_ALREADY_CLOSED);
        assertThat(f.transfer(ALICE, voidOf(93, 90))).containsExactly(CreateTransferResult.OK);
        assertThat(f.account(1).hasFlag(AccountFlags.CLOSED)).isFalse();
        assertThat(f.transfer(ALICE, pay(91, 1, 3, 1))).containsExactly(CreateTransferResult.OK);
    }

    @Test
    void historyFlag_keepsEveryBalance() {
        f.createAccounts(ALICE, eur(100, ALICE, AccountFlags.HISTORY));
        f.transfer(ALICE, pay(101, 100, 3, 5), pay(102, 100, 3, 7));
        List<AccountBalance> history = f.ledger.balanceHistory(UInt128.of(100));
        assertThat(history).extracting(AccountBalance::debitsPosted).containsExactly(UInt128.of(5), UInt128.of(12));
        assertThat(history.get(1).timestamp()).isGreaterThan(history.get(0).timestamp());
        assertThat(f.ledger.balanceHistory(UInt128.of(1))).isEmpty();
    }

    @Test
    void capacityBounds_giveTheirOwnResults() {
        LedgerConfig small = new LedgerConfig(LedgerFixture.NETWORK, LedgerFixture.config().clients(), 2, 1);
        Ledger ledger = new Ledger(small, SignatureCheck.TRUST_CERTIFIED);
        SettlementRequest request = new SettlementRequest(LedgerFixture.NETWORK, ALICE, 1,
                List.of(eur(1, ALICE), eur(2, ALICE), eur(3, ALICE)), List.of(pay(5, 1, 2, 1), pay(6, 1, 2, 1)), new byte[0]);
        RequestOutcome outcome = ledger.apply(new Batch(1, 1_000, List.of(request))).outcomes().getFirst();
        assertThat(outcome.accountResults()).containsExactly(CreateAccountResult.OK, CreateAccountResult.OK, CreateAccountResult.ACCOUNTS_FULL);
        assertThat(outcome.transferResults()).containsExactly(CreateTransferResult.OK, CreateTransferResult.TRANSFERS_FULL);
    }

    @Test
    void eventTimestamps_areUniqueAndIncreasing_evenIfConsensusTimeStalls() {
        SettlementRequest first = LedgerFixture.signed(ALICE, f.nextNumber(ALICE), List.of(),
                List.of(pay(110, 1, 3, 1), pay(111, 1, 3, 1)));
        SettlementRequest second = LedgerFixture.signed(ALICE, f.nextNumber(ALICE), List.of(), List.of(pay(112, 1, 3, 1)));
        long stalled = 1;
        f.ledger.apply(new Batch(f.ledger.sequence() + 1, stalled, List.of(first)));
        f.ledger.apply(new Batch(f.ledger.sequence() + 1, stalled, List.of(second)));
        long t110 = f.ledger.transfer(UInt128.of(110)).orElseThrow().timestamp();
        long t111 = f.ledger.transfer(UInt128.of(111)).orElseThrow().timestamp();
        long t112 = f.ledger.transfer(UInt128.of(112)).orElseThrow().timestamp();
        assertThat(t111).isEqualTo(t110 + 1);
        assertThat(t112).isGreaterThan(t111);
    }

    static Transfer postOf(long id, long pendingId, long amount) {
        return new Transfer(UInt128.of(id), UInt128.ZERO, UInt128.ZERO, UInt128.of(amount), UInt128.of(pendingId),
                UInt128.ZERO, 0, 0, 0, 0, 0, TransferFlags.POST_PENDING_TRANSFER, 0);
    }

    static Transfer voidOf(long id, long pendingId) {
        return new Transfer(UInt128.of(id), UInt128.ZERO, UInt128.ZERO, UInt128.ZERO, UInt128.of(pendingId),
                UInt128.ZERO, 0, 0, 0, 0, 0, TransferFlags.VOID_PENDING_TRANSFER, 0);
    }
}
