package io.quantumsafe.node.store;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.message.CodecLimits;
import io.quantumsafe.consensus.message.MalformedMessageException;
import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.message.MessageCodec;
import io.quantumsafe.consensus.replica.PersistedState;
import io.quantumsafe.consensus.replica.StateRecord;
import io.quantumsafe.consensus.replica.StateRecord.CommitRecord;
import io.quantumsafe.consensus.replica.StateRecord.GcRecord;
import io.quantumsafe.consensus.replica.StateRecord.OwnHeaderRecord;
import io.quantumsafe.consensus.replica.StateRecord.VertexRecord;
import io.quantumsafe.consensus.replica.StateRecord.VoteRecord;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * A validator's durable state in RocksDB: the consensus replica's persisted records, the committed
 * sequence (the ledger's input, from which the ledger is rebuilt on start), and the mempool of
 * accepted client requests.
 *
 * <p>Write-ahead discipline: {@link Writes} gathers records and is flushed with a synced WAL write
 * before the caller sends any message that depends on them, and before a commit is executed or a
 * request acknowledged. One RocksDB write batch is atomic, so a consensus commit record and the
 * committed batches it stands for are never separated by a crash.
 *
 * <pre>
 * 'V' author                 -> round, header digest        latest vote per author
 * 'H'                        -> HeaderMessage               latest own header
 * 'X' round digest           -> SyncResponse(cert, batches) DAG vertices above the GC round
 * 'K' digest                 -> round                       vertices already output
 * 'S'                        -> sequence, leader round      commit position
 * 'G'                        -> gc round
 * 'C' sequence               -> committed sub-DAG's batches the ledger's input, kept
 * 'Q' client request number  -> request bytes               mempool: accepted, not yet executed
 * 'P' sequence               -> checkpoint certificate      2f+1 ML-DSA signatures over the state root
 * </pre>
 */
public final class NodeStore implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    static final byte VOTE = 'V', OWN_HEADER = 'H', VERTEX = 'X', COMMITTED = 'K', SEQUENCE = 'S', GC = 'G', COMMIT_ENTRY = 'C',
            MEMPOOL = 'Q', CHECKPOINT = 'P', LAST_FINAL = 'F', ATTESTATIONS = 'A';

    private final RocksDB db;
    /**
     * Readers hold it shared; close takes it exclusively. RocksDB's Java API does not guard against use
     * after close (a read on a closed database is a native crash), and threads serving peers, verifiers
     * and clients may still be finishing a read while the validator shuts down or restarts in place.
     */
    private final java.util.concurrent.locks.ReentrantReadWriteLock open = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private boolean closed;
    private final Options options;
    private final WriteOptions synced = new WriteOptions().setSync(true);
    private final int committeeSize;
    private final CodecLimits limits;
    /** Round of every persisted vertex, so GC can drop the 'K' entries of collected rounds. */
    private final Map<Digest, Long> vertexRounds = new HashMap<>();
    private long gcRound;

    private NodeStore(RocksDB db, Options options, int committeeSize, CodecLimits limits) {
        this.db = db;
        this.options = options;
        this.committeeSize = committeeSize;
        this.limits = limits;
    }

    public static NodeStore open(Path dir, int committeeSize, CodecLimits limits) {
        try {
            Files.createDirectories(dir);
            Options options = new Options().setCreateIfMissing(true);
            return new NodeStore(RocksDB.open(options, dir.toString()), options, committeeSize, limits);
        } catch (RocksDBException | java.io.IOException e) {
            throw new StoreException("cannot open the node store at " + dir + ": " + e.getMessage()
                    + " (is another node process using this data directory?)", e);
        }
    }

    // ---------------------------------------------------------------- writes

    /** Records gathered for one atomic, synced write. */
    public final class Writes implements AutoCloseable {
        private final WriteBatch batch = new WriteBatch();
        private int count;

        public void add(StateRecord record) {
            try {
                switch (record) {
                    case VoteRecord v -> batch.put(key(VOTE, intBytes(v.author())), concat(longBytes(v.round()), v.header().toBytes()));
                    case OwnHeaderRecord h -> batch.put(new byte[] {OWN_HEADER},
                            MessageCodec.encode(new Message.HeaderMessage(h.header(), h.batches()), committeeSize));
                    case VertexRecord v -> {
                        if (v.certificate().round() <= gcRound) return;
                        vertexRounds.put(v.certificate().digest(), v.certificate().round());
                        batch.put(vertexKey(v.certificate().round(), v.certificate().digest()),
                                MessageCodec.encode(new Message.SyncResponse(List.of(v.certificate()), v.batches()), committeeSize));
                    }
                    case CommitRecord c -> {
                        batch.put(new byte[] {SEQUENCE}, concat(longBytes(c.sequence()), longBytes(c.leaderRound())));
                        for (Digest d : c.vertices()) {
                            Long round = vertexRounds.get(d);
                            batch.put(key(COMMITTED, d.toBytes()), longBytes(round == null ? 0 : round));
                        }
                    }
                    case GcRecord g -> collectGarbage(g.gcRound());
                }
                count++;
            } catch (RocksDBException e) {
                throw new StoreException("cannot stage a " + record.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
        }

        private void collectGarbage(long round) throws RocksDBException {
            if (round <= gcRound) return;
            gcRound = round;
            batch.put(new byte[] {GC}, longBytes(round));
            batch.deleteRange(vertexKey(0, null), vertexKey(round + 1, null));
            for (Iterator<Map.Entry<Digest, Long>> it = vertexRounds.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Digest, Long> e = it.next();
                if (e.getValue() <= round) {
                    batch.delete(key(COMMITTED, e.getKey().toBytes()));
                    it.remove();
                }
            }
        }

        /** The batches of committed sub-DAG {@code sequence}: the ledger's input, kept for rebuilding it. */
        public void commitEntry(long sequence, byte[] encodedBatches) {
            put(key(COMMIT_ENTRY, longBytes(sequence)), encodedBatches);
        }

        public void checkpoint(long sequence, byte[] certificate) {
            put(key(CHECKPOINT, longBytes(sequence)), certificate);
        }

        /** A checkpoint certificate refused by a valid fraud proof: it must not be served any more. */
        public void removeCheckpoint(long sequence) {
            try {
                batch.delete(key(CHECKPOINT, longBytes(sequence)));
                count++;
            } catch (RocksDBException e) {
                throw new StoreException("cannot stage a checkpoint delete: " + e.getMessage(), e);
            }
        }

        /** The verifiers' attestations that made checkpoint {@code sequence} final, for its receipts after a restart. */
        public void attestations(long sequence, byte[] encoded) {
            put(key(ATTESTATIONS, longBytes(sequence)), encoded);
        }

        /** The last final checkpoint's sequence: finality never moves back, across restarts too. */
        public void lastFinal(long sequence) {
            put(new byte[] {LAST_FINAL}, longBytes(sequence));
        }

        public void removeRequest(byte[] mempoolKey) {
            try {
                batch.delete(key(MEMPOOL, mempoolKey));
                count++;
            } catch (RocksDBException e) {
                throw new StoreException("cannot stage a mempool delete: " + e.getMessage(), e);
            }
        }

        private void put(byte[] key, byte[] value) {
            try {
                batch.put(key, value);
                count++;
            } catch (RocksDBException e) {
                throw new StoreException("cannot stage a write: " + e.getMessage(), e);
            }
        }

        public boolean isEmpty() { return count == 0; }

        /** Makes everything staged durable (synced WAL), atomically. */
        public void flush() {
            if (count == 0) return;
            enter();
            try {
                db.write(synced, batch);
                batch.clear();
                count = 0;
            } catch (RocksDBException e) {
                throw new StoreException("cannot write to the node store: " + e.getMessage()
                        + " (disk full or failing? the node stops rather than act on state it could not persist)", e);
            } finally {
                exit();
            }
        }

        @Override
        public void close() { batch.close(); }
    }

    public Writes writes() { return new Writes(); }

    /** Durably records an accepted request before it is acknowledged. */
    public void putRequest(byte[] mempoolKey, byte[] request) {
        enter();
        try {
            db.put(synced, key(MEMPOOL, mempoolKey), request);
        } catch (RocksDBException e) {
            throw new StoreException("cannot persist an accepted request: " + e.getMessage(), e);
        } finally {
            exit();
        }
    }

    // ---------------------------------------------------------------- reads

    /** Rebuilds what the replica persisted, in the order {@link PersistedState} expects. */
    public PersistedState loadConsensus() {
        PersistedState state = new PersistedState();
        byte[] gc = get(new byte[] {GC});
        gcRound = gc == null ? 0 : ByteBuffer.wrap(gc).getLong();
        if (gcRound > 0) state.apply(new GcRecord(gcRound));
        scan(VERTEX, (key, value) -> {
            Message.SyncResponse r = (Message.SyncResponse) decode(value);
            vertexRounds.put(r.certificates().getFirst().digest(), r.certificates().getFirst().round());
            state.apply(new VertexRecord(r.certificates().getFirst(), r.batches()));
        });
        scan(VOTE, (key, value) -> {
            ByteBuffer b = ByteBuffer.wrap(value);
            state.apply(new VoteRecord(ByteBuffer.wrap(key, 1, 4).getInt(), b.getLong(), Digest.read(value, 8)));
        });
        byte[] own = get(new byte[] {OWN_HEADER});
        if (own != null) {
            Message.HeaderMessage h = (Message.HeaderMessage) decode(own);
            state.apply(new OwnHeaderRecord(h.header(), h.batches()));
        }
        byte[] position = get(new byte[] {SEQUENCE});
        if (position != null) {
            ByteBuffer b = ByteBuffer.wrap(position);
            long sequence = b.getLong(), leaderRound = b.getLong();
            List<Digest> committed = new ArrayList<>();
            scan(COMMITTED, (key, value) -> committed.add(Digest.read(key, 1)));
            // PersistedState counts commits one by one; earlier ones carry no vertices any more (collected).
            for (long s = 1; s < sequence; s++) state.apply(new CommitRecord(s, leaderRound, List.of()));
            state.apply(new CommitRecord(sequence, leaderRound, committed));
        }
        return state;
    }

    /** Committed entries from {@code fromSequence} on, in order. */
    public void forEachCommitEntry(long fromSequence, BiConsumer<Long, byte[]> consumer) {
        enter();
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(key(COMMIT_ENTRY, longBytes(fromSequence))); it.isValid() && it.key()[0] == COMMIT_ENTRY; it.next()) {
                consumer.accept(ByteBuffer.wrap(it.key(), 1, 8).getLong(), it.value());
            }
        } finally {
            exit();
        }
    }

    public byte[] checkpoint(long sequence) {
        return get(key(CHECKPOINT, longBytes(sequence)));
    }

    /** The last final checkpoint's sequence, 0 if none. */
    public long lastFinal() {
        byte[] value = get(new byte[] {LAST_FINAL});
        return value == null ? 0 : ByteBuffer.wrap(value).getLong();
    }

    /** The stored attestations of final checkpoint {@code sequence}, or null. */
    public byte[] attestations(long sequence) {
        return get(key(ATTESTATIONS, longBytes(sequence)));
    }

    public byte[] commitEntry(long sequence) {
        return get(key(COMMIT_ENTRY, longBytes(sequence)));
    }

    /** Requests accepted but not yet executed, in key order. */
    public void forEachRequest(BiConsumer<byte[], byte[]> consumer) {
        scan(MEMPOOL, (key, value) -> consumer.accept(java.util.Arrays.copyOfRange(key, 1, key.length), value));
    }

    private void scan(byte prefix, BiConsumer<byte[], byte[]> consumer) {
        enter();
        try (RocksIterator it = db.newIterator()) {
            for (it.seek(new byte[] {prefix}); it.isValid() && it.key()[0] == prefix; it.next()) consumer.accept(it.key(), it.value());
        } finally {
            exit();
        }
    }

    private byte[] get(byte[] key) {
        enter();
        try {
            return db.get(key);
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the node store: " + e.getMessage(), e);
        } finally {
            exit();
        }
    }

    /** Before any use of {@link #db}: refuses once the store is closed. Pair with {@link #exit()} in a finally. */
    void enter() {
        open.readLock().lock();
        if (closed) {
            open.readLock().unlock();
            throw new StoreException("the node store is closed (the validator is stopping or restarting)", null);
        }
    }

    void exit() { open.readLock().unlock(); }

    private Message decode(byte[] bytes) {
        try {
            return MessageCodec.decode(bytes, limits);
        } catch (MalformedMessageException e) {
            throw new StoreException("the node store holds a record that does not decode (" + e.getMessage()
                    + "); the data directory is damaged: restore it or resync the node from an empty one", e);
        }
    }

    /** For {@link SyncStore}: snapshot reads, truncation and installing a peer's restart point. */
    RocksDB db() { return db; }

    WriteOptions syncedWrites() { return synced; }

    @Override
    public void close() {
        open.writeLock().lock(); // waits for reads in progress
        try {
            if (closed) return;
            closed = true;
            synced.close();
            db.close();
            options.close();
        } finally {
            open.writeLock().unlock();
        }
    }

    // ---------------------------------------------------------------- keys

    static byte[] vertexKey(long round, Digest digest) {
        byte[] key = new byte[1 + 8 + (digest == null ? 0 : Digest.BYTES)];
        key[0] = VERTEX;
        ByteBuffer.wrap(key, 1, 8).putLong(round);
        if (digest != null) digest.writeTo(key, 9);
        return key;
    }

    static byte[] key(byte prefix, byte[] rest) {
        byte[] key = new byte[1 + rest.length];
        key[0] = prefix;
        System.arraycopy(rest, 0, key, 1, rest.length);
        return key;
    }

    static byte[] longBytes(long value) { return ByteBuffer.allocate(8).putLong(value).array(); }

    static byte[] intBytes(int value) { return ByteBuffer.allocate(4).putInt(value).array(); }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Static batch helper for callers that do not hold a replica batch list. */
    public static List<byte[]> bytesOf(List<Batch> batches) {
        List<byte[]> out = new ArrayList<>(batches.size());
        for (Batch b : batches) out.add(b.bytes());
        return out;
    }
}
