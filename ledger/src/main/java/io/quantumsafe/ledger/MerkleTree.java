package io.quantumsafe.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An incremental Merkle tree of arity 8 over leaves 0..count-1, SHA-256:
 * {@code leaf = H(0x00 || leaf bytes)}, {@code node = H(0x01 || child_0 || ... || child_7)}, where a
 * child beyond the last leaf is 32 zero bytes. The depth is the smallest d >= 1 with 8^d >= count,
 * so the shape is a function of count alone, and the state root commits to count.
 *
 * <p>Why arity 8: a batch of 8,190 transfers over a million accounts dirties about 16,000 leaves.
 * SHA-256 here costs about 60 ns plus 0.55 ns per byte (JDK 25, SHA-NI); recomputing the dirty
 * paths costs about 16 ms per batch with a binary tree (121,000 two-block hashes) and about 6 ms
 * with arity 8 (27,000 five-block hashes), for proofs of 7 x 32 bytes per level.
 *
 * <p>Only leaves marked dirty (and their ancestors) are rehashed when the root is asked for, level
 * by level, each level's dirty nodes possibly spread over threads ({@link RootHashing}).
 */
final class MerkleTree {
    static final int ARITY = 8;
    static final int HASH_BYTES = 32;
    static final byte LEAF = 0x00;
    static final byte NODE = 0x01;

    /** Writes the bytes of leaf i (after the 0x00 prefix). */
    interface LeafSource {
        int leafBytes();

        void write(int index, byte[] out, int offset);
    }

    private final LeafSource source;
    private final RootHashing hashing;
    private byte[][] levels = new byte[1][];
    private long[] dirtyBits = new long[1];
    private int[] scratch = new int[64];
    private int count;
    /** The leaf count the levels were last hashed for (equal to count once the root is up to date). */
    private int hashedCount;
    private boolean anyDirty = true;
    private byte[] root = new byte[HASH_BYTES];
    /** A staged change that has been hashed, whose arrays the next {@link #stage()} may reuse. */
    private final AtomicReference<Staged> spareStaged = new AtomicReference<>();

    MerkleTree(LeafSource source) {
        this(source, RootHashing.SERIAL);
    }

    MerkleTree(LeafSource source, RootHashing hashing) {
        this.source = source;
        this.hashing = hashing;
    }

    int count() { return count; }

    /** Leaf i changed, was appended (i == count) or removed (i == count after a shrink). */
    void markDirty(int index) {
        int word = index >>> 6;
        if (word >= dirtyBits.length) dirtyBits = Arrays.copyOf(dirtyBits, Math.max(word + 1, dirtyBits.length * 2));
        dirtyBits[word] |= 1L << index;
        anyDirty = true;
    }

    void setCount(int newCount) {
        if (newCount != count) {
            markDirty(Math.min(newCount, count));
            if (newCount < count) {
                for (int i = newCount; i < count; i++) markDirty(i);
            } else {
                for (int i = count; i < newCount; i++) markDirty(i);
            }
            count = newCount;
        }
    }

    static int depthFor(int count) {
        int depth = 1;
        long capacity = ARITY;
        while (capacity < count) {
            capacity *= ARITY;
            depth++;
        }
        return depth;
    }

    static long nodesAt(int count, int level) {
        long size = count;
        for (int k = 0; k < level; k++) size = (size + ARITY - 1) / ARITY;
        return size;
    }

    /** The root over the current leaves, rehashing what changed since the last call. */
    byte[] root() {
        if (anyDirty) {
            int dirty = collectDirtyLeaves();
            recompute(count, scratch, dirty, null);
        }
        return root.clone();
    }

    /**
     * @param indices the dirty leaves in order, in indices[0..dirty); hashing overwrites them
     * @param leaves  per dirty leaf, in index order: 0x00 and the leaf's bytes
     */
    record Staged(int count, int[] indices, int dirty, byte[] leaves) {}

    /**
     * What changed since the last root, copied out: the dirty leaf indices and their bytes, so that
     * {@link #hash(Staged)} can run on another thread while the leaves go on changing. After this the
     * tree counts as up to date on the calling thread.
     */
    Staged stage() {
        int dirty = collectDirtyLeaves();
        int stride = source.leafBytes() + 1;
        // The arrays of a change already hashed are reused: a uniform batch stages about 2 MB, which
        // G1 would otherwise allocate (zeroed, as a humongous object) for every batch.
        Staged spare = spareStaged.getAndSet(null);
        int[] indices = spare != null && spare.indices().length >= dirty ? spare.indices() : new int[dirty];
        byte[] leaves = spare != null && spare.leaves().length >= dirty * stride ? spare.leaves() : new byte[dirty * stride];
        System.arraycopy(scratch, 0, indices, 0, dirty);
        for (int i = 0; i < dirty; i++) {
            leaves[i * stride] = LEAF;
            if (indices[i] < count) source.write(indices[i], leaves, i * stride + 1);
        }
        anyDirty = false;
        return new Staged(count, indices, dirty, leaves);
    }

