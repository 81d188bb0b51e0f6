package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.message.Certificate;
import io.quantumsafe.consensus.message.Header;
import java.util.List;

/** What a replica asks its caller to persist. {@link #safetyCritical()} records guard against equivocation after a restart. */
public sealed interface StateRecord {
    /** True if the record must be durable before any later effect of the same step is performed. */
    boolean safetyCritical();

    /** This replica voted for {@code header} of ({@code author}, {@code round}): it never votes for another header there. */
    record VoteRecord(int author, long round, Digest header) implements StateRecord {
        public boolean safetyCritical() { return true; }
    }

    /** This replica proposed {@code header}: it never proposes another in that round. */
    record OwnHeaderRecord(Header header, List<Batch> batches) implements StateRecord {
        public OwnHeaderRecord { batches = List.copyOf(batches); }
        public boolean safetyCritical() { return true; }
    }

    /** A vertex joined the DAG (restored on restart so that the DAG need not be fetched again). */
    record VertexRecord(Certificate certificate, List<Batch> batches) implements StateRecord {
        public VertexRecord { batches = List.copyOf(batches); }
        public boolean safetyCritical() { return false; }
    }

    /** Sub-DAG {@code sequence} was output: its vertices must never be output again. */
    record CommitRecord(long sequence, long leaderRound, List<Digest> vertices) implements StateRecord {
        public CommitRecord { vertices = List.copyOf(vertices); }
        public boolean safetyCritical() { return true; }
    }

    /** Everything at or below {@code gcRound} may be deleted. */
    record GcRecord(long gcRound) implements StateRecord {
        public boolean safetyCritical() { return false; }
    }
}
