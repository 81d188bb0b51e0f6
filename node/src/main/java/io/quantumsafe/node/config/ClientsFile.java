package io.quantumsafe.node.config;

import io.quantumsafe.crypto.KeyCodec;
import io.quantumsafe.crypto.PublicKey;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.UInt128;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The clients allowed to submit requests (genesis of the ledger): one line per client,
 * {@code client <decimal id> <base64 SubjectPublicKeyInfo>}; {@code #} starts a comment. Every
 * validator must load the same file to compute the same state roots.
 */
public final class ClientsFile {
    public static final int fileCharsMax = 64 * 1024 * 1024;

    private ClientsFile() {}

    public static List<ClientKey> parse(String text) {
        if (text.length() > fileCharsMax) throw new ConfigException("clients file exceeds " + fileCharsMax + " characters");
        List<ClientKey> clients = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] fields = line.split("\\s+");
            String where = "clients file line " + (i + 1) + ": ";
            if (fields.length != 3 || !fields[0].equals("client")) throw new ConfigException(where + "expected 'client <id> <base64 public key>'");
            try {
                PublicKey key = KeyCodec.decodePublicKey(Base64.getDecoder().decode(fields[2]));
                clients.add(new ClientKey(UInt128.parse(fields[1]), key));
            } catch (RuntimeException e) {
                throw new ConfigException(where + e.getMessage());
            }
        }
        return clients;
    }

    public static String format(List<ClientKey> clients) {
        StringBuilder out = new StringBuilder("# QuantumSafe settlement clients: client <id> <ML-DSA SubjectPublicKeyInfo, base64>\n");
        for (ClientKey c : clients) {
            out.append("client ").append(c.clientId()).append(' ').append(Base64.getEncoder().encodeToString(c.publicKey().encoded())).append('\n');
        }
        return out.toString();
    }
}
