package io.quantumsafe.ledger;

import static io.quantumsafe.ledger.LedgerFixture.ALICE;
import static io.quantumsafe.ledger.LedgerFixture.BOB;
import static io.quantumsafe.ledger.LedgerFixture.eur;
import static io.quantumsafe.ledger.LedgerFixture.pay;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests are admitted or refused as a whole, each refusal with its own result, with real ML-DSA signatures. */
class RequestAdmissionTest {
    private LedgerFixture f;

    @BeforeEach
    void setUp() {
        f = new LedgerFixture();
        f.createAccounts(ALICE, eur(1, ALICE));
        f.createAccounts(BOB, eur(2, BOB));
    }

    private RequestResult apply(SettlementRequest request) {
        return f.apply(request).outcomes().getFirst().result();
    }

    @Test
    void signedRequest_isAdmitted() {
        assertThat(apply(LedgerFixture.signed(ALICE, f.nextNumber(ALICE), List.of(), List.of(pay(10, 1, 2, 5)))))
                .isEqualTo(RequestResult.OK);
    }

    @Test
    void alteredRequest_hasABadSignature() {
        SettlementRequest signed = LedgerFixture.signed(ALICE, f.nextNumber(ALICE), List.of(), List.of(pay(10, 1, 2, 5)));
        SettlementRequest altered = new SettlementRequest(signed.networkId(), signed.clientId(), signed.requestNumber(),
                List.of(), List.of(pay(10, 1, 2, 5000)), signed.signature());
        assertThat(apply(altered)).isEqualTo(RequestResult.BAD_SIGNATURE);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.ZERO);
    }

    @Test
    void requestSignedByAnotherClientsKey_hasABadSignature() {
        SettlementRequest bobSigned = LedgerFixture.signed(BOB, 1, List.of(), List.of(pay(10, 1, 2, 5)));
        SettlementRequest claimingAlice = new SettlementRequest(LedgerFixture.NETWORK, ALICE, f.nextNumber(ALICE), List.of(),
                List.of(pay(10, 1, 2, 5)), bobSigned.signature());
        assertThat(apply(claimingAlice)).isEqualTo(RequestResult.BAD_SIGNATURE);
    }

    @Test
    void unsignedAndGarbageSignatures_areBad() {
        SettlementRequest unsigned = new SettlementRequest(LedgerFixture.NETWORK, ALICE, f.nextNumber(ALICE), List.of(),
                List.of(pay(10, 1, 2, 5)), new byte[0]);
        assertThat(apply(unsigned)).isEqualTo(RequestResult.BAD_SIGNATURE);
        assertThat(apply(unsigned.withSignature(new byte[2420]))).isEqualTo(RequestResult.BAD_SIGNATURE);
    }

    @Test
    void replayedAndOutOfOrderRequestNumbers_areRefused() {
        long first = f.nextNumber(ALICE);
        SettlementRequest request = LedgerFixture.signed(ALICE, first, List.of(), List.of(pay(10, 1, 2, 5)));
        assertThat(apply(request)).isEqualTo(RequestResult.OK);
        assertThat(apply(request)).isEqualTo(RequestResult.REQUEST_NUMBER_REPLAYED);
        assertThat(f.account(1).debitsPosted()).isEqualTo(UInt128.of(5));
        long later = f.nextNumber(ALICE) + 10;
        assertThat(apply(LedgerFixture.signed(ALICE, later, List.of(), List.of(pay(11, 1, 2, 5))))).isEqualTo(RequestResult.OK);
        assertThat(apply(LedgerFixture.signed(ALICE, later - 5, List.of(), List.of(pay(12, 1, 2, 5)))))
                .isEqualTo(RequestResult.REQUEST_NUMBER_OUT_OF_ORDER);
        assertThat(f.ledger.lastRequestNumber(ALICE)).isEqualTo(later);
    }

    @Test
    void unknownClient_wrongNetwork_empty_andOversized_areRefused() {
        SettlementRequest stranger = new SettlementRequest(LedgerFixture.NETWORK, UInt128.of(666), 1, List.of(),
                List.of(pay(10, 1, 2, 5)), new byte[0]);
        assertThat(apply(stranger)).isEqualTo(RequestResult.UNKNOWN_CLIENT);
        SettlementRequest otherNetwork = new SettlementRequest(LedgerFixture.NETWORK + 1, ALICE, f.nextNumber(ALICE), List.of(),
                List.of(pay(10, 1, 2, 5)), new byte[0]);
        assertThat(apply(otherNetwork)).isEqualTo(RequestResult.WRONG_NETWORK);
        assertThat(apply(LedgerFixture.signed(ALICE, f.nextNumber(ALICE), List.of(), List.of()))).isEqualTo(RequestResult.EMPTY);
        List<Transfer> tooMany = new ArrayList<>();
        for (int i = 0; i <= RequestCodec.eventsMax; i++) tooMany.add(pay(100 + i, 1, 2, 1));
        SettlementRequest oversized = new SettlementRequest(LedgerFixture.NETWORK, ALICE, f.nextNumber(ALICE), List.of(), tooMany, new byte[0]);
        assertThat(apply(oversized)).isEqualTo(RequestResult.BATCH_TOO_LARGE);
    }

    @Test
    void aFullBatchOf8190Transfers_isAdmittedAndApplied() {
        List<Transfer> transfers = new ArrayList<>();
        for (int i = 0; i < RequestCodec.eventsMax; i++) transfers.add(pay(1000 + i, 1, 2, 1));
        RequestOutcome outcome = f.apply(LedgerFixture.signed(ALICE, f.nextNumber(ALICE), List.of(), transfers)).outcomes().getFirst();
        assertThat(outcome.result()).isEqualTo(RequestResult.OK);
        assertThat(outcome.transferResults()).hasSize(8190).containsOnly(CreateTransferResult.OK);
        assertThat(f.account(2).creditsPosted()).isEqualTo(UInt128.of(8190));
    }
}
