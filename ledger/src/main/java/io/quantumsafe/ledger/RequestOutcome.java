package io.quantumsafe.ledger;

import java.util.List;

/**
 * What happened to one request of a batch. When {@code result} is not OK, no event ran and the
 * event lists are empty.
 *
 * @param firstEventTimestamp the timestamp given to the request's first event
 * @param firstTransferLeaf index of the request's first transfer among the batch's transfer leaves
 */
public record RequestOutcome(UInt128 clientId, long requestNumber, RequestResult result,
                             List<CreateAccountResult> accountResults, List<CreateTransferResult> transferResults,
                             long firstEventTimestamp, int firstTransferLeaf) {
    public RequestOutcome {
        accountResults = List.copyOf(accountResults);
        transferResults = List.copyOf(transferResults);
    }

    static RequestOutcome rejected(SettlementRequest request, RequestResult result) {
        return new RequestOutcome(request.clientId(), request.requestNumber(), result, List.of(), List.of(), 0, -1);
    }
}
