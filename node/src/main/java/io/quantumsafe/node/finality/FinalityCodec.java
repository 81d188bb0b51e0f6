package io.quantumsafe.node.finality;

import io.quantumsafe.consensus.Digest;
import io.quantumsafe.ledger.Batch;
import io.quantumsafe.ledger.LedgerCodecException;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.RequestResult;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.node.checkpoint.CheckpointCertificate;
import io.quantumsafe.node.checkpoint.MalformedCheckpointException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Wire forms of attestations and fraud proofs (little-endian, versioned, every length bounded), for
 * peers, the verifier's link and the audit pipeline. Decoding never trusts a length it has not
 * checked against what is left and against its bound; anything else is a {@link MalformedCheckpointException}.
 */
public final class FinalityCodec {
    public static final int VERSION = 1;
    public static final int signatureBytesMax = 4627;
    /** Requests a batch may hold on the wire (a batch is bounded by consensus; this bounds decoding). */
    public static final int requestsPerBatchMax = 65_536;
    /** A fraud proof's whole encoding; larger ones are refused before they are parsed. */
    public static final int proofBytesMax = 256 * 1024 * 1024;

    private FinalityCodec() {}

    /** An attestation's encoding without its signature: version, verifier, sequence, digest, signature length. */
    static final int attestationHeaderBytes = 1 + 2 + 8 + Digest.BYTES + 2;

