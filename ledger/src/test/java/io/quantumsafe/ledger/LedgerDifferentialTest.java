package io.quantumsafe.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ledger against {@link ReferenceLedger} over thousands of random batches: same result for
 * every request and event, same accounts (balances, flags) and same stored transfers after each batch.
 */
class LedgerDifferentialTest {
    @Test
    void ledgerAndReference_agreeOnEveryResultAndBalance_overThousandsOfRandomBatches() {
        int batches = 0;
        Map<CreateTransferResult, Integer> transferResults = new EnumMap<>(CreateTransferResult.class);
        Map<CreateAccountResult, Integer> accountResults = new EnumMap<>(CreateAccountResult.class);
        Map<RequestResult, Integer> requestResults = new EnumMap<>(RequestResult.class);
        int expired = 0;
        for (long seed = 1; seed <= 40; seed++) {
            LedgerConfig config = RandomBatches.config(seed % 4 == 0 ? 10 : 64, seed % 5 == 0 ? 60 : 100_000);
            Ledger ledger = new Ledger(config, SignatureCheck.TRUST_CERTIFIED);
            ReferenceLedger reference = new ReferenceLedger(config);
            RandomBatches workload = new RandomBatches(seed);
            for (int b = 0; b < 150; b++, batches++) {
                Batch batch = workload.next();
                BatchResult result = ledger.apply(batch);
                expired += result.expiredPendingTransfers();
                List<RequestOutcome> actual = result.outcomes();
                for (RequestOutcome outcome : actual) {
                    requestResults.merge(outcome.result(), 1, Integer::sum);
                    outcome.transferResults().forEach(r -> transferResults.merge(r, 1, Integer::sum));
                    outcome.accountResults().forEach(r -> accountResults.merge(r, 1, Integer::sum));
                }
                List<RequestOutcome> expected = reference.apply(batch);
                assertThat(actual).hasSameSizeAs(expected);
                for (int r = 0; r < actual.size(); r++) {
                    String where = "seed " + seed + " batch " + batch.sequence() + " request " + r;
                    assertThat(actual.get(r).result()).as(where).isEqualTo(expected.get(r).result());
                    assertThat(actual.get(r).accountResults()).as(where).isEqualTo(expected.get(r).accountResults());
                    assertThat(actual.get(r).transferResults()).as(where).isEqualTo(expected.get(r).transferResults());
                }
                String where = "seed " + seed + " after batch " + batch.sequence();
                reference.accounts().forEach((id, account) ->
                        assertThat(ledger.account(id)).as(where + " account " + id).contains(account));
                assertThat(ledger.accountCount()).as(where).isEqualTo(reference.accounts().size());
                reference.transfers().forEach((id, transfer) ->
                        assertThat(ledger.transfer(id)).as(where + " transfer " + id).contains(transfer));
                assertThat(ledger.transferCount()).as(where).isEqualTo(reference.transfers().size());
            }
        }
        assertThat(batches).isEqualTo(6000);
        // The workload must reach the interesting paths, or agreement proves little.
        assertThat(transferResults).as("transfer results seen: %s", transferResults).containsKeys(
                CreateTransferResult.OK, CreateTransferResult.EXISTS, CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT,
                CreateTransferResult.LINKED_EVENT_FAILED, CreateTransferResult.LINKED_EVENT_CHAIN_OPEN,
                CreateTransferResult.EXCEEDS_CREDITS, CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED,
                CreateTransferResult.PENDING_TRANSFER_ALREADY_VOIDED, CreateTransferResult.PENDING_TRANSFER_EXPIRED,
                CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT, CreateTransferResult.DEBIT_ACCOUNT_NOT_OWNED_BY_CLIENT,
                CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED, CreateTransferResult.OVERFLOWS_DEBITS_POSTED,
                CreateTransferResult.ACCOUNTS_MUST_HAVE_THE_SAME_LEDGER, CreateTransferResult.TRANSFERS_FULL);
        assertThat(transferResults.get(CreateTransferResult.OK)).isGreaterThan(2000);
        assertThat(accountResults).containsKeys(CreateAccountResult.OK, CreateAccountResult.EXISTS,
                CreateAccountResult.LINKED_EVENT_FAILED, CreateAccountResult.OWNER_MUST_BE_THE_CLIENT, CreateAccountResult.ACCOUNTS_FULL);
        assertThat(requestResults).containsKeys(RequestResult.OK, RequestResult.REQUEST_NUMBER_REPLAYED,
                RequestResult.REQUEST_NUMBER_OUT_OF_ORDER, RequestResult.WRONG_NETWORK, RequestResult.EMPTY);
        assertThat(expired).isGreaterThan(10);
        System.out.println("differential coverage: " + transferResults + " " + accountResults + " " + requestResults + " expired=" + expired);
    }
}