    /**
     * Hashes staged changes into the levels and returns the new root. Calls must follow the order of
     * {@link #stage()}, one at a time, and nothing else may read the levels meanwhile (the ledger
     * waits for the hash before a proof or the next stage's hash).
     */
    byte[] hash(Staged staged) {
        recompute(staged.count(), staged.indices(), staged.dirty(), staged.leaves());
        spareStaged.set(staged);
        return root.clone();
    }

    /** @param leaves the dirty leaves' bytes as {@link #stage()} lays them out, or null to read them from the source */
    private void recompute(int leafCount, int[] indices, int dirty, byte[] leaves) {
        hashedCount = leafCount;
        int depth = depthFor(leafCount);
        ensureLevels(depth);
        hashing.forEachSlice(dirty, (from, to) -> hashLeaves(indices, leaves, from, to));
        for (int level = 1; level <= depth; level++) {
            dirty = parents(indices, dirty);
            int at = level;
            hashing.forEachSlice(dirty, (from, to) -> hashNodes(at, indices, from, to));
        }
        root = leafCount == 0 ? new byte[HASH_BYTES] : Arrays.copyOfRange(levels[depth], 0, HASH_BYTES);
        if (leaves == null) anyDirty = false;
    }

    /**
     * Leaves indices[from..to): each slice has its own scratch and writes disjoint slots. In chunks:
     * gather the leaves' bytes with plain copies, hash them from there, scatter the hashes.
     */
    private void hashLeaves(int[] indices, byte[] leaves, int from, int to) {
        int stride = source.leafBytes() + 1;
        Scratch s = Scratch.forThread(stride);
        for (int start = from; start < to; start += CHUNK) {
            int end = Math.min(to, start + CHUNK);
            if (leaves == null) {
                for (int i = start; i < end; i++) {
                    if (indices[i] >= hashedCount) continue;
                    s.in[(i - start) * stride] = LEAF;
                    source.write(indices[i], s.in, (i - start) * stride + 1);
                }
                hashAndScatter(s, s.in, 0, stride, indices, start, end, hashedCount, levels[0]);
            } else {
                hashAndScatter(s, leaves, start * stride, stride, indices, start, end, hashedCount, levels[0]);
            }
        }
    }

    private void hashNodes(int level, int[] indices, int from, int to) {
        int stride = GROUP_BYTES + 1;
        Scratch s = Scratch.forThread(stride);
        long present = nodesAt(hashedCount, level);
        byte[] children = levels[level - 1];
        for (int start = from; start < to; start += CHUNK) {
            int end = Math.min(to, start + CHUNK);
            // Levels hold whole groups of 8 with absent children zeroed (ensureLevels, hashAndScatter),
            // so a node's children are one run of bytes.
            for (int i = start; i < end; i++) {
                if (indices[i] >= present) continue;
                s.in[(i - start) * stride] = NODE;
                System.arraycopy(children, indices[i] * GROUP_BYTES, s.in, (i - start) * stride + 1, GROUP_BYTES);
            }
            hashAndScatter(s, s.in, 0, stride, indices, start, end, present, levels[level]);
        }
    }

    /**
     * Hashes the gathered inputs of indices[start..end) ({@code stride} bytes each, prefix included,
     * from {@code in} at {@code offset}) and writes each hash to its slot in {@code level}; zeros where
     * an index is no longer present (leaves removed since the last root). An index beyond the array
     * (appended and rolled back before this root, e.g. a failed chain of account creations) is
     * skipped: it was never written, and growing the array zero-fills it.
     */
    private static void hashAndScatter(Scratch s, byte[] in, int offset, int stride, int[] indices, int start, int end,
                                       long present, byte[] level) {
        for (int i = start; i < end; i++) {
            if (indices[i] >= present) continue;
            // Prefix and bytes in one update: the digest compresses straight from the array.
            s.sha.update(in, offset + (i - start) * stride, stride);
            digestInto(s.sha, s.out, i - start);
        }
        for (int i = start; i < end; i++) {
            int at = indices[i] * HASH_BYTES;
            if (indices[i] < present) {
                System.arraycopy(s.out, (i - start) * HASH_BYTES, level, at, HASH_BYTES);
            } else if (at < level.length) {
                Arrays.fill(level, at, at + HASH_BYTES, (byte) 0);
            }
        }
    }

