package io.quantumsafe.node.store;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.node.sync.RestartPoint;
import io.quantumsafe.node.sync.RestartPointCheck;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatch;

import static io.quantumsafe.node.store.NodeStore.ATTESTATIONS;
import static io.quantumsafe.node.store.NodeStore.CHECKPOINT;
import static io.quantumsafe.node.store.NodeStore.COMMITTED;
import static io.quantumsafe.node.store.NodeStore.COMMIT_ENTRY;
import static io.quantumsafe.node.store.NodeStore.GC;
import static io.quantumsafe.node.store.NodeStore.SEQUENCE;
import static io.quantumsafe.node.store.NodeStore.VERTEX;
import static io.quantumsafe.node.store.NodeStore.key;
import static io.quantumsafe.node.store.NodeStore.longBytes;

/**
 * The node store's part in snapshots and state sync: the commit position, a consistent read of what a
 * peer needs to restart (a RocksDB snapshot, so the window, the position and the entries belong to the
 * same instant: exactly what this node would recover from after a crash), installing a peer's checked
 * restart point in one synced write, and truncating committed history below the oldest kept snapshot.
 */
public final class SyncStore {
    /** Where consensus stands: committed sub-DAGs, the last committed leader's round, the GC round. */
    public record Position(long sequence, long leaderRound, long gcRound) {}

    private SyncStore() {}

    public static Position position(NodeStore store) {
        store.enter();
        try {
            RocksDB db = store.db();
            try {
                return position(db.get(new byte[] {SEQUENCE}), db.get(new byte[] {GC}));
            } catch (RocksDBException e) {
                throw new StoreException("cannot read the commit position: " + e.getMessage(), e);
            }
        } finally {
            store.exit();
        }
    }

    private static Position position(byte[] sequence, byte[] gc) {
        long s = 0, leader = 0;
        if (sequence != null) {
            ByteBuffer b = ByteBuffer.wrap(sequence);
            s = b.getLong();
            leader = b.getLong();
        }
        return new Position(s, leader, gc == null ? 0 : ByteBuffer.wrap(gc).getLong());
    }

    /**
     * The consensus window, the position and the committed entries after {@code entriesAfter}, read at
     * one instant. {@code entriesAfter} is chosen by the caller from its snapshot files.
     */
    public static RestartPoint.Consensus readConsensus(NodeStore store, long entriesAfter, List<RestartPoint.Entry> entriesOut) {
        store.enter();
        try {
            RocksDB db = store.db();
            Snapshot snapshot = db.getSnapshot();
            try (ReadOptions read = new ReadOptions().setSnapshot(snapshot)) {
                Position p = position(db.get(read, new byte[] {SEQUENCE}), db.get(read, new byte[] {GC}));
                List<byte[]> vertices = new ArrayList<>();
                scan(db, read, new byte[] {VERTEX}, VERTEX, (k, v) -> vertices.add(v));
                List<RestartPoint.Committed> committed = new ArrayList<>();
                scan(db, read, new byte[] {COMMITTED}, COMMITTED,
                        (k, v) -> committed.add(new RestartPoint.Committed(java.util.Arrays.copyOfRange(k, 1, 1 + Digest.BYTES), ByteBuffer.wrap(v).getLong())));
                scan(db, read, key(COMMIT_ENTRY, longBytes(entriesAfter + 1)), COMMIT_ENTRY, (k, v) -> {
                    long s = ByteBuffer.wrap(k, 1, 8).getLong();
                    if (s <= p.sequence()) entriesOut.add(new RestartPoint.Entry(s, v));
                });
                return new RestartPoint.Consensus(p.sequence(), p.leaderRound(), p.gcRound(), vertices, committed);
            } catch (RocksDBException e) {
                throw new StoreException("cannot read the consensus window: " + e.getMessage(), e);
            } finally {
                db.releaseSnapshot(snapshot);
            }
        } finally {
            store.exit();
        }
    }

