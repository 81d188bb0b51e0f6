package io.quantumsafe.node.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.KeyPair;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.BatchResult;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.EngineSignatureCheck;
import io.quantumsafe.ledger.Ledger;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.RequestOutcome;
import io.quantumsafe.ledger.RequestResult;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class PrecheckedSignaturesTest {
    private static final PqcEngine ENGINE = PqcEngine.builder().ignoreSystemProperties().build();

    @Test
    void signaturesCheckedOnAPool_giveTheSameOutcomesAndRootAsCheckingInline() {
        List<KeyPair> keys = List.of(ENGINE.generateKeyPair(Algorithm.ML_DSA_44), ENGINE.generateKeyPair(Algorithm.ML_DSA_44));
        LedgerConfig config = LedgerConfig.of(3, List.of(new ClientKey(UInt128.of(1), keys.get(0).publicKey()),
                new ClientKey(UInt128.of(2), keys.get(1).publicKey())));
        List<SettlementRequest> opening = List.of(
                signed(keys.get(0), new SettlementRequest(3, UInt128.of(1), 1, List.of(Account.create(UInt128.of(11), 978, 1, 0, UInt128.of(1))), List.of(), null)),
                signed(keys.get(1), new SettlementRequest(3, UInt128.of(2), 1, List.of(Account.create(UInt128.of(21), 978, 1, 0, UInt128.of(2))), List.of(), null)));
        List<SettlementRequest> transfers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int client = i % 2;
            UInt128 from = UInt128.of(client == 0 ? 11 : 21);
            UInt128 to = UInt128.of(client == 0 ? 21 : 11);
            SettlementRequest request = new SettlementRequest(3, UInt128.of(client + 1), 2 + i / 2,
                    List.of(), List.of(Transfer.of(UInt128.of(100 + i), from, to, UInt128.of(5 + i), 978, 1)), null);
            // Every seventh request is signed with the other client's key: a forgery both checks must refuse.
            transfers.add(signed(keys.get(i % 7 == 3 ? 1 - client : client), request));
        }
        Batch first = new Batch(1, 1_000L, opening);
        Batch second = new Batch(2, 2_000L, transfers);

        Ledger inline = new Ledger(config, new EngineSignatureCheck(ENGINE));
        inline.apply(first);
        BatchResult expected = inline.apply(second);
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            PrecheckedSignatures prechecked = new PrecheckedSignatures(new EngineSignatureCheck(ENGINE), config, pool, 4);
            Ledger parallel = new Ledger(config, prechecked);
            prechecked.prepare(first);
            parallel.apply(first);
            prechecked.prepare(second);
            BatchResult actual = parallel.apply(second);
            assertThat(actual.outcomes()).extracting(RequestOutcome::result).isEqualTo(expected.outcomes().stream().map(RequestOutcome::result).toList());
            assertThat(actual.outcomes()).extracting(RequestOutcome::result).contains(RequestResult.BAD_SIGNATURE, RequestResult.OK);
            assertThat(actual.stateRoot()).isEqualTo(expected.stateRoot());
        }
    }

    private static SettlementRequest signed(KeyPair key, SettlementRequest unsigned) {
        return unsigned.withSignature(ENGINE.signer(key.privateKey()).sign(RequestCodec.signingMessage(unsigned)));
    }
}
