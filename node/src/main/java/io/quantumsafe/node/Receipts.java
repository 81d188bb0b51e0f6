package io.quantumsafe.node;

import io.quantumsafe.ledger.BatchResult;
import io.quantumsafe.ledger.RequestOutcome;
import io.quantumsafe.ledger.RequestResult;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.TransferProof;
import io.quantumsafe.ledger.UInt128;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where recent transfers sit (sub-DAG and leaf) and the batch results that can prove them. A receipt
 * needs the batch's transfer tree, which is kept for the latest {@link #batchesKept} sub-DAGs only;
 * older receipts need the batch re-executed from a snapshot (not built yet). Guarded by the ledger lock.
 */
final class Receipts {
    /** A batch's transfer tree costs about 300 bytes per transfer: 256 batches of 1,000 is about 80 MB. */
    static final int batchesKept = 256;
    static final int transfersKept = 500_000;

    private record Location(long sequence, int leaf) {}

    private final TreeMap<Long, BatchResult> results = new TreeMap<>();
    private final Map<UInt128, Location> locations = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UInt128, Location> eldest) { return size() > transfersKept; }
    };

    void executed(BatchResult result, List<SettlementRequest> requests) {
        if (result.transferEvents() == 0) return;
        results.put(result.sequence(), result);
        if (results.size() > batchesKept) results.pollFirstEntry();
        for (int i = 0; i < requests.size(); i++) {
            RequestOutcome outcome = result.outcomes().get(i);
            if (outcome.result() != RequestResult.OK) continue;
            for (int t = 0; t < requests.get(i).transfers().size(); t++) {
                // The first executed copy of a transfer id is the one a receipt proves (a retry answers "exists").
                locations.putIfAbsent(requests.get(i).transfers().get(t).id(), new Location(result.sequence(), outcome.firstTransferLeaf() + t));
            }
        }
    }

    /** Forgets what sub-DAGs from {@code sequence} on proved: they are being re-executed. */
    void revert(long sequence) {
        results.tailMap(sequence, true).clear();
        locations.values().removeIf(at -> at.sequence() >= sequence);
    }

    TransferProof proof(UInt128 transferId) {
        Location at = locations.get(transferId);
        if (at == null) return null;
        BatchResult result = results.get(at.sequence());
        return result == null ? null : result.transferProof(at.leaf());
    }
}
