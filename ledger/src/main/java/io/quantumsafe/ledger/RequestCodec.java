package io.quantumsafe.ledger;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Canonical encoding of a {@link SettlementRequest}, checked before anything is allocated:
 *
 * <pre>
 * magic "QSRQ" 0 | version 4 (=1) | reserved 5..7 (zero) | network_id 8 (u32) | client_id 12 (u128)
 * | request_number 28 (u64) | account_count 36 (u16) | transfer_count 38 (u16) | reserved 40..47 (zero)
 * | accounts (128 bytes each) | transfers (128 bytes each) | signature_length (u16) | signature
 * </pre>
 * Little-endian. The signature covers {@code DOMAIN || bytes before signature_length}; the domain tag
 * keeps a request signature from being valid as any other message signed with the same key.
 */
public final class RequestCodec {
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 48;
    /** TigerBeetle's batch size: the most events one request may carry. */
    public static final int eventsMax = 8190;
    /** ML-DSA-87's signature, the largest a client key may produce. */
    public static final int signatureBytesMax = 4627;
    public static final int requestBytesMax = HEADER_BYTES + eventsMax * RecordCodec.RECORD_BYTES + 2 + signatureBytesMax;
    static final byte[] MAGIC = {'Q', 'S', 'R', 'Q'};
    static final byte[] DOMAIN = "QSAFE-SETTLEMENT-REQUEST-V1\0".getBytes(StandardCharsets.US_ASCII);

    private RequestCodec() {}

    public static byte[] encode(SettlementRequest request) {
        byte[] body = encodeBody(request);
        byte[] signature = request.signature();
        if (signature.length > signatureBytesMax) {
            throw new LedgerCodecException("signature is " + signature.length + " bytes, at most " + signatureBytesMax);
        }
        byte[] out = new byte[body.length + 2 + signature.length];
        System.arraycopy(body, 0, out, 0, body.length);
        RecordCodec.SHORT.set(out, body.length, (short) signature.length);
        System.arraycopy(signature, 0, out, body.length + 2, signature.length);
        return out;
    }

    /** What the client signs: the domain tag and everything but the signature. */
    public static byte[] signingMessage(SettlementRequest request) {
        byte[] body = encodeBody(request);
        byte[] message = new byte[DOMAIN.length + body.length];
        System.arraycopy(DOMAIN, 0, message, 0, DOMAIN.length);
        System.arraycopy(body, 0, message, DOMAIN.length, body.length);
        return message;
    }

    private static byte[] encodeBody(SettlementRequest request) {
        int events = request.eventCount();
        if (events > eventsMax) throw new LedgerCodecException("request has " + events + " events, at most " + eventsMax);
        byte[] out = new byte[HEADER_BYTES + events * RecordCodec.RECORD_BYTES];
        System.arraycopy(MAGIC, 0, out, 0, 4);
        out[4] = VERSION;
        RecordCodec.INT.set(out, 8, request.networkId());
        RecordCodec.putU128(out, 12, request.clientId());
        RecordCodec.LONG.set(out, 28, request.requestNumber());
        RecordCodec.SHORT.set(out, 36, (short) request.accounts().size());
        RecordCodec.SHORT.set(out, 38, (short) request.transfers().size());
        int offset = HEADER_BYTES;
        for (Account account : request.accounts()) {
            RecordCodec.writeAccount(account, out, offset);
            offset += RecordCodec.RECORD_BYTES;
        }
        for (Transfer transfer : request.transfers()) {
            RecordCodec.writeTransfer(transfer, out, offset);
            offset += RecordCodec.RECORD_BYTES;
        }
        return out;
    }

    /**
     * Decodes a request, rejecting any deviation from the canonical form: wrong magic or version,
     * non-zero reserved bytes, counts beyond {@link #eventsMax}, a length that does not match the
     * counts exactly. Lengths are checked from the header before any record is read.
     */
    public static SettlementRequest decode(byte[] in) {
        if (in.length < HEADER_BYTES + 2) throw new LedgerCodecException("request is " + in.length + " bytes, shorter than its header");
        if (in.length > requestBytesMax) {
            throw new LedgerCodecException("request is " + in.length + " bytes, more than the largest valid request (" + requestBytesMax + ")");
        }
        for (int i = 0; i < 4; i++) {
            if (in[i] != MAGIC[i]) throw new LedgerCodecException("not a settlement request: bad magic");
        }
        if (in[4] != VERSION) throw new LedgerCodecException("request version " + in[4] + " is not supported (expected " + VERSION + ")");
        if (in[5] != 0 || in[6] != 0 || in[7] != 0 || (long) RecordCodec.LONG.get(in, 40) != 0) {
            throw new LedgerCodecException("request reserved bytes are not zero");
        }
        int accountCount = Short.toUnsignedInt((short) RecordCodec.SHORT.get(in, 36));
        int transferCount = Short.toUnsignedInt((short) RecordCodec.SHORT.get(in, 38));
        if (accountCount + transferCount > eventsMax) {
            throw new LedgerCodecException("request has " + (accountCount + transferCount) + " events, at most " + eventsMax);
        }
        int bodyBytes = HEADER_BYTES + (accountCount + transferCount) * RecordCodec.RECORD_BYTES;
        if (in.length < bodyBytes + 2) throw new LedgerCodecException("request is truncated: its header announces " + bodyBytes + " bytes of records");
        int signatureBytes = Short.toUnsignedInt((short) RecordCodec.SHORT.get(in, bodyBytes));
        if (signatureBytes > signatureBytesMax) throw new LedgerCodecException("signature length " + signatureBytes + " exceeds " + signatureBytesMax);
        if (in.length != bodyBytes + 2 + signatureBytes) {
            throw new LedgerCodecException("request is " + in.length + " bytes; its header and signature length say " + (bodyBytes + 2 + signatureBytes));
        }
        List<Account> accounts = new ArrayList<>(accountCount);
        int offset = HEADER_BYTES;
        for (int i = 0; i < accountCount; i++, offset += RecordCodec.RECORD_BYTES) accounts.add(RecordCodec.readAccount(in, offset));
        List<Transfer> transfers = new ArrayList<>(transferCount);
        for (int i = 0; i < transferCount; i++, offset += RecordCodec.RECORD_BYTES) transfers.add(RecordCodec.readTransfer(in, offset));
        byte[] signature = java.util.Arrays.copyOfRange(in, bodyBytes + 2, in.length);
        return new SettlementRequest((int) RecordCodec.INT.get(in, 8), RecordCodec.u128(in, 12), (long) RecordCodec.LONG.get(in, 28),
                accounts, transfers, signature);
    }
}
