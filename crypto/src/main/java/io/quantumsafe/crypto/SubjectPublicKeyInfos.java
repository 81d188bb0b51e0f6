package io.quantumsafe.crypto;

import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Canonical SubjectPublicKeyInfo encodings. Every supported algorithm has a fixed raw key length,
 * so its DER header is a constant: encoding is one array copy instead of an ASN.1 build.
 */
final class SubjectPublicKeyInfos {
    private static final Map<Algorithm, byte[]> PREFIXES = prefixes();

    private SubjectPublicKeyInfos() {}

    static byte[] encode(Algorithm algorithm, byte[] raw) {
        byte[] prefix = PREFIXES.get(algorithm);
        if (prefix == null) throw new UnsupportedAlgorithmException(algorithm + " has no SubjectPublicKeyInfo form");
        return KeyCodec.concat(prefix, raw);
    }

    private static Map<Algorithm, byte[]> prefixes() {
        Map<Algorithm, byte[]> prefixes = new EnumMap<>(Algorithm.class);
        for (Algorithm algorithm : Algorithm.values()) {
            if (algorithm.oid().isEmpty()) continue;
            try {
                byte[] zeros = new byte[algorithm.publicKeyBytes()];
                byte[] der = new SubjectPublicKeyInfo(KeyCodec.algorithmIdentifier(algorithm), zeros)
                        .getEncoded(ASN1Encoding.DER);
                prefixes.put(algorithm, Arrays.copyOf(der, der.length - zeros.length));
            } catch (IOException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
        return prefixes;
    }
}
