package io.quantumsafe.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A validator's answer to a submission.
 *
 * @param status accepted, committed, rejected (refused before the mempool) or pending (timed out waiting)
 * @param result the request's admission result when committed ("ok", "bad_signature", ...) or the refusal reason
 * @param sequence the committed sub-DAG that executed it, or 0
 * @param accountResults per account creation, the ledger's result code names
 * @param transferResults per transfer, the ledger's result code names
 */
public record SubmitResult(int httpStatus, String status, String result, long sequence, List<String> accountResults,
                           List<String> transferResults, String error, String stage) {
    public SubmitResult {
        accountResults = List.copyOf(accountResults);
        transferResults = List.copyOf(transferResults);
    }

    public boolean committed() { return "committed".equals(status); }

    /** Where the request's checkpoint stands when the validator answered: committed, final or reverted ("" if not executed yet). */
    public boolean isFinal() { return "final".equals(stage); }

    /** Committed, admitted, and every event succeeded (or already existed: a retry). */
    public boolean allOk() {
        if (!committed() || !"ok".equals(result)) return false;
        for (String r : accountResults) if (!r.equals("ok") && !r.equals("exists")) return false;
        for (String r : transferResults) if (!r.equals("ok") && !r.equals("exists")) return false;
        return true;
    }

    static SubmitResult fromJson(int httpStatus, JsonNode json) {
        return new SubmitResult(httpStatus, json.path("status").asText(""), json.path("result").asText(""),
                json.path("sequence").asLong(0), strings(json.path("account_results")), strings(json.path("transfer_results")),
                json.path("error").asText(""), json.path("stage").asText(""));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asText());
        return out;
    }
}
