package io.quantumsafe.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.Verifier;
import io.quantumsafe.ledger.TransferProof;
import io.quantumsafe.ledger.ClientKey;
import io.quantumsafe.ledger.LedgerCodecException;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import io.quantumsafe.node.store.NodeStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The client API, plain HTTP on loopback (put the sidecar in front for PQ TLS to remote clients).
 *
 * <pre>
 * POST /v1/requests?wait=accepted|committed&amp;timeout_ms=N   body: a signed SettlementRequest, canonical bytes
 * GET  /v1/accounts/{id}   GET /v1/transfers/{id}   GET /v1/requests/{client}/{number}   GET /v1/state
 * GET  /health             GET /metrics
 * </pre>
 *
 * A request is verified (network, client, ML-DSA signature) before it is written to the mempool, and
 * "accepted" only once that write is durable. The same signed request again is answered with what
 * happened to it: retries are safe. Every read but {@code /health} is authenticated ({@link ApiAccess}):
 * a client sees what is its own, the operator everything.
 */
final class ClientApi implements AutoCloseable {
    static final long waitMillisMax = 60_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ClientApi.class);

    private final HttpServer server;
    private final Node node;
    private final NodeStore store;
    private final Outcomes outcomes;
    private final NodeEvents events;
    private final int networkId;
    private final ApiAccess access;
    private final Supplier<ObjectNode> health;
    private volatile boolean trustSignatures;

    ClientApi(InetSocketAddress listen, Node node, NodeStore store, Outcomes outcomes, NodeEvents events, int networkId,
              List<ClientKey> clientKeys, PqcEngine engine, byte[] operatorTokenSha256, Supplier<ObjectNode> health) throws IOException {
        this.node = node;
        this.store = store;
        this.outcomes = outcomes;
        this.events = events;
        this.networkId = networkId;
        this.health = health;
        this.access = new ApiAccess(networkId, clientKeys, engine, operatorTokenSha256, System::currentTimeMillis);
        // Nagle's algorithm off (read once, by the first server this JVM creates): otherwise an answer
        // written as headers and body waits for the client's delayed ACK, about 40 ms per request.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(listen, 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/requests", this::requests);
        server.createContext("/v1/accounts/", exchange -> lookup(exchange, (caller, id) -> node.withLedger(l -> l.account(id))
                .filter(a -> ApiAccess.mayRead(caller, a)).map(ApiJson::account)));
        server.createContext("/v1/transfers/", exchange -> lookup(exchange, (caller, id) -> node.withLedger(l -> l.transfer(id)
                .filter(t -> mayRead(l, caller, t))).map(ApiJson::transfer)));
        server.createContext("/v1/state", exchange -> {
            try (exchange) {
                if (caller(exchange) == null) return;
                String at = query(exchange.getRequestURI().getRawQuery()).get("sequence");
                if (at == null) {
                    respond(exchange, 200, state());
                    return;
                }
                byte[] root = node.rootAt(parseLong(at, -1));
                if (root == null) {
                    respond(exchange, 404, error("error", "not_found", "no recent state root for sequence " + at));
                    return;
                }
                ObjectNode o = JSON.createObjectNode();
                o.put("sequence", parseLong(at, -1));
                o.put("state_root", HexFormat.of().formatHex(root));
                respond(exchange, 200, o);
            }
        });
        server.createContext("/v1/receipts/", exchange -> {
            try (exchange) {
                ApiAccess.Caller caller = caller(exchange);
                if (caller != null) receipt(exchange, caller);
            }
        });
        server.createContext("/v1/checkpoints/", exchange -> {
            try (exchange) {
                if (caller(exchange) == null) return;
                String which = exchange.getRequestURI().getPath().substring("/v1/checkpoints/".length());
                Checkpoints.Certificate c = which.equals("latest") ? node.latestCheckpoint() : node.checkpoint(parseLong(which, -1));
                if (c == null) respond(exchange, 404, error("error", "not_found", "no certified checkpoint " + which));
                else respond(exchange, 200, ApiJson.checkpoint(networkId, c).put("stage", stage(c.sequence())));
            }
        });
        server.createContext("/v1/finality", exchange -> {
            try (exchange) {
                if (caller(exchange) == null) return;
                NodeFinality.Summary f = node.finality().summary();
                ObjectNode o = JSON.createObjectNode();
                o.put("last_final", f.lastFinal());
                o.put("committed", node.committedSequence());
                o.put("pending", f.pending());
                o.put("final_checkpoints", f.finalCount());
                o.put("final_by_attestation", f.attested());
                o.put("final_by_challenge_window", f.byWindow());
                o.put("reverts", f.reverts());
                o.put("last_revert_from", f.lastRevertFrom());
                o.put("final_at_last_revert", f.finalAtLastRevert());
                o.put("attestations_required", node.finality().config().attestationsRequired());
                o.put("challenge_window_ms", node.finality().config().challengeWindow().toMillis());
                o.put("verifiers", node.finality().verifiers().size());
                ObjectNode timing = o.putObject("commit_to_final_ms");
                timing.put("samples", f.samples());
                timing.put("p50", f.p50Millis());
                timing.put("p99", f.p99Millis());
                timing.put("max", f.maxMillis());
                respond(exchange, 200, o);
            }
        });
        server.createContext("/health", exchange -> respond(exchange, 200, health.get()));
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                ApiAccess.Caller caller = caller(exchange);
                if (caller == null) return;
                if (!(caller instanceof ApiAccess.Operator)) {
                    respond(exchange, 403, error("rejected", "forbidden", "metrics are for the operator: present the operator token"));
                    return;
                }
                byte[] body = events.registry().scrape().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    int port() { return server.getAddress().getPort(); }

    // ---------------------------------------------------------------- submit

    private void requests(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.startsWith("/v1/requests/")) {
                ApiAccess.Caller caller = caller(exchange);
                if (caller != null) outcomeOf(exchange, caller, path.substring("/v1/requests/".length()));
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405, error("rejected", "method_not_allowed", "POST a signed request"));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            boolean waitCommitted = !"accepted".equals(query.getOrDefault("wait", "committed"));
            long timeoutMillis = Math.min(waitMillisMax, parseLong(query.getOrDefault("timeout_ms", "30000"), 30_000));
            byte[] body = readBounded(exchange.getRequestBody(), RequestCodec.requestBytesMax);
            if (body == null) {
                respond(exchange, 413, error("rejected", "too_large", "a request is at most " + RequestCodec.requestBytesMax + " bytes"));
                return;
            }
            submit(exchange, body, waitCommitted, timeoutMillis);
        } catch (RuntimeException e) {
            log.error("client API failure on {}: {}", exchange.getRequestURI(), e.toString(), e);
            respond(exchange, 500, error("error", "internal", e.toString()));
        }
    }

    private void submit(HttpExchange exchange, byte[] body, boolean waitCommitted, long timeoutMillis) throws IOException {
        SettlementRequest request;
        try {
            request = RequestCodec.decode(body);
        } catch (LedgerCodecException e) {
            events.refused("unknown", "malformed");
            respond(exchange, 400, error("rejected", "malformed", e.getMessage()));
            return;
        }
        String client = request.clientId().toString();
        String refusal = admit(request, body);
        if (refusal != null) {
            events.refused(client, refusal);
            int status = switch (refusal) {
                case "bad_signature" -> 401;
                case "unknown_client" -> 403;
                case "request_number_replayed", "request_number_out_of_order" -> 409;
                default -> 400;
            };
            respond(exchange, status, error("rejected", refusal, "request " + request.requestNumber() + " of client " + client + " refused: " + refusal));
            return;
        }
        byte[] key = Outcomes.key(request.clientId(), request.requestNumber());
        Outcomes.Recorded done = outcomes.get(key);
        if (done != null) {
            respond(exchange, done.requestDigest().equals(Outcomes.digest(body)) ? 200 : 409, committed(done));
            return;
        }
        long acceptedAt = System.nanoTime();
        if (outcomes.markAccepted(key)) {
            if (node.pendingRequests() >= Node.pendingRequestsMax) {
                outcomes.unmarkAccepted(key);
                respond(exchange, 503, error("rejected", "busy", "the mempool is full; retry later"));
                return;
            }
            store.putRequest(key, body);
            if (!node.offerAccepted(key, body)) {
                // Durable already: it is proposed after a restart at the latest; tell the client to retry.
                respond(exchange, 503, error("accepted", "busy", "accepted durably but the node is saturated; retry to follow it"));
                return;
            }
            events.submitted(client, request.requestNumber(), request.eventCount());
        }
        if (!waitCommitted) {
            respond(exchange, 202, status("accepted"));
            return;
        }
        CompletableFuture<Outcomes.Recorded> future = outcomes.await(key);
        if (future == null) {
            respond(exchange, 202, status("accepted"));
            return;
        }
        try {
            Outcomes.Recorded outcome = future.get(timeoutMillis, TimeUnit.MILLISECONDS);
            events.commitLatency(Duration.ofNanos(System.nanoTime() - acceptedAt));
            respond(exchange, 200, committed(outcome));
        } catch (TimeoutException e) {
            outcomes.forget(key, future);
            respond(exchange, 504, error("accepted", "timeout", "accepted, not committed within " + timeoutMillis + " ms; retry the same request to keep waiting"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            respond(exchange, 500, error("accepted", "internal", String.valueOf(e.getCause())));
        }
    }

    /** Test fault trust-signatures: a colluding validator admits requests whatever their signature. */
    void trustSignatures() { trustSignatures = true; }

    /** The checks a request must pass before it may enter the mempool; null if it passes. */
    private String admit(SettlementRequest request, byte[] body) {
        if (request.networkId() != networkId) return "wrong_network";
        Verifier verifier = access.verifierOf(request.clientId());
        if (verifier == null) return "unknown_client";
        if (request.eventCount() == 0) return "empty";
        try {
            if (!trustSignatures && !verifier.verify(RequestCodec.signingMessage(request), request.signature())) return "bad_signature";
        } catch (RuntimeException malformedSignature) {
            // Wrong length or structure: the engine refuses it with an exception rather than false.
            return "bad_signature";
        }
        if (outcomes.contains(Outcomes.key(request.clientId(), request.requestNumber()))) return null;
        long last = node.withLedger(l -> l.lastRequestNumber(request.clientId()));
        if (Long.compareUnsigned(request.requestNumber(), last) <= 0) {
            return request.requestNumber() == last ? "request_number_replayed" : "request_number_out_of_order";
        }
        return null;
    }

    // ---------------------------------------------------------------- queries

    /**
     * The caller of this exchange, or null once it has been answered 401: a read without a valid
     * client signature or operator token learns nothing, not even whether what it asks for exists.
     */
    private ApiAccess.Caller caller(HttpExchange exchange) throws IOException {
        java.net.URI uri = exchange.getRequestURI();
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        try {
            return access.authenticate(exchange.getRequestMethod(), target, exchange.getRequestHeaders().getFirst("Authorization"));
        } catch (ApiAccess.Refused e) {
            events.queryRefused(e.client, e.result, target);
            exchange.getResponseHeaders().set("WWW-Authenticate", io.quantumsafe.ledger.QueryAuthorization.SCHEME + " realm=\"settlement\", Bearer realm=\"settlement\"");
            respond(exchange, 401, error("rejected", e.result, e.getMessage()));
            return null;
        }
    }

    /** A client reads a transfer that debits or credits one of its accounts; the operator reads any. Under the ledger lock. */
    private static boolean mayRead(io.quantumsafe.ledger.Ledger l, ApiAccess.Caller caller, Transfer t) {
        if (caller instanceof ApiAccess.Operator) return true;
        return l.account(t.debitAccountId()).filter(a -> ApiAccess.mayRead(caller, a)).isPresent()
                || l.account(t.creditAccountId()).filter(a -> ApiAccess.mayRead(caller, a)).isPresent();
    }

    private interface Lookup {
        /** Empty if it does not exist or the caller may not see it: the answer is the same 404. */
        Optional<ObjectNode> find(ApiAccess.Caller caller, UInt128 id);
    }

    private void lookup(HttpExchange exchange, Lookup lookup) throws IOException {
        try (exchange) {
            ApiAccess.Caller caller = caller(exchange);
            if (caller == null) return;
            String path = exchange.getRequestURI().getPath();
            String id = path.substring(path.lastIndexOf('/') + 1);
            UInt128 parsed;
            try {
                parsed = UInt128.parse(id);
            } catch (RuntimeException e) {
                respond(exchange, 400, error("error", "bad_id", "'" + id + "' is not a decimal 128-bit id"));
                return;
            }
            Optional<ObjectNode> found = lookup.find(caller, parsed);
            if (found.isPresent()) respond(exchange, 200, found.get());
            else respond(exchange, 404, error("error", "not_found", id + " does not exist"));
        }
    }

    private void outcomeOf(HttpExchange exchange, ApiAccess.Caller caller, String rest) throws IOException {
        String[] parts = rest.split("/");
        try {
            UInt128 client = parts.length == 2 ? UInt128.parse(parts[0]) : null;
            Outcomes.Recorded r = client != null && ApiAccess.isClient(caller, client)
                    ? outcomes.get(Outcomes.key(client, Long.parseUnsignedLong(parts[1]))) : null;
            if (r == null) respond(exchange, 404, error("error", "not_found", "no executed request " + rest));
            else respond(exchange, 200, committed(r));
        } catch (RuntimeException e) {
            respond(exchange, 400, error("error", "bad_id", "expected /v1/requests/{client}/{number}"));
        }
    }

    private void receipt(HttpExchange exchange, ApiAccess.Caller caller) throws IOException {
        String id = exchange.getRequestURI().getPath().substring("/v1/receipts/".length());
        UInt128 transferId;
        try {
            transferId = UInt128.parse(id);
        } catch (RuntimeException e) {
            respond(exchange, 400, error("error", "bad_id", "'" + id + "' is not a decimal 128-bit id"));
            return;
        }
        TransferProof proof = node.transferProof(transferId);
        if (proof == null || !node.withLedger(l -> mayRead(l, caller, proof.transfer()))) {
            respond(exchange, 404, error("error", "not_found", "no executed transfer " + id + " within the receipt window"));
            return;
        }
        Checkpoints.Certificate checkpoint = node.checkpoint(proof.commitment().sequence());
        if (checkpoint == null && proof.commitment().sequence() < node.historyFloor()) {
            respond(exchange, 410, error("error", "receipt_unavailable", "sub-DAG " + proof.commitment().sequence()
                    + " is below the history this validator keeps (from sub-DAG " + node.historyFloor() + "): its checkpoint certificate was truncated"));
            return;
        }
        if (checkpoint == null) {
            respond(exchange, 202, error("pending", "not_certified", "sub-DAG " + proof.commitment().sequence() + " is not certified yet; retry"));
            return;
        }
        String stage = node.finality().stage(checkpoint.sequence(), checkpoint.stateRoot()).name().toLowerCase(java.util.Locale.ROOT);
        respond(exchange, 200, ApiJson.receipt(networkId, proof, checkpoint, stage,
                node.finality().attestations(checkpoint.sequence(), checkpoint.stateRoot())));
    }

    private ObjectNode state() {
        return node.withLedger(l -> {
            ObjectNode o = JSON.createObjectNode();
            o.put("sequence", l.sequence());
            o.put("state_root", HexFormat.of().formatHex(l.stateRoot()));
            o.put("accounts", l.accountCount());
            o.put("transfers", l.transferCount());
            return o;
        });
    }

    // ---------------------------------------------------------------- helpers

    private ObjectNode committed(Outcomes.Recorded r) {
        ObjectNode o = status("committed");
        o.put("result", r.result());
        o.put("sequence", r.sequence());
        o.put("stage", stage(r.sequence()));
        ArrayNode accounts = o.putArray("account_results");
        r.accountResults().forEach(accounts::add);
        ArrayNode transfers = o.putArray("transfer_results");
        r.transferResults().forEach(transfers::add);
        return o;
    }

    /** committed, final or reverted: where the checkpoint after sub-DAG {@code sequence} stands. */
    private String stage(long sequence) {
        Checkpoints.Certificate c = node.checkpoint(sequence);
        if (c == null) return "committed";
        return node.finality().stage(sequence, c.stateRoot()).name().toLowerCase(java.util.Locale.ROOT);
    }

    private static ObjectNode status(String status) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", status);
        return o;
    }

    private static ObjectNode error(String status, String result, String message) {
        ObjectNode o = status(status);
        o.put("result", result);
        o.put("error", message);
        return o;
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static byte[] readBounded(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        return bytes.length > max ? null : bytes;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static long parseLong(String text, long fallback) {
        try {
            return Math.max(0, Long.parseLong(text));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
