package io.quantumsafe.consensus.message;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import java.util.List;

/** Everything validators send each other. The transport authenticates the sender (mutual PQ TLS). */
public sealed interface Message {
    /** A proposal: the header and the bytes of the batches it names (in the same order). */
    record HeaderMessage(Header header, List<Batch> batches) implements Message {
        public HeaderMessage { batches = List.copyOf(batches); }
    }

    /** A vote, sent to the header's author. */
    record VoteMessage(Vote vote) implements Message {}

    /** A certificate, broadcast by the author once it holds a quorum of votes. */
    record CertificateMessage(Certificate certificate) implements Message {}

    /** Asks a peer for certificates and batches this validator is missing. */
    record SyncRequest(List<Digest> certificates, List<Digest> batches) implements Message {
        public SyncRequest { certificates = List.copyOf(certificates); batches = List.copyOf(batches); }
    }

    /** The certificates and batches of a {@link SyncRequest} that the peer holds. */
    record SyncResponse(List<Certificate> certificates, List<Batch> batches) implements Message {
        public SyncResponse { certificates = List.copyOf(certificates); batches = List.copyOf(batches); }
    }

    /** A one-word name for reports. */
    default String kind() {
        return switch (this) {
            case HeaderMessage m -> "header";
            case VoteMessage m -> "vote";
            case CertificateMessage m -> "certificate";
            case SyncRequest m -> "sync-request";
            case SyncResponse m -> "sync-response";
        };
    }
}
