package io.quantumsafe.consensus.replica;

/** How full a replica's bounded structures are (entries, not bytes). */
public record MemoryUsage(int dagVertices, int dagRounds, int pendingCertificates, int pendingHeaders, int storedBatches,
                          int missing, int proposalQueue) {
    /** The first structure over its bound in {@code config}, or null if all are within bounds. */
    public String overBound(ReplicaConfig config) {
        int n = config.committee().size();
        if (dagRounds > config.dagRoundsMax()) return "DAG holds " + dagRounds + " rounds, bound " + config.dagRoundsMax();
        if (dagVertices > n * config.dagRoundsMax()) return "DAG holds " + dagVertices + " vertices, bound " + n * config.dagRoundsMax();
        if (pendingCertificates > config.pendingCertificatesMax()) return pendingCertificates + " pending certificates, bound " + config.pendingCertificatesMax();
        if (pendingHeaders > n) return pendingHeaders + " pending headers, bound " + n;
        if (storedBatches > config.batchCacheMax()) return storedBatches + " stored batches, bound " + config.batchCacheMax();
        if (missing > config.missingMax()) return missing + " missing items, bound " + config.missingMax();
        if (proposalQueue > config.proposalQueueMax()) return proposalQueue + " queued batches, bound " + config.proposalQueueMax();
        return null;
    }

    public int total() { return dagVertices + pendingCertificates + pendingHeaders + storedBatches + missing + proposalQueue; }
}
