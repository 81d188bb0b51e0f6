package io.quantumsafe.node.sync;

import io.quantumsafe.node.sync.SyncException.Reason;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of a {@link RestartPoint}, versioned, every count and length bounded, with a SHA-256
 * over everything so damage is caught before anything is parsed:
 *
 * <pre>
 * "QSRP" | version 1 | network_id i32 | snapshot_sequence u64 | ledger_len u32 | ledger snapshot
 * | cert_count u16 | (len u32 | certificate)* | entry_count u32 | (sequence u64 | len u32 | batches)*
 * | sequence u64 | leader_round u64 | gc_round u64 | vertex_count u32 | (len u32 | vertex)*
 * | committed_count u32 | (digest 32 | round u64)* | SHA-256 of all the above
 * </pre>
 */
public final class RestartPointCodec {
    static final int MAGIC = 0x51535250; // "QSRP"
    static final int VERSION = 1;
    static final int DIGEST_BYTES = 32;
    /** The whole restart point is held in memory on both sides; larger ledgers need streaming (README, Left). */
    public static final int bytesMax = 512 * 1024 * 1024;
    static final int certificatesMax = 16;
    static final int itemBytesMax = 64 * 1024 * 1024;

    private RestartPointCodec() {}

    public static byte[] encode(RestartPoint p) {
        long size = 4 + 1 + 4 + 8 + 4 + p.ledgerSnapshot().length + 2 + 4 + 8 * 3 + 4 + 4 + DIGEST_BYTES;
        for (byte[] c : p.certificates()) size += 4 + c.length;
        for (RestartPoint.Entry e : p.entries()) size += 12 + e.batches().length;
        for (byte[] v : p.consensus().vertices()) size += 4 + v.length;
        size += (long) p.consensus().committed().size() * (DIGEST_BYTES + 8);
        if (size > bytesMax) throw new IllegalArgumentException("restart point of " + size + " bytes exceeds " + bytesMax);
        if (p.certificates().size() > certificatesMax) throw new IllegalArgumentException("more than " + certificatesMax + " certificates");
        ByteBuffer out = ByteBuffer.allocate((int) size);
        out.putInt(MAGIC).put((byte) VERSION).putInt(p.networkId()).putLong(p.snapshotSequence());
        out.putInt(p.ledgerSnapshot().length).put(p.ledgerSnapshot());
        out.putShort((short) p.certificates().size());
        for (byte[] c : p.certificates()) out.putInt(c.length).put(c);
        out.putInt(p.entries().size());
        for (RestartPoint.Entry e : p.entries()) out.putLong(e.sequence()).putInt(e.batches().length).put(e.batches());
        RestartPoint.Consensus c = p.consensus();
        out.putLong(c.sequence()).putLong(c.leaderRound()).putLong(c.gcRound());
        out.putInt(c.vertices().size());
        for (byte[] v : c.vertices()) out.putInt(v.length).put(v);
        out.putInt(c.committed().size());
        for (RestartPoint.Committed k : c.committed()) {
            if (k.digest().length != DIGEST_BYTES) throw new IllegalArgumentException("a digest is " + DIGEST_BYTES + " bytes");
            out.put(k.digest()).putLong(k.round());
        }
        out.put(sha256(out.array(), out.position()));
        return out.array();
    }

    /** Decodes untrusted bytes: every failure is a {@link SyncException}, never an unchecked exception. */
    public static RestartPoint decode(byte[] bytes) throws SyncException {
        if (bytes.length > bytesMax) throw new SyncException(Reason.TOO_LARGE, bytes.length + " bytes exceed " + bytesMax);
        if (bytes.length < 4 + 1 + DIGEST_BYTES) throw new SyncException(Reason.TRUNCATED, "only " + bytes.length + " bytes");
        int body = bytes.length - DIGEST_BYTES;
        byte[] expected = sha256(bytes, body);
        if (!MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(bytes, body, bytes.length))) {
            throw new SyncException(Reason.CORRUPT, "checksum does not match (" + bytes.length + " bytes)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, body);
        try {
            if (in.getInt() != MAGIC) throw new SyncException(Reason.MALFORMED, "not a restart point");
            int version = in.get();
            if (version != VERSION) throw new SyncException(Reason.MALFORMED, "version " + version + " is not " + VERSION);
            int networkId = in.getInt();
            long snapshotSequence = nonNegative(in.getLong(), "snapshot sequence");
            byte[] ledger = bytes(in, "ledger snapshot");
            int certCount = in.getShort() & 0xffff;
            if (certCount > certificatesMax) throw new SyncException(Reason.MALFORMED, certCount + " certificates, at most " + certificatesMax);
            List<byte[]> certificates = new ArrayList<>(certCount);
            for (int i = 0; i < certCount; i++) certificates.add(bytes(in, "certificate"));
            int entryCount = count(in, 12, "entries");
            List<RestartPoint.Entry> entries = new ArrayList<>(entryCount);
            for (int i = 0; i < entryCount; i++) entries.add(new RestartPoint.Entry(nonNegative(in.getLong(), "entry sequence"), bytes(in, "entry")));
            long sequence = nonNegative(in.getLong(), "sequence");
            long leaderRound = nonNegative(in.getLong(), "leader round");
            long gcRound = nonNegative(in.getLong(), "gc round");
            int vertexCount = count(in, 4, "vertices");
            List<byte[]> vertices = new ArrayList<>(vertexCount);
            for (int i = 0; i < vertexCount; i++) vertices.add(bytes(in, "vertex"));
            int committedCount = count(in, DIGEST_BYTES + 8, "committed vertices");
            List<RestartPoint.Committed> committed = new ArrayList<>(committedCount);
            for (int i = 0; i < committedCount; i++) {
                byte[] digest = new byte[DIGEST_BYTES];
                in.get(digest);
                committed.add(new RestartPoint.Committed(digest, nonNegative(in.getLong(), "committed round")));
            }
            if (in.hasRemaining()) throw new SyncException(Reason.MALFORMED, in.remaining() + " trailing bytes");
            return new RestartPoint(networkId, snapshotSequence, ledger, certificates, entries,
                    new RestartPoint.Consensus(sequence, leaderRound, gcRound, vertices, committed));
        } catch (java.nio.BufferUnderflowException e) {
            throw new SyncException(Reason.TRUNCATED, "ends inside a field");
        }
    }

    /** A count whose items take at least {@code itemBytesMin} each: it cannot claim more than the bytes left. */
    private static int count(ByteBuffer in, int itemBytesMin, String what) throws SyncException {
        long n = in.getInt() & 0xffffffffL;
        if (n * itemBytesMin > in.remaining()) throw new SyncException(Reason.MALFORMED, n + " " + what + " cannot fit in " + in.remaining() + " bytes");
        return (int) n;
    }

    private static byte[] bytes(ByteBuffer in, String what) throws SyncException {
        long n = in.getInt() & 0xffffffffL;
        if (n > itemBytesMax && !what.equals("ledger snapshot")) throw new SyncException(Reason.MALFORMED, what + " of " + n + " bytes exceeds " + itemBytesMax);
        if (n > in.remaining()) throw new SyncException(Reason.MALFORMED, what + " of " + n + " bytes, " + in.remaining() + " left");
        byte[] out = new byte[(int) n];
        in.get(out);
        return out;
    }

    private static long nonNegative(long value, String what) throws SyncException {
        if (value < 0) throw new SyncException(Reason.MALFORMED, what + " " + value + " is negative");
        return value;
    }

    static byte[] sha256(byte[] bytes, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes, 0, length);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
