package io.quantumsafe.node.checkpoint;

import io.quantumsafe.consensus.Digest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What validators sign after executing the committed sequence up to a batch: the ledger's state root
 * there (which chains every batch's transfer root since genesis), and the previous checkpoint's
 * digest, so checkpoints form a chain and a certificate for one vouches for the whole history.
 *
 * <pre>
 * encoding = version(1) || network_id(4) || index(8) || last_batch(8) || state_root(32) || previous(32)   little-endian
 * digest   = SHA-256("QSAFE-CHECKPOINT-DIGEST-V1\0" || encoding)
 * </pre>
 *
 * @param index 1, 2, ... in the order checkpoints are taken; genesis (index 0) is the empty ledger
 * @param lastBatch the ledger sequence (batch number) the state root is taken after
 */
public record Checkpoint(int networkId, long index, long lastBatch, Digest stateRoot, Digest previous) {
    public static final int VERSION = 1;
    public static final int BYTES = 1 + 4 + 8 + 8 + Digest.BYTES + Digest.BYTES;
    static final byte[] DOMAIN = "QSAFE-CHECKPOINT-DIGEST-V1\0".getBytes(StandardCharsets.US_ASCII);
    public static final Digest GENESIS_PREVIOUS = Digest.of(new byte[Digest.BYTES]);

    public Checkpoint {
        if (index < 1) throw new IllegalArgumentException("checkpoint index starts at 1, got " + index);
        if (lastBatch < 0) throw new IllegalArgumentException("last batch must not be negative, got " + lastBatch);
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) VERSION).putInt(networkId).putLong(index).putLong(lastBatch);
        out.put(stateRoot.toBytes()).put(previous.toBytes());
        return out.array();
    }

    public static Checkpoint decode(byte[] in) {
        if (in.length != BYTES) throw new MalformedCheckpointException("a checkpoint is " + BYTES + " bytes, not " + in.length);
        ByteBuffer buffer = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
        int version = buffer.get();
        if (version != VERSION) throw new MalformedCheckpointException("checkpoint version " + version + " is not " + VERSION);
        int networkId = buffer.getInt();
        long index = buffer.getLong();
        long lastBatch = buffer.getLong();
        if (index < 1 || lastBatch < 0) throw new MalformedCheckpointException("checkpoint index " + index + " / batch " + lastBatch + " out of range");
        return new Checkpoint(networkId, index, lastBatch, Digest.read(in, 21), Digest.read(in, 21 + Digest.BYTES));
    }

    /** What is signed and what the next checkpoint's {@code previous} names. */
    public Digest digest() {
        return Digest.sha256(DOMAIN, encode());
    }

    /** The first checkpoint after genesis, or the next in a chain. */
    public static Checkpoint after(Checkpoint previousCheckpoint, int networkId, long lastBatch, Digest stateRoot) {
        if (previousCheckpoint == null) return new Checkpoint(networkId, 1, lastBatch, stateRoot, GENESIS_PREVIOUS);
        if (lastBatch <= previousCheckpoint.lastBatch()) {
            throw new IllegalArgumentException("checkpoint after batch " + lastBatch + " does not follow the one after batch " + previousCheckpoint.lastBatch());
        }
        return new Checkpoint(networkId, previousCheckpoint.index() + 1, lastBatch, stateRoot, previousCheckpoint.digest());
    }

    @Override
    public String toString() {
        return "checkpoint " + index + " (batch " + lastBatch + ", root " + stateRoot + ")";
    }
}
