package io.quantumsafe.consensus.message;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import io.quantumsafe.consensus.message.Message.CertificateMessage;
import io.quantumsafe.consensus.message.Message.HeaderMessage;
import io.quantumsafe.consensus.message.Message.SyncRequest;
import io.quantumsafe.consensus.message.Message.SyncResponse;
import io.quantumsafe.consensus.message.Message.VoteMessage;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The canonical binary encoding of messages: little-endian, fixed layouts, every count bounded by
 * {@link CodecLimits} and checked before allocation, no trailing bytes, reserved bits zero, so that
 * every valid message has exactly one encoding (the property test checks decode-then-encode).
 *
 * <pre>
 * message     = version:u8 (1) | type:u8 | body
 * header      = author:u16 | round:u64 | nBatches:u16 | digest*nBatches | nParents:u16 | digest*nParents
 * batch       = length:u32 | bytes
 * vote        = headerDigest:32 | author:u16 | round:u64 | voter:u16 | sigLength:u16 | signature
 * certificate = header | bitmapLength:u16 (= ceil(n/8)) | bitmap (bit i = validator i, LSB first) | proofLength:u32 | proof
 * 1 header    = header | nBatches:u16 | batch*nBatches     (same count and order as the header's digests)
 * 2 vote      = vote
 * 3 cert      = certificate
 * 4 sync req  = nCertificates:u16 | digest* | nBatches:u16 | digest*
 * 5 sync resp = nCertificates:u16 | certificate* | nBatches:u16 | batch*
 * </pre>
 */
public final class MessageCodec {
    public static final int VERSION = 1;
    private static final int TYPE_HEADER = 1, TYPE_VOTE = 2, TYPE_CERTIFICATE = 3, TYPE_SYNC_REQUEST = 4, TYPE_SYNC_RESPONSE = 5;
    private static final int DIGEST = Digest.BYTES;

    private MessageCodec() {}

    // ---------------------------------------------------------------- sizes

    public static int headerBytes(int batches, int parents) { return 2 + 8 + 2 + DIGEST * batches + 2 + DIGEST * parents; }

    public static int quorumSignatureBytes(int committeeSize, int proofBytes) { return 2 + bitmapBytes(committeeSize) + 4 + proofBytes; }

    private static int bitmapBytes(int committeeSize) { return (committeeSize + 7) / 8; }

    private static int batchesBytes(List<Batch> batches) {
        int total = 2;
        for (Batch b : batches) total += 4 + b.sizeBytes();
        return total;
    }

    /** Encoded size of {@code message} in a committee of {@code committeeSize}, without encoding it. */
    public static int encodedBytes(Message message, int committeeSize) {
        return 2 + switch (message) {
            case HeaderMessage m -> m.header().encodedBytes() + batchesBytes(m.batches());
            case VoteMessage m -> DIGEST + 2 + 8 + 2 + 2 + m.vote().signatureLength();
            case CertificateMessage m -> m.certificate().encodedBytes(committeeSize);
            case SyncRequest m -> 2 + DIGEST * m.certificates().size() + 2 + DIGEST * m.batches().size();
            case SyncResponse m -> {
                int total = 2;
                for (Certificate c : m.certificates()) total += c.encodedBytes(committeeSize);
                yield total + batchesBytes(m.batches());
            }
        };
    }

    // ---------------------------------------------------------------- encoding

    static byte[] encodeHeader(Header header) {
        ByteBuffer out = allocate(header.encodedBytes());
        putHeader(out, header);
        return out.array();
    }

    public static byte[] encode(Message message, int committeeSize) {
        ByteBuffer out = allocate(encodedBytes(message, committeeSize));
        out.put((byte) VERSION);
        switch (message) {
            case HeaderMessage m -> {
                out.put((byte) TYPE_HEADER);
                putHeader(out, m.header());
                putBatches(out, m.batches());
            }
            case VoteMessage m -> {
                out.put((byte) TYPE_VOTE);
                Vote v = m.vote();
                putDigest(out, v.headerDigest());
                out.putShort((short) v.author()).putLong(v.round()).putShort((short) v.voter());
                out.putShort((short) v.signatureLength()).put(v.signatureUnsafe());
            }
            case CertificateMessage m -> {
                out.put((byte) TYPE_CERTIFICATE);
                putCertificate(out, m.certificate(), committeeSize);
            }
            case SyncRequest m -> {
                out.put((byte) TYPE_SYNC_REQUEST);
                putDigests(out, m.certificates());
                putDigests(out, m.batches());
            }
            case SyncResponse m -> {
                out.put((byte) TYPE_SYNC_RESPONSE);
                out.putShort((short) m.certificates().size());
                for (Certificate c : m.certificates()) putCertificate(out, c, committeeSize);
                putBatches(out, m.batches());
            }
        }
        if (out.hasRemaining()) throw new IllegalStateException("encoded size mismatch for " + message.kind());
        return out.array();
    }

    private static ByteBuffer allocate(int bytes) { return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN); }

    private static void putHeader(ByteBuffer out, Header h) {
        out.putShort((short) h.author()).putLong(h.round());
        putDigests(out, h.batchDigests());
        putDigests(out, h.parents());
    }

    private static void putDigests(ByteBuffer out, List<Digest> digests) {
        out.putShort((short) digests.size());
        for (Digest d : digests) putDigest(out, d);
    }

    private static void putDigest(ByteBuffer out, Digest d) {
        d.writeTo(out.array(), out.position());
        out.position(out.position() + DIGEST);
    }

    private static void putBatches(ByteBuffer out, List<Batch> batches) {
        out.putShort((short) batches.size());
        for (Batch b : batches) {
            out.putInt(b.sizeBytes());
            b.copyTo(out.array(), out.position());
            out.position(out.position() + b.sizeBytes());
        }
    }

    private static void putCertificate(ByteBuffer out, Certificate c, int committeeSize) {
        putHeader(out, c.header());
        byte[] bitmap = new byte[bitmapBytes(committeeSize)];
        byte[] set = c.signatures().signers().toByteArray();
        if (set.length > bitmap.length) throw new IllegalArgumentException("signer index beyond the committee");
        System.arraycopy(set, 0, bitmap, 0, set.length);
        out.putShort((short) bitmap.length).put(bitmap);
        out.putInt(c.signatures().proofBytes()).put(c.signatures().proof());
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes one message, or says why the bytes are not one. Never throws anything else. */
    public static Message decode(byte[] bytes, CodecLimits limits) throws MalformedMessageException {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        try {
            int version = in.get() & 0xff;
            if (version != VERSION) throw new MalformedMessageException("unknown message version " + version);
            int type = in.get() & 0xff;
            Message message = switch (type) {
                case TYPE_HEADER -> readHeaderMessage(in, limits);
                case TYPE_VOTE -> new VoteMessage(readVote(in, limits));
                case TYPE_CERTIFICATE -> new CertificateMessage(readCertificate(in, limits));
                case TYPE_SYNC_REQUEST -> new SyncRequest(readDigests(in, limits.syncItemsMax(), "sync certificates"),
                        readDigests(in, limits.syncItemsMax(), "sync batches"));
                case TYPE_SYNC_RESPONSE -> readSyncResponse(in, limits);
                default -> throw new MalformedMessageException("unknown message type " + type);
            };
            if (in.hasRemaining()) throw new MalformedMessageException(in.remaining() + " trailing bytes after a " + message.kind());
            return message;
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("message is truncated (" + bytes.length + " bytes)");
        }
    }

    private static HeaderMessage readHeaderMessage(ByteBuffer in, CodecLimits limits) throws MalformedMessageException {
        Header header = readHeader(in, limits);
        List<Batch> batches = readBatches(in, limits.batchesPerHeaderMax(), limits.batchBytesMax());
        if (batches.size() != header.batchDigests().size()) {
            throw new MalformedMessageException("header names " + header.batchDigests().size() + " batches but carries " + batches.size());
        }
        return new HeaderMessage(header, batches);
    }

    private static Header readHeader(ByteBuffer in, CodecLimits limits) throws MalformedMessageException {
        int author = readIndex(in, limits, "author");
        long round = in.getLong();
        if (round < 0) throw new MalformedMessageException("round is negative");
        List<Digest> batches = readDigests(in, limits.batchesPerHeaderMax(), "batch digests");
        List<Digest> parents = readDigests(in, limits.committeeSize(), "parents");
        return new Header(author, round, batches, parents);
    }

    private static Vote readVote(ByteBuffer in, CodecLimits limits) throws MalformedMessageException {
        Digest digest = readDigest(in);
        int author = readIndex(in, limits, "author");
        long round = in.getLong();
        if (round < 0) throw new MalformedMessageException("round is negative");
        int voter = readIndex(in, limits, "voter");
        int length = in.getShort() & 0xffff;
        int signatureMax = limits.proofBytesMax() / limits.committeeSize();
        if (length > signatureMax) throw new MalformedMessageException("vote signature of " + length + " bytes exceeds " + signatureMax);
        byte[] signature = readBytes(in, length);
        return new Vote(digest, author, round, voter, signature);
    }

    private static Certificate readCertificate(ByteBuffer in, CodecLimits limits) throws MalformedMessageException {
        Header header = readHeader(in, limits);
        int bitmapLength = in.getShort() & 0xffff;
        if (bitmapLength != bitmapBytes(limits.committeeSize())) {
            throw new MalformedMessageException("signer bitmap of " + bitmapLength + " bytes, expected " + bitmapBytes(limits.committeeSize()));
        }
        BitSet signers = BitSet.valueOf(readBytes(in, bitmapLength));
        if (signers.length() > limits.committeeSize()) throw new MalformedMessageException("signer bitmap names a validator beyond the committee");
        int proofLength = in.getInt();
        if (proofLength < 0 || proofLength > limits.proofBytesMax()) {
            throw new MalformedMessageException("certificate proof of " + Integer.toUnsignedString(proofLength) + " bytes exceeds " + limits.proofBytesMax());
        }
        return new Certificate(header, new QuorumSignature(signers, readBytes(in, proofLength)));
    }

    private static SyncResponse readSyncResponse(ByteBuffer in, CodecLimits limits) throws MalformedMessageException {
        int count = readCount(in, limits.syncItemsMax(), "sync certificates");
        List<Certificate> certificates = new ArrayList<>(count);
        for (int i = 0; i < count; i++) certificates.add(readCertificate(in, limits));
        return new SyncResponse(certificates, readBatches(in, limits.syncItemsMax(), limits.batchBytesMax()));
    }

    private static List<Batch> readBatches(ByteBuffer in, int countMax, int bytesMax) throws MalformedMessageException {
        int count = readCount(in, countMax, "batches");
        List<Batch> batches = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = in.getInt();
            if (length < 0 || length > bytesMax) throw new MalformedMessageException("batch of " + Integer.toUnsignedString(length) + " bytes exceeds " + bytesMax);
            batches.add(Batch.wrap(readBytes(in, length)));
        }
        return batches;
    }

    private static List<Digest> readDigests(ByteBuffer in, int countMax, String what) throws MalformedMessageException {
        int count = readCount(in, countMax, what);
        if (in.remaining() < count * DIGEST) throw new MalformedMessageException(what + " are truncated");
        List<Digest> digests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) digests.add(readDigest(in));
        return digests;
    }

    private static int readCount(ByteBuffer in, int countMax, String what) throws MalformedMessageException {
        int count = in.getShort() & 0xffff;
        if (count > countMax) throw new MalformedMessageException(count + " " + what + " exceed the limit of " + countMax);
        return count;
    }

    private static int readIndex(ByteBuffer in, CodecLimits limits, String what) throws MalformedMessageException {
        int index = in.getShort() & 0xffff;
        if (index >= limits.committeeSize()) throw new MalformedMessageException(what + " " + index + " is not in the committee of " + limits.committeeSize());
        return index;
    }

    private static Digest readDigest(ByteBuffer in) {
        if (in.remaining() < DIGEST) throw new BufferUnderflowException();
        Digest d = Digest.read(in.array(), in.position());
        in.position(in.position() + DIGEST);
        return d;
    }

    private static byte[] readBytes(ByteBuffer in, int length) {
        if (in.remaining() < length) throw new BufferUnderflowException();
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
