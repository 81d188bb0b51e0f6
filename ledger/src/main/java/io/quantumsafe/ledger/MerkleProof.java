package io.quantumsafe.ledger;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A path from one leaf to the root of a {@link MerkleTree}: for each level, the 7 sibling hashes
 * (224 bytes). Verification is a pure function: no ledger needed, only the root.
 */
public record MerkleProof(int leafIndex, int leafCount, byte[][] siblings) {

    public MerkleProof {
        if (leafIndex < 0 || leafIndex >= leafCount) {
            throw new IllegalArgumentException("leaf index " + leafIndex + " is outside 0.." + (leafCount - 1));
        }
        if (siblings.length != MerkleTree.depthFor(leafCount)) {
            throw new IllegalArgumentException("a tree of " + leafCount + " leaves has depth " + MerkleTree.depthFor(leafCount)
                    + ", the proof has " + siblings.length + " levels");
        }
        for (byte[] group : siblings) {
            if (group.length != (MerkleTree.ARITY - 1) * MerkleTree.HASH_BYTES) {
                throw new IllegalArgumentException("each proof level needs 7 sibling hashes (224 bytes)");
            }
        }
    }

    /** The root this proof leads to from {@code leafHash}. */
    public byte[] rootFrom(byte[] leafHash) {
        MessageDigest digest = MerkleTree.sha256();
        byte[] node = new byte[1 + MerkleTree.ARITY * MerkleTree.HASH_BYTES];
        node[0] = MerkleTree.NODE;
        byte[] current = leafHash.clone();
        int position = leafIndex;
        for (byte[] group : siblings) {
            int slot = position % MerkleTree.ARITY;
            int from = 0;
            for (int child = 0; child < MerkleTree.ARITY; child++) {
                byte[] source = child == slot ? current : null;
                if (source != null) {
                    System.arraycopy(source, 0, node, 1 + child * MerkleTree.HASH_BYTES, MerkleTree.HASH_BYTES);
                } else {
                    System.arraycopy(group, from, node, 1 + child * MerkleTree.HASH_BYTES, MerkleTree.HASH_BYTES);
                    from += MerkleTree.HASH_BYTES;
                }
            }
            current = digest.digest(node);
            position /= MerkleTree.ARITY;
        }
        return current;
    }

    /** Constant-time comparison of the recomputed root with the expected one. */
    public boolean verifies(byte[] leafHash, byte[] expectedRoot) {
        return MessageDigest.isEqual(rootFrom(leafHash), expectedRoot);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MerkleProof other && leafIndex == other.leafIndex && leafCount == other.leafCount
                && Arrays.deepEquals(siblings, other.siblings);
    }

    @Override
    public int hashCode() { return 31 * leafIndex + Arrays.deepHashCode(siblings); }
}
