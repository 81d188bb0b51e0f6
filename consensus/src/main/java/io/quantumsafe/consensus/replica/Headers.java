package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.dag.Dag;
import io.quantumsafe.consensus.dag.Vertex;
import io.quantumsafe.consensus.message.Certificate;
import io.quantumsafe.consensus.message.Header;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Validity rules for headers, as pure functions that name the problem (null when there is none). */
final class Headers {
    private Headers() {}

    /** Rules that need nothing but the header: round, parent count, no repeated parent, batch count. */
    static String structuralProblem(Header h, Committee committee, int batchesPerHeaderMax) {
        if (!committee.contains(h.author())) return h + ": author is not in the committee";
        if (h.round() < 1) return h + ": rounds start at 1";
        if (h.batchDigests().size() > batchesPerHeaderMax) return h + ": " + h.batchDigests().size() + " batches, limit " + batchesPerHeaderMax;
        int parents = h.parents().size();
        if (h.round() == 1 && parents != 0) return h + ": a round-1 header has no parents, not " + parents;
        if (h.round() > 1 && (parents < committee.quorum() || parents > committee.size())) {
            return h + ": " + parents + " parents, need " + committee.quorum() + " to " + committee.size();
        }
        if (new HashSet<>(h.parents()).size() != parents) return h + ": repeated parent";
        return null;
    }

    /** The carried batches must be exactly the named ones, each within the size limit. */
    static String batchProblem(Header h, List<Batch> batches, int batchBytesMax) {
        if (batches.size() != h.batchDigests().size()) return h + " names " + h.batchDigests().size() + " batches but carries " + batches.size();
        for (int i = 0; i < batches.size(); i++) {
            if (batches.get(i).sizeBytes() > batchBytesMax) return h + ": batch of " + batches.get(i).sizeBytes() + " bytes, limit " + batchBytesMax;
            if (!batches.get(i).digest().equals(h.batchDigests().get(i))) return h + ": batch " + i + " does not match its digest";
        }
        return null;
    }

    /** With all parents held: each in the previous round, authors distinct (parents below the GC round are not checked). */
    static String parentProblem(Header h, Dag dag) {
        Set<Integer> authors = new HashSet<>();
        for (Digest p : h.parents()) {
            Vertex v = dag.get(p);
            if (v == null) continue;
            if (v.round() != h.round() - 1) return h + ": parent " + v + " is not in round " + (h.round() - 1);
            if (!authors.add(v.author())) return h + ": two parents by author " + v.author();
        }
        return null;
    }

    /** Whom to ask for a header's parents: its author first (it must hold them), then everyone else in turn. */
    static int[] candidates(int first, int committeeSize, int self) {
        int[] out = new int[committeeSize - 1];
        int k = 0;
        out[k++] = first;
        for (int i = 1; i < committeeSize && k < out.length; i++) {
            int peer = (first + i) % committeeSize;
            if (peer != self && peer != first) out[k++] = peer;
        }
        return k == out.length ? out : java.util.Arrays.copyOf(out, k);
    }

    /** Whom to ask for a certificate's parents and batches: the sender, then its signers (each held them to vote). */
    static int[] candidates(Certificate c, int sender, int self) {
        int[] signers = c.signatures().signerIndices();
        int[] out = new int[signers.length + 1];
        int k = 0;
        if (sender != self) out[k++] = sender;
        for (int s : signers) if (s != self && s != sender) out[k++] = s;
        if (k == 0) return new int[]{c.author()};
        return java.util.Arrays.copyOf(out, k);
    }
}
