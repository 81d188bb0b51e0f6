package io.quantumsafe.crypto;

/** Input checks shared by signers and verifiers, done before any provider sees the input. */
final class SignatureRules {
    /** FIPS 204 and 205: the context string is at most 255 bytes. */
    static final int contextBytesMax = 255;

    private SignatureRules() {}

    static void checkContext(Algorithm algorithm, byte[] context) {
        if (context.length > contextBytesMax) {
            throw new MalformedInputException("context string is " + context.length + " bytes; FIPS 204/205 allow at most "
                    + contextBytesMax);
        }
        if (context.length != 0 && !algorithm.supportsContext()) {
            throw new UnsupportedAlgorithmException(algorithm + " has no context strings; sign without one or use ML-DSA/SLH-DSA");
        }
    }

    /** True where the provider's JCA Signature accepts a ContextParameterSpec. */
    static boolean providerTakesContext(Algorithm algorithm, CryptoProvider provider) {
        return provider == CryptoProvider.BOUNCY_CASTLE && algorithm.supportsContext();
    }

    static boolean hasFixedLength(Algorithm algorithm) {
        return switch (algorithm) {
            case FN_DSA_512, FN_DSA_1024, ECDSA_P256 -> false;
            default -> true;
        };
    }

    static void checkSignatureLength(Algorithm algorithm, byte[] signature) {
        int max = algorithm.signatureBytesMax();
        boolean ok = hasFixedLength(algorithm) ? signature.length == max : signature.length > 0 && signature.length <= max;
        if (!ok) {
            throw new MalformedInputException(algorithm + " signature is " + signature.length + " bytes, expected "
                    + (hasFixedLength(algorithm) ? "" : "1 to ") + max);
        }
    }
}