    public static byte[] encode(Attestation attestation) {
        byte[] signature = attestation.signature();
        ByteBuffer out = ByteBuffer.allocate(attestationHeaderBytes + signature.length).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) VERSION).putShort((short) attestation.verifier()).putLong(attestation.checkpointSequence())
                .put(attestation.checkpointDigest().toBytes()).putShort((short) signature.length).put(signature);
        return out.array();
    }

    public static Attestation decodeAttestation(byte[] in) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
            version(buffer);
            int verifier = Short.toUnsignedInt(buffer.getShort());
            long index = buffer.getLong();
            Digest digest = digest(buffer);
            byte[] signature = bytes(buffer, Short.toUnsignedInt(buffer.getShort()), signatureBytesMax, "signature");
            end(buffer);
            return new Attestation(verifier, index, digest, signature);
        } catch (BufferUnderflowException e) {
            throw new MalformedCheckpointException("attestation of " + in.length + " bytes is truncated");
        }
    }

    /** Several attestations (those that made one checkpoint final), for the node's store: u16 count, then u16 length + attestation each. */
    public static byte[] encodeAll(List<Attestation> attestations) {
        if (attestations.size() > VerifierSet.verifiersMax) throw new IllegalArgumentException(attestations.size() + " attestations for one checkpoint");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) attestations.size()).array());
        for (Attestation a : attestations) {
            byte[] one = encode(a);
            out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) one.length).array());
            out.writeBytes(one);
        }
        return out.toByteArray();
    }

    public static List<Attestation> decodeAll(byte[] in) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
            int count = Short.toUnsignedInt(buffer.getShort());
            if (count > VerifierSet.verifiersMax) throw new MalformedCheckpointException(count + " attestations exceed the bound of " + VerifierSet.verifiersMax);
            List<Attestation> out = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                out.add(decodeAttestation(bytes(buffer, Short.toUnsignedInt(buffer.getShort()), attestationHeaderBytes + signatureBytesMax, "attestation")));
            }
            end(buffer);
            return out;
        } catch (BufferUnderflowException e) {
            throw new MalformedCheckpointException("attestation list of " + in.length + " bytes is truncated");
        }
    }

    public static byte[] encode(FraudProof proof, int committeeSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(3).order(ByteOrder.LITTLE_ENDIAN).put((byte) VERSION).putShort((short) proof.verifier());
        out.writeBytes(head.array());
        byte[] certificate = proof.certificate().encode(committeeSize);
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(certificate.length).array());
        out.writeBytes(certificate);
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) proof.batches().size()).array());
        for (Batch batch : proof.batches()) writeBatchBody(out, batch);
        out.writeBytes(proof.preStateRoot().toBytes());
        out.writeBytes(proof.recomputedRoot().toBytes());
        FraudProof.Offence offence = proof.offence();
        ByteBuffer tail = ByteBuffer.allocate(1 + 8 + 4 + 16 + 8 + 1).order(ByteOrder.LITTLE_ENDIAN);
        if (offence == null) {
            tail.put((byte) 0);
        } else {
            tail.put((byte) 1).putLong(offence.batch()).putInt(offence.request()).putLong(offence.clientId().lo())
                    .putLong(offence.clientId().hi()).putLong(offence.requestNumber()).put((byte) offence.rule().ordinal());
        }
        out.write(tail.array(), 0, tail.position());
        byte[] signature = proof.signature();
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) signature.length).array());
        out.writeBytes(signature);
        return out.toByteArray();
    }

    public static FraudProof decodeFraudProof(byte[] in, int committeeSize) {
        if (in.length > proofBytesMax) throw new MalformedCheckpointException("fraud proof of " + in.length + " bytes exceeds " + proofBytesMax);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
            version(buffer);
            int verifier = Short.toUnsignedInt(buffer.getShort());
            CheckpointCertificate certificate = CheckpointCertificate.decode(
                    bytes(buffer, buffer.getInt(), CheckpointCertificate.proofBytesMax + 1024, "certificate"), committeeSize);
            int batchCount = Short.toUnsignedInt(buffer.getShort());
            if (batchCount < 1 || batchCount > FraudProof.batchesMax) throw new MalformedCheckpointException("fraud proof carries " + batchCount + " batches");
            List<Batch> batches = new ArrayList<>(batchCount);
            for (int b = 0; b < batchCount; b++) batches.add(readBatchBody(buffer));
            Digest pre = digest(buffer);
            Digest recomputed = digest(buffer);
            FraudProof.Offence offence = null;
            int flag = buffer.get();
            if (flag == 1) {
                long batch = buffer.getLong();
                int request = buffer.getInt();
                long lo = buffer.getLong();
                long hi = buffer.getLong();
                long number = buffer.getLong();
                int rule = Byte.toUnsignedInt(buffer.get());
                if (rule >= RequestResult.values().length) throw new MalformedCheckpointException("unknown rule " + rule);
                offence = new FraudProof.Offence(batch, request, new UInt128(hi, lo), number, RequestResult.values()[rule]);
            } else if (flag != 0) {
                throw new MalformedCheckpointException("offence flag " + flag + " is neither 0 nor 1");
            }
            byte[] signature = bytes(buffer, Short.toUnsignedInt(buffer.getShort()), signatureBytesMax, "signature");
            end(buffer);
            return new FraudProof(verifier, certificate, batches, pre, recomputed, offence, signature);
        } catch (BufferUnderflowException e) {
            throw new MalformedCheckpointException("fraud proof of " + in.length + " bytes is truncated");
        }
    }

    /** A committed ledger batch, as a verifier fetches it from a validator. */
    public static byte[] encode(Batch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        writeBatchBody(out, batch);
        return out.toByteArray();
    }

    public static Batch decodeBatch(byte[] in) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
            version(buffer);
            Batch batch = readBatchBody(buffer);
            end(buffer);
            return batch;
        } catch (BufferUnderflowException e) {
            throw new MalformedCheckpointException("batch of " + in.length + " bytes is truncated");
        }
    }

    /**
     * sequence (u64) || timestamp (u64) || request count (u32) || each request: length (u32) || canonical encoding.
     * Also what {@link FraudProof#digestOf} hashes, so a proof's batches and a validator's compare byte for byte.
     */
    static void writeBatchBody(ByteArrayOutputStream out, Batch batch) {
        out.writeBytes(ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(batch.sequence()).putLong(batch.timestamp())
                .putInt(batch.requests().size()).array());
        for (SettlementRequest request : batch.requests()) {
            byte[] encoded = RequestCodec.encode(request);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(encoded.length).array());
            out.writeBytes(encoded);
        }
    }

    private static Batch readBatchBody(ByteBuffer buffer) {
        long sequence = buffer.getLong();
        long timestamp = buffer.getLong();
        int count = buffer.getInt();
        if (count < 0 || count > requestsPerBatchMax) throw new MalformedCheckpointException("batch holds " + count + " requests");
        List<SettlementRequest> requests = new ArrayList<>(Math.min(count, 1024));
        for (int r = 0; r < count; r++) {
            byte[] encoded = bytes(buffer, buffer.getInt(), RequestCodec.requestBytesMax, "request");
            try {
                requests.add(RequestCodec.decode(encoded));
            } catch (LedgerCodecException e) {
                throw new MalformedCheckpointException("request " + r + " of batch " + sequence + ": " + e.getMessage());
            }
        }
        return new Batch(sequence, timestamp, requests);
    }

    private static void version(ByteBuffer buffer) {
        int version = buffer.get();
        if (version != VERSION) throw new MalformedCheckpointException("version " + version + " is not " + VERSION);
    }

    private static Digest digest(ByteBuffer buffer) {
        byte[] bytes = new byte[Digest.BYTES];
        buffer.get(bytes);
        return Digest.of(bytes);
    }

    private static byte[] bytes(ByteBuffer buffer, int length, int max, String what) {
        if (length < 0 || length > max || length > buffer.remaining()) {
            throw new MalformedCheckpointException(what + " length " + length + " is beyond its bound or the " + buffer.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }

    private static void end(ByteBuffer buffer) {
        if (buffer.hasRemaining()) throw new MalformedCheckpointException(buffer.remaining() + " bytes after the end");
    }
}