    private static void scan(RocksDB db, ReadOptions read, byte[] from, byte prefix, java.util.function.BiConsumer<byte[], byte[]> consumer) {
        try (RocksIterator it = db.newIterator(read)) {
            for (it.seek(from); it.isValid() && it.key()[0] == prefix; it.next()) consumer.accept(it.key(), it.value());
        }
    }

    /**
     * Replaces this node's consensus window, commit position and committed history with a checked
     * restart point, in one synced write. Its own votes and own header stay: they are what keeps it from
     * equivocating. Call before the store is loaded ({@link NodeStore#loadConsensus}).
     *
     * @param certificates store encodings of checkpoint certificates, by sequence
     */
    public static void install(NodeStore store, RestartPointCheck.Verified verified, Map<Long, byte[]> certificates) {
        store.enter();
        try {
            RestartPoint.Consensus c = verified.point().consensus();
            RocksDB db = store.db();
            try (WriteBatch batch = new WriteBatch()) {
                for (byte prefix : new byte[] {VERTEX, COMMITTED, COMMIT_ENTRY}) batch.deleteRange(new byte[] {prefix}, new byte[] {(byte) (prefix + 1)});
                batch.put(new byte[] {SEQUENCE}, ByteBuffer.allocate(16).putLong(c.sequence()).putLong(c.leaderRound()).array());
                batch.put(new byte[] {GC}, longBytes(c.gcRound()));
                for (RestartPointCheck.Vertex v : verified.vertices()) batch.put(NodeStore.vertexKey(v.round(), v.digest()), v.bytes());
                for (RestartPoint.Committed k : c.committed()) batch.put(key(COMMITTED, k.digest()), longBytes(k.round()));
                for (RestartPoint.Entry e : verified.point().entries()) batch.put(key(COMMIT_ENTRY, longBytes(e.sequence())), e.batches());
                for (Map.Entry<Long, byte[]> e : certificates.entrySet()) batch.put(key(CHECKPOINT, longBytes(e.getKey())), e.getValue());
                db.write(store.syncedWrites(), batch);
            } catch (RocksDBException e) {
                throw new StoreException("cannot install the restart point: " + e.getMessage(), e);
            }
        } finally {
            store.exit();
        }
    }

    /**
     * Deletes committed entries at or below {@code oldestKeptSnapshot} (recovery starts from a snapshot
     * and replays only what follows it), and checkpoint certificates and their stored attestations below
     * it (the certificate at it stays: it is what a peer restoring from that snapshot checks first).
     */
    public static void truncateBelow(NodeStore store, long oldestKeptSnapshot) {
        store.enter();
        try {
            try (WriteBatch batch = new WriteBatch()) {
                batch.deleteRange(key(COMMIT_ENTRY, longBytes(0)), key(COMMIT_ENTRY, longBytes(oldestKeptSnapshot + 1)));
                batch.deleteRange(key(CHECKPOINT, longBytes(0)), key(CHECKPOINT, longBytes(oldestKeptSnapshot)));
                batch.deleteRange(key(ATTESTATIONS, longBytes(0)), key(ATTESTATIONS, longBytes(oldestKeptSnapshot)));
                store.db().write(store.syncedWrites(), batch);
            } catch (RocksDBException e) {
                throw new StoreException("cannot truncate history below sub-DAG " + oldestKeptSnapshot + ": " + e.getMessage(), e);
            }
        } finally {
            store.exit();
        }
    }

    /** The lowest committed entry still stored, or 0 if none (for tests and the README's storage claim). */
    public static long firstEntry(NodeStore store) {
        store.enter();
        try {
            try (RocksIterator it = store.db().newIterator()) {
                it.seek(new byte[] {COMMIT_ENTRY});
                return it.isValid() && it.key()[0] == COMMIT_ENTRY ? ByteBuffer.wrap(it.key(), 1, 8).getLong() : 0;
            }
        } finally {
            store.exit();
        }
    }
}
