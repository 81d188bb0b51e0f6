package io.quantumsafe.node.verifier;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The link between a verifier and a validator, inside PQ mutual TLS: the verifier asks, the validator
 * answers, one frame each ({@code u32 length || u8 type || body}, big-endian). Bodies reuse the
 * canonical forms of {@code FinalityCodec} and {@code CheckpointCertificate}; this class only frames.
 *
 * <pre>
 * ENTRY u64 seq            -> ENTRY_OK u64 committed u64 certified u32 n batch[n] u32 m certificate[m] (m = 0: not certified)
 *                          |  NOT_YET u64 committed u64 certified
 * ATTESTATION bytes        -> ACK | ERROR utf8
 * FRAUD_PROOF bytes        -> ACK | ERROR utf8
 * SNAPSHOT u64 seq u64 offset u32 max
 *                          -> SNAPSHOT_OK u64 seq u64 total u64 last_final u32 m certificate[m] u32 n bytes[n] | ERROR utf8
 * </pre>
 * SNAPSHOT with seq 0 asks for the validator's newest ledger snapshot at or below its last final
 * checkpoint (max 0: only the header), so a verifier whose next entry was truncated can start from
 * a final state; {@code n} is at most {@link #snapshotChunkMax}.
 */
public final class VerifierWire {
    public static final byte ENTRY = 1, ATTESTATION = 2, FRAUD_PROOF = 3, SNAPSHOT = 4;
    public static final byte ENTRY_OK = (byte) 0x81, NOT_YET = (byte) 0x82, ACK = (byte) 0x84, SNAPSHOT_OK = (byte) 0x85, ERROR = (byte) 0x8f;
    /** How an ERROR answer to a verdict starts when the validator's finality queue is full: send it again later. */
    public static final String BUSY = "validator busy";
    /** Snapshot bytes in one answer: a large ledger comes in several. */
    public static final int snapshotChunkMax = 16 * 1024 * 1024;
    /** A committed entry's ledger batch, or a fraud proof carrying several, must fit. */
    public static final int frameBytesMax = 64 * 1024 * 1024;

    private VerifierWire() {}

    /** A frame as read: its type and body. */
    public record Frame(byte type, byte[] body) {
        public ByteBuffer buffer() { return ByteBuffer.wrap(body); }

        public String text() { return new String(body, StandardCharsets.UTF_8); }
    }

    /** What a validator says about one committed entry. */
    public record Entry(long committed, long certified, byte[] batch, byte[] certificate) {
        public boolean present() { return batch != null; }
    }

    public static void write(DataOutputStream out, byte type, byte[] body) throws IOException {
        if (body.length + 1 > frameBytesMax) throw new IOException("frame of " + body.length + " bytes exceeds " + frameBytesMax);
        out.writeInt(body.length + 1);
        out.writeByte(type);
        out.write(body);
        out.flush();
    }

    public static Frame read(DataInputStream in) throws IOException {
        int length;
        try {
            length = in.readInt();
        } catch (EOFException closed) {
            return null;
        }
        if (length < 1 || length > frameBytesMax) throw new IOException("frame length " + length + " outside 1.." + frameBytesMax);
        byte type = in.readByte();
        byte[] body = new byte[length - 1];
        in.readFully(body);
        return new Frame(type, body);
    }

    public static byte[] entryRequest(long sequence) { return ByteBuffer.allocate(8).putLong(sequence).array(); }

    public static byte[] entryOk(long committed, long certified, byte[] batch, byte[] certificate) {
        byte[] cert = certificate == null ? new byte[0] : certificate;
        return ByteBuffer.allocate(8 + 8 + 4 + batch.length + 4 + cert.length).putLong(committed).putLong(certified)
                .putInt(batch.length).put(batch).putInt(cert.length).put(cert).array();
    }

    public static byte[] notYet(long committed, long certified) { return ByteBuffer.allocate(16).putLong(committed).putLong(certified).array(); }

    /** Decodes an ENTRY answer; an ill-formed one is an {@link IOException} naming what is wrong. */
    public static Entry entry(Frame frame) throws IOException {
        try {
            ByteBuffer in = frame.buffer();
            long committed = in.getLong(), certified = in.getLong();
            if (frame.type() == NOT_YET) return new Entry(committed, certified, null, null);
            if (frame.type() != ENTRY_OK) throw new IOException("unexpected answer type " + frame.type() + " to ENTRY: " + frame.text());
            byte[] batch = new byte[checkedLength(in.getInt(), in)];
            in.get(batch);
            int m = checkedLength(in.getInt(), in);
            byte[] certificate = m == 0 ? null : new byte[m];
            if (certificate != null) in.get(certificate);
            if (in.hasRemaining()) throw new IOException(in.remaining() + " trailing bytes after an ENTRY answer");
            return new Entry(committed, certified, batch, certificate);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("truncated ENTRY answer");
        }
    }

    /** Part of a validator's ledger snapshot: which, how big in all, the validator's last final checkpoint, its certificate. */
    public record SnapshotChunk(long sequence, long total, long lastFinal, byte[] certificate, byte[] bytes) {}

    public static byte[] snapshotRequest(long sequence, long offset, int maxBytes) {
        return ByteBuffer.allocate(20).putLong(sequence).putLong(offset).putInt(maxBytes).array();
    }

    public static byte[] snapshotOk(SnapshotChunk c) {
        return ByteBuffer.allocate(8 + 8 + 8 + 4 + c.certificate().length + 4 + c.bytes().length).putLong(c.sequence()).putLong(c.total())
                .putLong(c.lastFinal()).putInt(c.certificate().length).put(c.certificate()).putInt(c.bytes().length).put(c.bytes()).array();
    }

    /** Decodes a SNAPSHOT answer; an ill-formed one is an {@link IOException} naming what is wrong. */
    public static SnapshotChunk snapshotChunk(Frame frame) throws IOException {
        if (frame.type() != SNAPSHOT_OK) throw new IOException("SNAPSHOT refused: " + frame.text());
        try {
            ByteBuffer in = frame.buffer();
            long sequence = in.getLong(), total = in.getLong(), lastFinal = in.getLong();
            byte[] certificate = new byte[checkedLength(in.getInt(), in)];
            in.get(certificate);
            byte[] bytes = new byte[checkedLength(in.getInt(), in)];
            in.get(bytes);
            if (in.hasRemaining()) throw new IOException(in.remaining() + " trailing bytes after a SNAPSHOT answer");
            if (sequence < 1 || total < 0 || bytes.length > snapshotChunkMax) throw new IOException("SNAPSHOT answer out of range");
            return new SnapshotChunk(sequence, total, lastFinal, certificate, bytes);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IOException("truncated SNAPSHOT answer");
        }
    }

    private static int checkedLength(int length, ByteBuffer in) throws IOException {
        if (length < 0 || length > in.remaining()) throw new IOException("length " + length + " exceeds the " + in.remaining() + " bytes left");
        return length;
    }
}
