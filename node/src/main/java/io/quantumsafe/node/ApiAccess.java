package io.quantumsafe.node;

import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.Verifier;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.LedgerCodecException;
import io.quantumsafe.ledger.QueryAuthorization;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.node.config.OperatorToken;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Who is asking the client API. Submissions carry their own ML-DSA signature; every read but
 * {@code /health} must be signed the same way ({@link QueryAuthorization}) or present the operator's
 * bearer token. A client then sees only its own accounts, the transfers touching them and its own
 * requests, plus what every participant needs to check a receipt (state roots, checkpoints,
 * finality); the operator sees everything, {@code /metrics} included.
 */
final class ApiAccess {
    /** How far a query's signing time may be from the validator's clock, either way. */
    static final Duration clockSkewMax = Duration.ofMinutes(2);

    sealed interface Caller permits Operator, Client {}

    record Operator() implements Caller {}

    record Client(UInt128 id) implements Caller {}

    /** A read refused before anything was looked up: 401 with {@code result} and a message saying what to fix. */
    static final class Refused extends Exception {
        final String client;
        final String result;

        Refused(String client, String result, String message) {
            super(message, null, false, false);
            this.client = client;
            this.result = result;
        }
    }

    private final int networkId;
    private final Map<UInt128, ClientKey> clients = new HashMap<>();
    private final Map<UInt128, Verifier> verifiers = new ConcurrentHashMap<>();
    private final PqcEngine engine;
    private final byte[] operatorTokenSha256;
    private final LongSupplier clockMillis;

    ApiAccess(int networkId, List<ClientKey> clientKeys, PqcEngine engine, byte[] operatorTokenSha256, LongSupplier clockMillis) {
        this.networkId = networkId;
        this.engine = engine;
        this.operatorTokenSha256 = operatorTokenSha256 == null ? null : operatorTokenSha256.clone();
        this.clockMillis = clockMillis;
        for (ClientKey c : clientKeys) clients.put(c.clientId(), c);
    }

    /** The client's signature verifier, or null if the client is not in the clients file. */
    Verifier verifierOf(UInt128 client) {
        ClientKey key = clients.get(client);
        return key == null ? null : verifiers.computeIfAbsent(client, id -> engine.verifier(key.publicKey()));
    }

    /**
     * @param target        the raw path and query as received (what the client signed)
     * @param authorization the {@code Authorization} header, or null
     */
    Caller authenticate(String method, String target, String authorization) throws Refused {
        if (authorization == null) {
            throw new Refused("unknown", "unauthenticated", "sign the query with your client key (Authorization: "
                    + QueryAuthorization.SCHEME + " ...) or present the operator token (Authorization: Bearer ...)");
        }
        if (authorization.startsWith("Bearer ")) {
            if (operatorTokenSha256 == null) throw new Refused("operator", "bad_token", "this validator has no operator token configured (operator_token_sha256)");
            // Compared as digests, in constant time: the configured value is a hash, never the token.
            if (!MessageDigest.isEqual(OperatorToken.sha256(authorization.substring("Bearer ".length()).strip()), operatorTokenSha256)) {
                throw new Refused("operator", "bad_token", "the bearer token is not this network's operator token");
            }
            return new Operator();
        }
        QueryAuthorization query;
        try {
            query = QueryAuthorization.parse(authorization);
        } catch (LedgerCodecException e) {
            throw new Refused("unknown", "malformed_authorization", e.getMessage());
        }
        String client = query.client().toString();
        Verifier verifier = verifierOf(query.client());
        if (verifier == null) throw new Refused(client, "unknown_client", "client " + client + " is not a client of this network");
        long skew = Math.abs(clockMillis.getAsLong() - query.time());
        if (skew > clockSkewMax.toMillis()) {
            throw new Refused(client, "stale_query", "the query was signed " + skew + " ms away from this validator's clock (at most "
                    + clockSkewMax.toMillis() + "); sign each query when sending it and check the client's clock");
        }
        boolean valid;
        try {
            valid = verifier.verify(QueryAuthorization.signingMessage(networkId, query.client(), query.time(), method, target), query.signature());
        } catch (RuntimeException malformedSignature) {
            valid = false; // wrong length or structure: the engine refuses it with an exception rather than false
        }
        if (!valid) throw new Refused(client, "bad_signature", "the query signature does not verify with client " + client + "'s key");
        return new Client(query.client());
    }

    static boolean mayRead(Caller caller, Account account) { return isClient(caller, account.owner()); }

    static boolean isClient(Caller caller, UInt128 client) {
        return caller instanceof Operator || caller instanceof Client c && c.id().equals(client);
    }
}
