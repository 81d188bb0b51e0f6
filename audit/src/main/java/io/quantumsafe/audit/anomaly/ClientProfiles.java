package io.quantumsafe.audit.anomaly;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Profiles by client id, least recently seen evicted past {@code clientsMax}: an unbounded stream of
 * new client ids (a flood of random ids) costs at most {@code clientsMax} profiles of about 1 KB.
 * An evicted client that comes back starts over, with a warm-up (ClientProfile.warmupEvents).
 */
final class ClientProfiles {
    private final int clientsMax;
    private final LinkedHashMap<String, ClientProfile> profiles;
    private long evicted;

    ClientProfiles(int clientsMax) {
        if (clientsMax < 1) throw new IllegalArgumentException("anomaly clients-max must be >= 1, got " + clientsMax);
        this.clientsMax = clientsMax;
        this.profiles = new LinkedHashMap<>(Math.min(clientsMax, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, ClientProfile> eldest) {
                boolean full = size() > ClientProfiles.this.clientsMax;
                if (full) evicted++;
                return full;
            }
        };
    }

    /** The profile to learn into, created when new. */
    ClientProfile forUpdate(String clientId) { return profiles.computeIfAbsent(clientId, id -> new ClientProfile()); }

    /** The profile to read (it refreshes recency, nothing else); an empty one when unknown, not added. */
    ClientProfile peek(String clientId) {
        ClientProfile profile = profiles.get(clientId);
        return profile == null ? new ClientProfile() : profile;
    }

    int size() { return profiles.size(); }

    long evicted() { return evicted; }

    int clientsMax() { return clientsMax; }

    Map<String, ClientProfile> asMap() { return profiles; }
}
