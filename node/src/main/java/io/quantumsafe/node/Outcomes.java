package io.quantumsafe.node;

import io.quantumsafe.ledger.CreateAccountResult;
import io.quantumsafe.ledger.CreateTransferResult;
import io.quantumsafe.ledger.RequestOutcome;
import io.quantumsafe.ledger.RequestResult;
import io.quantumsafe.ledger.UInt128;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happened to each executed request, by (client, request number), and the API threads waiting
 * for it. The first execution of a request number is the one that counts: a later copy (a client
 * retry through another validator) is refused by the ledger as replayed and does not overwrite it.
 */
final class Outcomes {
    /** Outcomes kept in memory; older ones are answered from the ledger's state (rebuilt on restart). */
    static final int recordedMax = 100_000;
    /** API threads waiting at once; beyond this a submission answers "accepted" without waiting. */
    static final int waitersMax = 50_000;

    /** Result codes are kept as enum references (a request can carry 8,190 events), named only when answered. */
    record Recorded(long sequence, RequestResult requestResult, List<CreateAccountResult> accounts, List<CreateTransferResult> transfers,
                    String requestDigest) {
        static Recorded of(long sequence, RequestOutcome outcome, byte[] request) {
            return new Recorded(sequence, outcome.result(), outcome.accountResults(), outcome.transferResults(), digest(request));
        }

        String result() { return requestResult.wireName(); }

        List<String> accountResults() { return accounts.stream().map(CreateAccountResult::wireName).toList(); }

        List<String> transferResults() { return transfers.stream().map(CreateTransferResult::wireName).toList(); }

        boolean admitted() { return requestResult == RequestResult.OK; }
    }

    private final Map<String, Recorded> recorded = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Recorded> eldest) { return size() > recordedMax; }
    };
    private final Map<String, CompletableFuture<Recorded>> waiters = new ConcurrentHashMap<>();
    /** Requests accepted through this node's API and not yet executed (bounded by the mempool bound). */
    private final java.util.Set<String> accepted = ConcurrentHashMap.newKeySet();

    /** True if the request was not already accepted here (so it must be written and proposed). */
    boolean markAccepted(byte[] key) { return accepted.add(HexFormat.of().formatHex(key)); }

    void unmarkAccepted(byte[] key) { accepted.remove(HexFormat.of().formatHex(key)); }

    static byte[] key(UInt128 client, long requestNumber) {
        return ByteBuffer.allocate(24).putLong(client.hi()).putLong(client.lo()).putLong(requestNumber).array();
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void record(byte[] key, Recorded outcome, boolean live) {
        String k = HexFormat.of().formatHex(key);
        accepted.remove(k);
        synchronized (recorded) {
            Recorded existing = recorded.get(k);
            if (existing != null && existing.admitted()) return;
            recorded.put(k, outcome);
        }
        if (outcome.requestResult() == RequestResult.REQUEST_NUMBER_REPLAYED) return;
        CompletableFuture<Recorded> waiter = waiters.remove(k);
        if (waiter != null) waiter.complete(outcome);
    }

    /** What a request's re-execution after a revert gave: replaces what was recorded before. */
    void corrected(byte[] key, Recorded outcome) {
        String k = HexFormat.of().formatHex(key);
        synchronized (recorded) {
            recorded.put(k, outcome);
        }
        CompletableFuture<Recorded> waiter = waiters.remove(k);
        if (waiter != null) waiter.complete(outcome);
    }

    Recorded get(byte[] key) {
        synchronized (recorded) {
            return recorded.get(HexFormat.of().formatHex(key));
        }
    }

    boolean contains(byte[] key) { return get(key) != null; }

    /** A future completed when the request executes, or null if too many are waiting. */
    CompletableFuture<Recorded> await(byte[] key) {
        String k = HexFormat.of().formatHex(key);
        if (waiters.size() >= waitersMax && !waiters.containsKey(k)) return null;
        CompletableFuture<Recorded> future = waiters.computeIfAbsent(k, x -> new CompletableFuture<>());
        Recorded done = get(key);
        if (done != null) future.complete(done);
        return future;
    }

    void forget(byte[] key, CompletableFuture<Recorded> future) {
        waiters.remove(HexFormat.of().formatHex(key), future);
    }
}
