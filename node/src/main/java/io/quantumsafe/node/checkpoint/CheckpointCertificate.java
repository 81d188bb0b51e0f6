package io.quantumsafe.node.checkpoint;

import io.quantumsafe.consensus.crypto.QuorumSignature;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;

/**
 * A checkpoint with the ML-DSA signatures of at least 2f+1 distinct validators (a signer bitmap
 * over committee indices plus their signatures in index order). Verify with
 * {@link CheckpointSigning#verify(CheckpointCertificate)}; constructing one proves nothing.
 *
 * <pre>
 * encoding = checkpoint(85) || committee_size(2) || bitmap(ceil(size/8)) || proof_length(4) || proof
 * </pre>
 */
public record CheckpointCertificate(Checkpoint checkpoint, QuorumSignature signatures) {
    /** 1,024 validators (the committee bound) each with a 3,309-byte ML-DSA-65 signature. */
    public static final int proofBytesMax = 1024 * 3309;

    public byte[] encode(int committeeSize) {
        byte[] bitmap = new byte[(committeeSize + 7) / 8];
        byte[] set = signatures.signers().toByteArray();
        if (set.length > bitmap.length) throw new IllegalArgumentException("a signer is outside a committee of " + committeeSize);
        System.arraycopy(set, 0, bitmap, 0, set.length);
        byte[] proof = signatures.proof();
        ByteBuffer out = ByteBuffer.allocate(Checkpoint.BYTES + 2 + bitmap.length + 4 + proof.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put(checkpoint.encode()).putShort((short) committeeSize).put(bitmap).putInt(proof.length).put(proof);
        return out.array();
    }

    public static CheckpointCertificate decode(byte[] in, int committeeSize) {
        ByteBuffer buffer = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
        int bitmapBytes = (committeeSize + 7) / 8;
        if (in.length < Checkpoint.BYTES + 2 + bitmapBytes + 4) throw new MalformedCheckpointException("certificate of " + in.length + " bytes is truncated");
        byte[] checkpointBytes = new byte[Checkpoint.BYTES];
        buffer.get(checkpointBytes);
        Checkpoint checkpoint = Checkpoint.decode(checkpointBytes);
        int size = Short.toUnsignedInt(buffer.getShort());
        if (size != committeeSize) throw new MalformedCheckpointException("certificate is for a committee of " + size + ", not " + committeeSize);
        byte[] bitmap = new byte[bitmapBytes];
        buffer.get(bitmap);
        BitSet signers = BitSet.valueOf(bitmap);
        if (signers.length() > committeeSize) throw new MalformedCheckpointException("certificate names a signer outside the committee");
        int proofLength = buffer.getInt();
        if (proofLength < 0 || proofLength > proofBytesMax || proofLength != buffer.remaining()) {
            throw new MalformedCheckpointException("certificate proof length " + proofLength + " does not match the " + buffer.remaining() + " bytes left");
        }
        byte[] proof = new byte[proofLength];
        buffer.get(proof);
        return new CheckpointCertificate(checkpoint, new QuorumSignature(signers, proof));
    }
}
