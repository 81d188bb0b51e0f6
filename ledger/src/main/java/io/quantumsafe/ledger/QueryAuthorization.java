package io.quantumsafe.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How a client proves who is asking when it reads from a validator (accounts, transfers, receipts):
 * an HTTP header signed with the same ML-DSA key that signs its settlement requests.
 *
 * <pre>
 * Authorization: QSafe-Sig client=&lt;decimal client id&gt;, time=&lt;ms since the epoch&gt;, signature=&lt;base64&gt;
 * signed: DOMAIN || network_id (u32) || client_id (u128) || time (u64) || method || ' ' || path[?query]   (little-endian)
 * </pre>
 *
 * The domain tag differs from {@link RequestCodec}'s, so a query signature is never a valid request
 * signature or the other way round. The signed target binds the signature to one URL: replaying it
 * within the validator's clock-skew allowance returns only what the same URL already returned.
 *
 * @param client    the client id claimed
 * @param time      the client's clock when it signed, milliseconds since the epoch
 * @param signature ML-DSA signature over {@link #signingMessage}
 */
public record QueryAuthorization(UInt128 client, long time, byte[] signature) {
    public static final String SCHEME = "QSafe-Sig";
    /** Longer than any header this scheme makes (ML-DSA-87 signature in base64 and the two numbers). */
    public static final int headerCharsMax = 8192;
    static final byte[] DOMAIN = "QSAFE-SETTLEMENT-QUERY-V1\0".getBytes(StandardCharsets.US_ASCII);

    public QueryAuthorization {
        if (signature.length == 0 || signature.length > RequestCodec.signatureBytesMax) {
            throw new LedgerCodecException("query signature is " + signature.length + " bytes, expected 1.." + RequestCodec.signatureBytesMax);
        }
    }

    /** What the client signs for {@code method target} (target: the raw path and query, as sent). */
    public static byte[] signingMessage(int networkId, UInt128 client, long time, String method, String target) {
        byte[] request = (method + " " + target).getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[DOMAIN.length + 4 + 16 + 8 + request.length];
        System.arraycopy(DOMAIN, 0, out, 0, DOMAIN.length);
        int at = DOMAIN.length;
        RecordCodec.INT.set(out, at, networkId);
        RecordCodec.putU128(out, at + 4, client);
        RecordCodec.LONG.set(out, at + 20, time);
        System.arraycopy(request, 0, out, at + 28, request.length);
        return out;
    }

    /** The {@code Authorization} header value. */
    public String header() {
        return SCHEME + " client=" + client + ", time=" + time + ", signature=" + Base64.getEncoder().encodeToString(signature);
    }

    /**
     * Parses an {@code Authorization} header value of this scheme.
     *
     * @throws LedgerCodecException if it is not one, with what is wrong
     */
    public static QueryAuthorization parse(String header) {
        if (header == null) throw new LedgerCodecException("no Authorization header");
        if (header.length() > headerCharsMax) throw new LedgerCodecException("Authorization header longer than " + headerCharsMax + " characters");
        if (!header.startsWith(SCHEME + " ")) throw new LedgerCodecException("Authorization scheme is not " + SCHEME);
        String client = null, time = null, signature = null;
        for (String part : header.substring(SCHEME.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) throw new LedgerCodecException("Authorization parameter without '=': '" + part.strip() + "'");
            String name = part.substring(0, eq).strip(), value = part.substring(eq + 1).strip();
            switch (name) {
                case "client" -> client = value;
                case "time" -> time = value;
                case "signature" -> signature = value;
                default -> throw new LedgerCodecException("unknown Authorization parameter '" + name + "'");
            }
        }
        if (client == null || time == null || signature == null) {
            throw new LedgerCodecException("Authorization needs client, time and signature");
        }
        try {
            return new QueryAuthorization(UInt128.parse(client), Long.parseLong(time), Base64.getDecoder().decode(signature));
        } catch (LedgerCodecException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new LedgerCodecException("malformed Authorization: " + e.getMessage());
        }
    }
}
