package io.quantumsafe.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quantumsafe.crypto.PqcEngine;
import io.quantumsafe.crypto.PrivateKey;
import io.quantumsafe.crypto.Signer;
import io.quantumsafe.ledger.Account;
import io.quantumsafe.ledger.QueryAuthorization;
import io.quantumsafe.ledger.RequestCodec;
import io.quantumsafe.ledger.SettlementRequest;
import io.quantumsafe.ledger.Transfer;
import io.quantumsafe.ledger.UInt128;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One client of the settlement network: signs requests with its ML-DSA key and submits them to a
 * validator's API, failing over to the next validator on a network error. Retrying is safe because
 * a retry re-sends the same signed bytes: the ledger applies a (client, request number) at most once
 * and a validator answers a known request with its recorded outcome.
 *
 * <p>Requests of one client are submitted one at a time: request numbers must reach the ledger in
 * increasing order, and a later number ordered first would make the earlier one refused as out of
 * order. Use several clients for parallelism.
 */
public final class SettlementClient {
    /** Attempts per request across validators before giving up. */
    public static final int attemptsMax = 6;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> validators;
    private final int networkId;
    private final UInt128 clientId;
    private final Signer signer;
    private final HttpClient http;
    private final Duration timeout;
    private final ReentrantLock submitLock = new ReentrantLock();
    private long lastRequestNumber;
    private int preferred;

    public SettlementClient(List<URI> validators, int networkId, UInt128 clientId, PrivateKey key, PqcEngine engine, Duration timeout) {
        if (validators.isEmpty()) throw new IllegalArgumentException("at least one validator API address is needed");
        this.validators = List.copyOf(validators);
        this.networkId = networkId;
        this.clientId = clientId;
        this.signer = engine.signer(key);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public UInt128 clientId() { return clientId; }

    /** Builds and signs a request with this client's next request number. */
    public SettlementRequest sign(List<Account> accounts, List<Transfer> transfers) {
        submitLock.lock();
        try {
            // Request numbers only need to increase: microseconds since the epoch survive a client restart.
            long number = Math.max(lastRequestNumber + 1, System.currentTimeMillis() * 1000);
            lastRequestNumber = number;
            SettlementRequest unsigned = new SettlementRequest(networkId, clientId, number, accounts, transfers, new byte[0]);
            return unsigned.withSignature(signer.sign(RequestCodec.signingMessage(unsigned)));
        } finally {
            submitLock.unlock();
        }
    }

    /** Signs and submits, waiting until the request is committed (executed by consensus order). */
    public SubmitResult submit(List<Account> accounts, List<Transfer> transfers) {
        submitLock.lock();
        try {
            return submit(sign(accounts, transfers), Wait.COMMITTED);
        } finally {
            submitLock.unlock();
        }
    }

    /** Submits an already signed request (a retry sends the same bytes), waiting as asked. */
    public SubmitResult submit(SettlementRequest request, Wait wait) {
        byte[] body = RequestCodec.encode(request);
        List<String> failures = new ArrayList<>();
        for (int attempt = 0; attempt < attemptsMax; attempt++) {
            URI base = validators.get(Math.floorMod(preferred + attempt, validators.size()));
            try {
                HttpRequest httpRequest = HttpRequest.newBuilder(base.resolve("/v1/requests?wait=" + wait.wireName() + "&timeout_ms=" + timeout.toMillis()))
                        .timeout(timeout.plusSeconds(5))
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                HttpResponse<String> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
                JsonNode json = JSON.readTree(response.body());
                SubmitResult result = SubmitResult.fromJson(response.statusCode(), json);
                if (response.statusCode() == 503 || response.statusCode() == 504) {
                    failures.add(base + ": " + result.error());
                    continue;
                }
                preferred = Math.floorMod(preferred + attempt, validators.size());
                return result;
            } catch (IOException e) {
                failures.add(base + ": " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientException("interrupted while submitting request " + request.requestNumber());
            }
        }
        throw new ClientException("request " + request.requestNumber() + " of client " + clientId + " not confirmed after "
                + attemptsMax + " attempts: " + failures);
    }

    /** The account as the validator currently sees it, or empty if it does not exist. */
    public Optional<JsonNode> account(UInt128 id) {
        return get("/v1/accounts/" + id);
    }

    /** The transfer as the validator currently sees it, or empty if it does not exist. */
    public Optional<JsonNode> transfer(UInt128 id) {
        return get("/v1/transfers/" + id);
    }

    /**
     * The transfer's receipt (transfer, result, Merkle path, batch commitment, checkpoint certificate),
     * polling until its sub-DAG's checkpoint is certified or {@code wait} passes; empty if unknown.
     */
    public Optional<JsonNode> receipt(UInt128 transferId, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            URI base = validators.get(preferred);
            try {
                HttpResponse<String> response = http.send(signedGet(base.resolve("/v1/receipts/" + transferId)), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) return Optional.of(JSON.readTree(response.body()));
                if (response.statusCode() == 404) return Optional.empty();
                if (response.statusCode() != 202) throw new ClientException(base + " answered " + response.statusCode() + ": " + response.body());
                if (System.nanoTime() > end) throw new ClientException("transfer " + transferId + " is not checkpoint-certified within " + wait);
                Thread.sleep(50); // checkpoint certification is a round trip away; poll
            } catch (IOException e) {
                throw new ClientException(base + " failed: " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientException("interrupted");
            }
        }
    }

    /**
     * The transfer's receipt once its checkpoint is final (verifier attestations or the challenge
     * window), polling until {@code wait} passes; empty if the transfer is unknown. A checkpoint that
     * was reverted by a fraud proof is not final: the receipt is fetched again once the corrected one is.
     */
    public Optional<JsonNode> finalReceipt(UInt128 transferId, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<JsonNode> receipt = receipt(transferId, Duration.ofNanos(Math.max(0, end - System.nanoTime())));
            if (receipt.isEmpty() || receipt.get().path("stage").asText().equals("final")) return receipt;
            if (System.nanoTime() > end) {
                throw new ClientException("transfer " + transferId + " is " + receipt.get().path("stage").asText("committed") + ", not final, after " + wait);
            }
            try {
                Thread.sleep(200); // finality follows a verifier's attestation or the challenge window; poll
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ClientException("interrupted");
            }
        }
    }

    /**
     * A GET signed with this client's key: validators answer reads only to a client (its own accounts,
     * the transfers touching them) or the operator. Signed when sent, since validators refuse a
     * signing time more than two minutes from their clock.
     */
    private HttpRequest signedGet(URI uri) {
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long now = System.currentTimeMillis();
        byte[] signature = signer.sign(QueryAuthorization.signingMessage(networkId, clientId, now, "GET", target));
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", new QueryAuthorization(clientId, now, signature).header()).GET().build();
    }

    private Optional<JsonNode> get(String path) {
        URI base = validators.get(preferred);
        try {
            HttpResponse<String> response = http.send(signedGet(base.resolve(path)), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) return Optional.empty();
            if (response.statusCode() != 200) throw new ClientException(base + path + " answered " + response.statusCode() + ": " + response.body());
            return Optional.of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new ClientException(base + path + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted");
        }
    }

    /** What a submission waits for before the validator answers. */
    public enum Wait {
        /** Durable in the validator's mempool. */
        ACCEPTED,
        /** Ordered by consensus and executed on the ledger. */
        COMMITTED;

        public String wireName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }
}
