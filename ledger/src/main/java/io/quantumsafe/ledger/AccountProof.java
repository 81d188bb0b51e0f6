package io.quantumsafe.ledger;

import java.security.MessageDigest;

/**
 * Proof of an account's record (and so its balances) under a state root: the record, its path in
 * the accounts tree, and the commitment that turns the accounts root into the state root.
 */
public record AccountProof(Account account, MerkleProof path, BatchCommitment commitment) {

    /** True if the account record, its path and the commitment lead exactly to {@code stateRoot}. */
    public boolean verifies(byte[] stateRoot) {
        byte[] leaf = MerkleTree.leafHash(RecordCodec.encode(account));
        return path.leafCount() == commitment.accountCount()
                && path.verifies(leaf, commitment.accountsRoot())
                && MessageDigest.isEqual(commitment.stateRoot(), stateRoot);
    }
}
