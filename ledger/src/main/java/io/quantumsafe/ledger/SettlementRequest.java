package io.quantumsafe.ledger;

import java.util.List;

/**
 * A client's signed batch: account creations, then transfers, applied in that order. The signature
 * is ML-DSA over {@link RequestCodec#signingMessage(SettlementRequest)}: a domain tag followed by
 * the canonical encoding of every field but the signature.
 *
 * @param networkId the settlement network the request is for (a request for another network is refused)
 * @param requestNumber strictly increasing per client (unsigned)
 */
public record SettlementRequest(int networkId, UInt128 clientId, long requestNumber, List<Account> accounts,
                                List<Transfer> transfers, byte[] signature) {

    public SettlementRequest {
        accounts = List.copyOf(accounts);
        transfers = List.copyOf(transfers);
        signature = signature == null ? new byte[0] : signature;
    }

    public int eventCount() { return accounts.size() + transfers.size(); }

    public SettlementRequest withSignature(byte[] newSignature) {
        return new SettlementRequest(networkId, clientId, requestNumber, accounts, transfers, newSignature);
    }
}
