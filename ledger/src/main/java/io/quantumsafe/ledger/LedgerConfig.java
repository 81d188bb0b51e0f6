package io.quantumsafe.ledger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Genesis configuration: the network, the clients and their keys, and the capacity bounds. Every
 * replica must start from the same configuration to compute the same roots.
 *
 * @param accountsMax accounts beyond this are refused (ACCOUNTS_FULL)
 * @param transfersMax transfers beyond this are refused (TRANSFERS_FULL)
 */
public record LedgerConfig(int networkId, List<ClientKey> clients, int accountsMax, long transfersMax) {
    /** Enough for the benchmark's 10^6 accounts with room; memory is about 200 bytes per account. */
    public static final int accountsMaxDefault = 4_000_000;
    /** The history grows by about 150 bytes per transfer in memory. */
    public static final long transfersMaxDefault = 64_000_000L;
    /** Client slots are numbered in the clients' Merkle tree. */
    public static final int clientsMax = 65_536;

    public LedgerConfig {
        clients = List.copyOf(clients);
        if (clients.size() > clientsMax) throw new IllegalArgumentException("at most " + clientsMax + " clients, got " + clients.size());
        Set<UInt128> ids = new HashSet<>();
        for (ClientKey client : clients) {
            if (!ids.add(client.clientId())) throw new IllegalArgumentException("client " + client.clientId() + " is listed twice");
        }
        if (accountsMax < 1 || transfersMax < 1) throw new IllegalArgumentException("capacities must be positive");
        if (transfersMax > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("transfersMax " + transfersMax + " exceeds what one in-memory table holds");
        }
    }

    public static LedgerConfig of(int networkId, List<ClientKey> clients) {
        return new LedgerConfig(networkId, clients, accountsMaxDefault, transfersMaxDefault);
    }
}
