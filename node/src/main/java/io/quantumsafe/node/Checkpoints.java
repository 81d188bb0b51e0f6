package io.quantumsafe.node;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.node.checkpoint.Checkpoint;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.CheckpointSigning;
import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.Signer;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checkpoints: after executing committed sub-DAG s, every validator signs (ML-DSA-65, its consensus
 * key) {@code "QSAFE-CHECKPOINT-V1\0" || network_id (u32 LE) || s (u64 LE) || state_root} and sends it
 * to its peers; a quorum (2f+1) of signatures over the same root is a checkpoint certificate. This is
 * what makes a receipt verifiable with the committee file alone, and what must outlive any
 * classical signature used inside consensus. Runs on the consensus thread; certificates are read
 * from any thread.
 */
final class Checkpoints {
    /** Sequences ahead of our own execution for which peer signatures are buffered. */
    static final int aheadMax = 1024;
    /** Certificates kept in memory (older ones are read from the store). */
    static final int certificatesKept = 4096;

    /** A certified checkpoint: the root and the quorum's signatures by committee index. */
    record Certificate(long sequence, byte[] stateRoot, TreeMap<Integer, byte[]> signatures) {}

    private final int networkId;
    private final Committee committee;
    private final int self;
    private final Signer signer;
    private final CheckpointSigning signing;
    private final Map<Long, byte[]> ownRoots = new HashMap<>();
    private final TreeMap<Long, TreeMap<Integer, byte[]>> unverified = new TreeMap<>();
    private final TreeMap<Long, TreeMap<Integer, byte[]>> collecting = new TreeMap<>();
    private final TreeMap<Long, Certificate> certified = new TreeMap<>();
    private final java.util.List<Certificate> newlyCertified = new java.util.ArrayList<>();
    private long executed;
    private long invalidSignatures;

    Checkpoints(int networkId, Committee committee, int self, Signer signer, PqcEngine engine) {
        this.networkId = networkId;
        this.committee = committee;
        this.self = self;
        this.signer = signer;
        this.signing = new CheckpointSigning(committee, engine);
    }

    /** The one definition of what a checkpoint signature covers ({@link Checkpoint}), shared with verifiers. */
    static byte[] message(int networkId, long sequence, byte[] stateRoot) {
        return new Checkpoint(networkId, sequence, Digest.of(stateRoot)).signingMessage();
    }

    /** A stored certificate in the form verifiers and finality take ({@link CheckpointSigning#verify}). */
    static CheckpointCertificate toCheckpointCertificate(int networkId, Certificate certificate, CheckpointSigning signing) {
        return signing.certificate(new Checkpoint(networkId, certificate.sequence(), Digest.of(certificate.stateRoot())),
                certificate.signatures());
    }

    /** Our root for {@code sequence}: signs it and returns the signature frame to send to every peer. */
    byte[] executed(long sequence, byte[] stateRoot, boolean sign) {
        executed = sequence;
        ownRoots.put(sequence, stateRoot);
        if (!sign) return null; // replaying history at start: those checkpoints were certified before
        byte[] signature = signer.sign(message(networkId, sequence, stateRoot));
        add(sequence, self, signature);
        TreeMap<Integer, byte[]> early = unverified.remove(sequence);
        if (early != null) early.forEach((from, sig) -> verifyAndAdd(sequence, from, sig));
        ownRoots.keySet().removeIf(s -> s < sequence - aheadMax);
        collecting.headMap(sequence - aheadMax).clear();
        return ByteBuffer.allocate(1 + 2 + 8 + 2 + signature.length).put(Channel.CHECKPOINT).putShort((short) self).putLong(sequence)
                .putShort((short) signature.length).put(signature).array();
    }

    /** A peer's signature frame (channel byte included); returns false if it is malformed or invalid. */
    boolean received(int from, byte[] frame) {
        if (frame.length < 13) return false;
        ByteBuffer in = ByteBuffer.wrap(frame, 1, frame.length - 1);
        int signerIndex = in.getShort();
        long sequence = in.getLong();
        int length = in.getShort() & 0xffff;
        if (signerIndex != from || length != in.remaining() || length > Algorithm.ML_DSA_65.signatureBytesMax()) return false;
        byte[] signature = new byte[length];
        in.get(signature);
        if (sequence <= executed) return verifyAndAdd(sequence, from, signature);
        if (sequence > executed + aheadMax) return false;
        unverified.computeIfAbsent(sequence, s -> new TreeMap<>()).put(from, signature);
        return true;
    }

    private boolean verifyAndAdd(long sequence, int from, byte[] signature) {
        byte[] root = ownRoots.get(sequence);
        if (root == null) return false; // too old to matter
        if (!signing.verifySignature(from, new Checkpoint(networkId, sequence, Digest.of(root)), signature)) {
            // A different root signed by a committee member: either its execution diverged or the signature is bad.
            invalidSignatures++;
            return false;
        }
        add(sequence, from, signature);
        return true;
    }

    private void add(long sequence, int from, byte[] signature) {
        synchronized (certified) {
            if (certified.containsKey(sequence)) return;
        }
        TreeMap<Integer, byte[]> signatures = collecting.computeIfAbsent(sequence, s -> new TreeMap<>());
        signatures.put(from, signature);
        if (signatures.size() >= committee.quorum()) {
            collecting.remove(sequence);
            synchronized (certified) {
                Certificate certificate = new Certificate(sequence, ownRoots.get(sequence), signatures);
                certified.put(sequence, certificate);
                newlyCertified.add(certificate);
                if (certified.size() > certificatesKept) certified.pollFirstEntry();
            }
        }
    }

    /** Forgets certificates and signatures from {@code sequence} on: a fraud proof refused them. */
    void revert(long sequence) {
        synchronized (certified) {
            certified.tailMap(sequence, true).clear();
            newlyCertified.removeIf(c -> c.sequence() >= sequence);
        }
        collecting.tailMap(sequence, true).clear();
        unverified.tailMap(sequence, true).clear();
    }

    Certificate certificate(long sequence) {
        synchronized (certified) {
            return certified.get(sequence);
        }
    }

    Certificate latest() {
        synchronized (certified) {
            return certified.isEmpty() ? null : certified.lastEntry().getValue();
        }
    }

    long invalidSignatures() { return invalidSignatures; }

    /** Certificates formed since the last call, for the store. */
    java.util.List<Certificate> drainCertified() {
        if (newlyCertified.isEmpty()) return java.util.List.of();
        java.util.List<Certificate> out = java.util.List.copyOf(newlyCertified);
        newlyCertified.clear();
        return out;
    }

    static byte[] encode(Certificate c) {
        int size = 8 + 32 + 2;
        for (byte[] sig : c.signatures().values()) size += 4 + sig.length;
        ByteBuffer out = ByteBuffer.allocate(size).putLong(c.sequence()).put(c.stateRoot()).putShort((short) c.signatures().size());
        c.signatures().forEach((index, sig) -> out.putShort(index.shortValue()).putShort((short) sig.length).put(sig));
        return out.array();
    }

    /** Decodes what this node stored. */
    static Certificate decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        long sequence = in.getLong();
        byte[] root = new byte[32];
        in.get(root);
        int count = in.getShort();
        TreeMap<Integer, byte[]> signatures = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int index = in.getShort();
            byte[] sig = new byte[in.getShort() & 0xffff];
            in.get(sig);
            signatures.put(index, sig);
        }
        return new Certificate(sequence, root, signatures);
    }

    static boolean sameRoot(byte[] a, byte[] b) { return MessageDigest.isEqual(a, b); }
}
