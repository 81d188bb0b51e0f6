package io.quantumsafe.consensus.committee;

import io.quantumsafe.crypto.Algorithm;
import io.quantumsafe.crypto.CryptoException;
import io.quantumsafe.crypto.KeyCodec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The committee file: one validator per line, in index order.
 *
 * <pre>
 * # comment
 * validator &lt;name&gt; &lt;region&gt; ML-DSA-65 &lt;base64 X.509 SubjectPublicKeyInfo&gt;
 * </pre>
 *
 * Only ML-DSA-65 keys are accepted: a node configuration can never select the simulator's insecure
 * scheme, because that scheme has no key format here.
 */
public final class CommitteeFile {
    /** Longest accepted file: 1024 validators with ML-DSA-87-sized keys and names fit easily. */
    public static final int fileCharsMax = 8 * 1024 * 1024;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Algorithm ALGORITHM = Algorithm.ML_DSA_65;

    private CommitteeFile() {}

    static boolean isToken(String s) { return TOKEN.matcher(s).matches(); }

    /** Parses a committee file; every problem is a {@link CommitteeException} naming the line. */
    public static Committee parse(String text) {
        if (text.length() > fileCharsMax) throw new CommitteeException("committee file is longer than " + fileCharsMax + " characters");
        List<Validator> validators = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            validators.add(parseLine(line, i + 1, validators.size()));
        }
        try {
            return Committee.of(validators);
        } catch (IllegalArgumentException e) {
            throw new CommitteeException("committee file: " + e.getMessage());
        }
    }

    private static Validator parseLine(String line, int lineNumber, int index) {
        String[] fields = line.split("\\s+");
        String where = "committee file line " + lineNumber + ": ";
        if (fields.length != 5 || !fields[0].equals("validator")) {
            throw new CommitteeException(where + "expected 'validator <name> <region> ML-DSA-65 <base64 key>'");
        }
        if (!fields[3].equals(ALGORITHM.displayName())) {
            throw new CommitteeException(where + "algorithm must be " + ALGORITHM.displayName() + ", not " + fields[3]);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(fields[4]);
            KeyCodec.decodePublicKey(ALGORITHM, key);
        } catch (IllegalArgumentException | CryptoException e) {
            throw new CommitteeException(where + "public key is not a base64 " + ALGORITHM.displayName() + " key: " + e.getMessage());
        }
        try {
            return new Validator(index, fields[1], fields[2], key);
        } catch (IllegalArgumentException e) {
            throw new CommitteeException(where + e.getMessage());
        }
    }

    /** The file text for {@code committee} (whose keys are ML-DSA-65 SubjectPublicKeyInfos). */
    public static String format(Committee committee) {
        StringBuilder out = new StringBuilder("# QuantumSafe committee: validator <name> <region> <algorithm> <base64 SubjectPublicKeyInfo>\n");
        for (Validator v : committee.validators()) {
            out.append("validator ").append(v.name()).append(' ').append(v.region()).append(' ')
                    .append(ALGORITHM.displayName()).append(' ').append(Base64.getEncoder().encodeToString(v.publicKey())).append('\n');
        }
        return out.toString();
    }
}
