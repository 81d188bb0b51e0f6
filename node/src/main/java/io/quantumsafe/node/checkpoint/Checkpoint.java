package io.quantumsafe.node.checkpoint;

import io.quantumsafe.consensus.Digest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What validators sign after executing a committed sub-DAG: the ledger's state root after batch
 * {@code sequence}. The root commits to every account, every client's last request number and the
 * chain of every batch's transfer root since genesis, so one certified checkpoint vouches for the
 * whole history before it; checkpoints need no chain of their own.
 *
 * <pre>
 * signed message = "QSAFE-CHECKPOINT-V1\0" || network_id (u32 LE) || sequence (u64 LE) || state_root (32)
 * digest         = SHA-256(signed message)
 * </pre>
 * This is the message the node's validators sign and the client's receipt verifier checks.
 */
public record Checkpoint(int networkId, long sequence, Digest stateRoot) {
    static final byte[] DOMAIN = "QSAFE-CHECKPOINT-V1\0".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    /** Wire form: version, network id, sequence, state root. */
    public static final int BYTES = 1 + 4 + 8 + Digest.BYTES;

    public Checkpoint {
        if (sequence < 1) throw new IllegalArgumentException("a checkpoint follows a batch: sequence starts at 1, got " + sequence);
    }

    public byte[] signingMessage() {
        return ByteBuffer.allocate(DOMAIN.length + 4 + 8 + Digest.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .put(DOMAIN).putInt(networkId).putLong(sequence).put(stateRoot.toBytes()).array();
    }

    /** Identifies the checkpoint (attestations name it). */
    public Digest digest() {
        return Digest.sha256(signingMessage());
    }

    public byte[] encode() {
        return ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN).put((byte) VERSION).putInt(networkId).putLong(sequence)
                .put(stateRoot.toBytes()).array();
    }

    public static Checkpoint decode(byte[] in) {
        if (in.length != BYTES) throw new MalformedCheckpointException("a checkpoint is " + BYTES + " bytes, not " + in.length);
        ByteBuffer buffer = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
        int version = buffer.get();
        if (version != VERSION) throw new MalformedCheckpointException("checkpoint version " + version + " is not " + VERSION);
        int networkId = buffer.getInt();
        long sequence = buffer.getLong();
        if (sequence < 1) throw new MalformedCheckpointException("checkpoint sequence " + sequence + " out of range");
        return new Checkpoint(networkId, sequence, Digest.read(in, 13));
    }

    @Override
    public String toString() {
        return "checkpoint after batch " + sequence + " (root " + stateRoot + ")";
    }
}