    /** Sibling hashes from the leaf up: for each level, the 7 other children of the parent, in order. */
    MerkleProof proof(int index) {
        if (index < 0 || index >= count) throw new IndexOutOfBoundsException("leaf " + index + " of " + count);
        root();
        int depth = depthFor(count);
        byte[][] siblings = new byte[depth][];
        int position = index;
        for (int level = 0; level < depth; level++) {
            byte[] nodes = levels[level];
            int first = (position / ARITY) * ARITY;
            byte[] group = new byte[(ARITY - 1) * HASH_BYTES];
            int written = 0;
            for (int child = first; child < first + ARITY; child++) {
                if (child == position) continue;
                int from = child * HASH_BYTES;
                if (from + HASH_BYTES <= nodes.length && child < nodesAt(count, level)) {
                    System.arraycopy(nodes, from, group, written, HASH_BYTES);
                }
                written += HASH_BYTES;
            }
            siblings[level] = group;
            position /= ARITY;
        }
        return new MerkleProof(index, count, siblings);
    }

    /** The hash of leaf bytes, as the tree computes it. */
    static byte[] leafHash(byte[] leafBytes) {
        MessageDigest digest = sha256();
        digest.update(LEAF);
        digest.update(leafBytes);
        return digest.digest();
    }

    private int collectDirtyLeaves() {
        int n = 0;
        for (int word = 0; word < dirtyBits.length; word++) {
            long bits = dirtyBits[word];
            while (bits != 0) {
                int leaf = (word << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (n == scratch.length) scratch = Arrays.copyOf(scratch, n * 2);
                scratch[n++] = leaf;
            }
            dirtyBits[word] = 0;
        }
        return n;
    }

    /** Replaces the sorted indices in indices[0..n) by their distinct parents, in order. */
    private static int parents(int[] indices, int n) {
        int out = 0;
        for (int i = 0; i < n; i++) {
            int parent = indices[i] / ARITY;
            if (out == 0 || indices[out - 1] != parent) indices[out++] = parent;
        }
        return out;
    }

    private void ensureLevels(int depth) {
        if (levels.length < depth + 1) levels = Arrays.copyOf(levels, depth + 1);
        for (int level = 0; level <= depth; level++) {
            long needed = Math.max(1, nodesAt(Math.max(hashedCount, 1), level)) * HASH_BYTES;
            // Room for the whole last group of 8, so a parent can read all its children.
            long rounded = ((needed / HASH_BYTES + ARITY - 1) / ARITY) * ARITY * HASH_BYTES;
            if (levels[level] == null) {
                levels[level] = new byte[(int) rounded];
            } else if (levels[level].length < rounded) {
                levels[level] = Arrays.copyOf(levels[level], (int) Math.max(rounded, Math.min(Integer.MAX_VALUE - 8, levels[level].length * 2L)));
            }
        }
    }

    private static void digestInto(MessageDigest sha, byte[] target, int index) {
        try {
            sha.digest(target, index * HASH_BYTES, HASH_BYTES);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", e);
        }
    }

    /**
     * Hashes per gather/hash/scatter round. Hashing each node where it lies waited for one cache miss
     * at a time (the SHA-256 rounds fill the CPU's window, so the next node's loads start late); a
     * loop of plain copies has independent loads the CPU overlaps. Measured over 16,000 random dirty
     * leaves of a million: 430 -> 200 ns per leaf (pure SHA-256: 143), 420 -> 270 ns per first-level
     * node (205). 64 x 256 bytes of input stay in L1/L2.
     */
    static final int CHUNK = 64;
    private static final int GROUP_BYTES = ARITY * HASH_BYTES;

    /** One digest and gather/scatter buffers per thread: slices are short when the work is shared (SharedSlices). */
    private record Scratch(MessageDigest sha, byte[] in, byte[] out) {
        /** This thread's scratch, with room for {@code stride} bytes per hash input (prefix included). */
        static Scratch forThread(int stride) {
            Scratch s = threadScratch.get();
            if (s == null || s.in.length < CHUNK * stride) {
                s = new Scratch(sha256(), new byte[CHUNK * Math.max(stride, GROUP_BYTES + 1)], new byte[CHUNK * HASH_BYTES]);
                threadScratch.set(s);
            }
            s.sha.reset();
            return s;
        }
    }

    private static final ThreadLocal<Scratch> threadScratch = new ThreadLocal<>();

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
