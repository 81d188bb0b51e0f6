package io.quantumsafe.node.verifier;

import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.LedgerConfig;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.SignatureCheck;
import io.quantumsafe.ledger.UInt128;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * A verifier checks every request signature, and ML-DSA verification (about 0.1 ms) dwarfs executing
 * a small request. The checks are independent pure functions, so this verifies a whole batch's
 * signatures on an executor first; the single-threaded ledger then reads the answers. The answer for
 * a request is exactly what {@code check} says, so re-execution stays deterministic.
 */
public final class PrecheckedSignatures implements SignatureCheck {
    private final SignatureCheck check;
    private final Map<UInt128, ClientKey> clients = new HashMap<>();
    private final ExecutorService executor;
    private final int parallelism;
    /** Keyed by the signature array itself: the ledger passes the request's own array back. */
    private IdentityHashMap<byte[], Boolean> results = new IdentityHashMap<>();

    public PrecheckedSignatures(SignatureCheck check, LedgerConfig config, ExecutorService executor, int parallelism) {
        this.check = check;
        for (ClientKey client : config.clients()) clients.put(client.clientId(), client);
        this.executor = executor;
        this.parallelism = Math.max(1, parallelism);
    }

    /** Verifies the batch's signatures (on the executor) before it is applied. */
    public void prepare(Batch batch) {
        List<SettlementRequest> requests = batch.requests();
        IdentityHashMap<byte[], Boolean> prepared = new IdentityHashMap<>(requests.size() * 2);
        int slices = Math.min(parallelism, requests.size());
        if (slices <= 1) {
            verify(requests, 0, requests.size(), prepared);
        } else {
            List<Future<IdentityHashMap<byte[], Boolean>>> parts = new ArrayList<>();
            int per = (requests.size() + slices - 1) / slices;
            for (int s = 1; s < slices; s++) {
                int from = s * per;
                int to = Math.min(requests.size(), from + per);
                parts.add(executor.submit(() -> {
                    IdentityHashMap<byte[], Boolean> part = new IdentityHashMap<>();
                    verify(requests, from, to, part);
                    return part;
                }));
            }
            verify(requests, 0, Math.min(per, requests.size()), prepared);
            for (Future<IdentityHashMap<byte[], Boolean>> part : parts) {
                try {
                    prepared.putAll(part.get());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while verifying request signatures", e);
                } catch (ExecutionException e) {
                    throw new IllegalStateException("verifying request signatures failed", e.getCause());
                }
            }
        }
        results = prepared;
    }

    private void verify(List<SettlementRequest> requests, int from, int to, IdentityHashMap<byte[], Boolean> into) {
        for (int i = from; i < to; i++) {
            SettlementRequest request = requests.get(i);
            ClientKey client = clients.get(request.clientId());
            if (client == null) continue; // the ledger refuses unknown clients before any signature check
            into.put(request.signature(), check.verify(client, RequestCodec.signingMessage(request), request.signature()));
        }
    }

    @Override
    public boolean verify(ClientKey client, byte[] message, byte[] signature) {
        Boolean prepared = results.get(signature);
        return prepared != null ? prepared : check.verify(client, message, signature);
    }
}
