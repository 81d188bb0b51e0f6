package io.quantumsafe.tls.ca;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.Signer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * Bouncy Castle's certificate builder signing through the crypto engine, so that CA signatures use
 * the engine's provider choice and reach its observers like every other signature.
 */
final class EngineContentSigner implements ContentSigner {
    /** The largest to-be-signed certificate we build is a few KB; the bound catches a runaway builder. */
    private static final int tbsBytesMax = 64 * 1024;

    private final Signer signer;
    private final AlgorithmIdentifier algorithmIdentifier;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    EngineContentSigner(Signer signer) {
        this.signer = signer;
        this.algorithmIdentifier = signatureAlgorithm(signer.algorithm());
    }

    /** The X.509 signatureAlgorithm for each CA key type (RFC 9881 for ML-DSA: no parameters, empty context). */
    static AlgorithmIdentifier signatureAlgorithm(Algorithm algorithm) {
        String oid = switch (algorithm) {
            case ML_DSA_44 -> "2.16.840.1.101.3.4.3.17";
            case ML_DSA_65 -> "2.16.840.1.101.3.4.3.18";
            case ML_DSA_87 -> "2.16.840.1.101.3.4.3.19";
            case ECDSA_P256 -> "1.2.840.10045.4.3.2";
            case ED25519 -> "1.3.101.112";
            case ML_DSA_65_ED25519 -> "1.3.6.1.5.5.7.6.48";
            default -> throw new IllegalArgumentException(algorithm + " cannot sign certificates here; use ML-DSA, the composite or ECDSA P-256");
        };
        return new AlgorithmIdentifier(new ASN1ObjectIdentifier(oid));
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() { return algorithmIdentifier; }

    @Override
    public OutputStream getOutputStream() { return buffer; }

    @Override
    public byte[] getSignature() {
        if (buffer.size() > tbsBytesMax) throw new IllegalStateException("to-be-signed certificate exceeds " + tbsBytesMax + " bytes");
        byte[] signature = signer.sign(buffer.toByteArray());
        buffer.reset();
        return signature;
    }
}
