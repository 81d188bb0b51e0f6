package io.quantumsafe.node.config;

import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PublicKey;
import io.quantumsafe.node.finality.VerifierSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The verifiers a network listens to, in index order: one line per verifier,
 * {@code verifier <name> <base64 SubjectPublicKeyInfo of its ML-DSA-65 attestation key>}; {@code #}
 * starts a comment. Validators and clients load the same file to check attestations and fraud proofs.
 */
public final class VerifiersFile {
    public static final int fileCharsMax = 4 * 1024 * 1024;

    private VerifiersFile() {}

    public static List<VerifierSet.Member> parse(String text) {
        if (text.length() > fileCharsMax) throw new ConfigException("verifiers file exceeds " + fileCharsMax + " characters");
        List<VerifierSet.Member> members = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] fields = line.split("\\s+");
            String where = "verifiers file line " + (i + 1) + ": ";
            if (fields.length != 3 || !fields[0].equals("verifier")) throw new ConfigException(where + "expected 'verifier <name> <base64 public key>'");
            try {
                PublicKey key = KeyCodec.decodePublicKey(Base64.getDecoder().decode(fields[2]));
                members.add(new VerifierSet.Member(fields[1], key));
            } catch (RuntimeException e) {
                throw new ConfigException(where + e.getMessage());
            }
            if (members.size() > VerifierSet.verifiersMax) throw new ConfigException(where + "more than " + VerifierSet.verifiersMax + " verifiers");
        }
        return members;
    }

    public static VerifierSet load(String text, PqcEngine engine) {
        return new VerifierSet(parse(text), engine);
    }

    public static String format(List<VerifierSet.Member> members) {
        StringBuilder out = new StringBuilder("# QuantumSafe verifiers: verifier <name> <ML-DSA-65 SubjectPublicKeyInfo, base64>\n");
        for (VerifierSet.Member m : members) {
            out.append("verifier ").append(m.name()).append(' ').append(Base64.getEncoder().encodeToString(m.publicKey().encoded())).append('\n');
        }
        return out.toString();
    }
}
