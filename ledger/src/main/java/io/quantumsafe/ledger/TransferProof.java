package io.quantumsafe.ledger;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * Proof that a transfer was executed in a batch with a given result: the transfer as submitted, the
 * timestamp the ledger gave it, its result, its path in the batch's transfer tree, and the batch
 * commitment that chains the transfer root into the state root. {@code qsafe client verify-receipt}
 * checks this with nothing but the state root signed by the committee.
 */
public record TransferProof(Transfer transfer, long timestamp, CreateTransferResult result, MerkleProof path,
                            BatchCommitment commitment) {

    /** The leaf bytes: the 128-byte record with the ledger's timestamp, then the result code (u16 LE). */
    public static byte[] leafBytes(Transfer transfer, long timestamp, CreateTransferResult result) {
        byte[] leaf = new byte[RecordCodec.RECORD_BYTES + 2];
        RecordCodec.writeTransfer(transfer, leaf, 0);
        RecordCodec.LONG.set(leaf, 120, timestamp);
        ByteBuffer.wrap(leaf, RecordCodec.RECORD_BYTES, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) result.code());
        return leaf;
    }

    public boolean verifies(byte[] stateRoot) {
        byte[] leaf = MerkleTree.leafHash(leafBytes(transfer, timestamp, result));
        return path.leafCount() == commitment.transferLeaves()
                && path.verifies(leaf, commitment.transferRoot())
                && MessageDigest.isEqual(commitment.stateRoot(), stateRoot);
    }
}
