package io.quantumsafe.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MerkleTreeTest {
    /** Leaves are 8-byte values kept in a list the tree reads from. */
    private static MerkleTree treeOver(List<Long> values) {
        return new MerkleTree(new MerkleTree.LeafSource() {
            @Override
            public int leafBytes() { return 8; }

            @Override
            public void write(int index, byte[] out, int offset) { RecordCodec.LONG.set(out, offset, values.get(index)); }
        });
    }

    /**
     * The root by its definition, written out here independently of the tree's incremental, chunked
     * hashing: leaf = H(0x00 || bytes), node = H(0x01 || 8 children, absent ones zero), depth the
     * smallest d >= 1 with 8^d >= count.
     */
    private static byte[] rootFromScratch(List<Long> values) {
        if (values.isEmpty()) return new byte[32];
        java.security.MessageDigest sha = MerkleTree.sha256();
        List<byte[]> level = new ArrayList<>();
        for (long value : values) {
            byte[] leaf = new byte[9];
            RecordCodec.LONG.set(leaf, 1, value);
            level.add(sha.digest(leaf));
        }
        int depth = 1;
        while (Math.pow(8, depth) < values.size()) depth++;
        for (int d = 0; d < depth; d++) {
            List<byte[]> parents = new ArrayList<>();
            for (int first = 0; first < level.size(); first += 8) {
                sha.update((byte) 1);
                for (int child = first; child < first + 8; child++) sha.update(child < level.size() ? level.get(child) : new byte[32]);
                parents.add(sha.digest());
            }
            level = parents;
        }
        return level.getFirst();
    }

    @Property(tries = 200)
    void incrementalRoot_equalsRootComputedFromScratch_afterAnyUpdates(@ForAll long seed, @ForAll @IntRange(min = 1, max = 1500) int size) {
        Random random = new Random(seed);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < size; i++) values.add(random.nextLong());
        MerkleTree tree = treeOver(values);
        tree.setCount(size);
        tree.root();
        for (int step = 0; step < 20; step++) {
            switch (random.nextInt(4)) {
                case 0 -> { // change some leaves
                    for (int k = 0; k < 1 + random.nextInt(10) && !values.isEmpty(); k++) {
                        int i = random.nextInt(values.size());
                        values.set(i, random.nextLong());
                        tree.markDirty(i);
                    }
                }
                case 1 -> { // append
                    int add = 1 + random.nextInt(80);
                    for (int k = 0; k < add; k++) values.add(random.nextLong());
                    tree.setCount(values.size());
                }
                case 2 -> { // remove from the end (linked-chain rollback)
                    int remove = Math.min(values.size() - 1, random.nextInt(70));
                    for (int k = 0; k < remove; k++) values.removeLast();
                    tree.setCount(values.size());
                }
                default -> { // append and roll back before the next root: a failed chain of account creations
                    int add = 1 + random.nextInt(80);
                    for (int k = 0; k < add; k++) values.add(random.nextLong());
                    tree.setCount(values.size());
                    int remove = Math.min(values.size() - 1, add + random.nextInt(3));
                    for (int k = 0; k < remove; k++) values.removeLast();
                    tree.setCount(values.size());
                }
            }
            assertThat(tree.root()).as("seed %d step %d size %d", seed, step, values.size()).isEqualTo(rootFromScratch(values));
        }
    }

    /** What the pipelined ledger relies on: a staged change hashes to the root of the leaves as they were when staged. */
    @Property(tries = 100)
    void stagedChanges_hashToTheRootAtStaging_whileTheLeavesChangeAgain(@ForAll long seed, @ForAll @IntRange(min = 1, max = 700) int size) {
        Random random = new Random(seed);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < size; i++) values.add(random.nextLong());
        MerkleTree tree = treeOver(values);
        tree.setCount(size);
        for (int step = 0; step < 10; step++) {
            for (int k = 0; k < 1 + random.nextInt(30); k++) {
                int i = random.nextInt(values.size());
                values.set(i, random.nextLong());
                tree.markDirty(i);
            }
            if (random.nextBoolean()) {
                for (int k = 0; k < random.nextInt(20); k++) values.add(random.nextLong());
                tree.setCount(values.size());
            }
            MerkleTree.Staged staged = tree.stage();
            byte[] expected = rootFromScratch(values);
            for (int i = 0; i < values.size(); i++) values.set(i, random.nextLong()); // the next batch runs meanwhile
            for (int i = 0; i < values.size(); i++) tree.markDirty(i);
            assertThat(tree.hash(staged)).as("seed %d step %d", seed, step).isEqualTo(expected);
            MerkleTree.Staged next = tree.stage();
            assertThat(tree.hash(next)).isEqualTo(rootFromScratch(values));
        }
    }

    @Property(tries = 100)
    void everyLeafsProof_leadsToTheRoot_andAnotherLeafDoesNot(@ForAll long seed, @ForAll @IntRange(min = 1, max = 600) int size) {
        Random random = new Random(seed);
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < size; i++) values.add(random.nextLong());
        MerkleTree tree = treeOver(values);
        tree.setCount(size);
        byte[] root = tree.root();
        for (int i = 0; i < size; i += 1 + random.nextInt(17)) {
            MerkleProof proof = tree.proof(i);
            byte[] leaf = new byte[8];
            RecordCodec.LONG.set(leaf, 0, values.get(i));
            assertThat(proof.verifies(MerkleTree.leafHash(leaf), root)).isTrue();
            RecordCodec.LONG.set(leaf, 0, values.get(i) + 1);
            assertThat(proof.verifies(MerkleTree.leafHash(leaf), root)).isFalse();
        }
    }
}
