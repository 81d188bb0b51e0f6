package io.quantumsafe.audit.event;

import java.util.List;
import java.util.Set;

/** Field names and bounds of the audit event schema (DESIGN.md). */
public final class EventSchema {
    private EventSchema() {}

    public static final String TIMESTAMP = "timestamp";
    public static final String COMPONENT = "component";
    public static final String OPERATION = "operation";
    public static final String ALGORITHM = "algorithm";
    public static final String DURATION_MS = "duration_ms";
    public static final String STATUS = "status";
    public static final String CLIENT_ID = "client_id";
    public static final String PAYLOAD_SIZE = "payload_size";

    public static final List<String> required =
            List.of(TIMESTAMP, COMPONENT, OPERATION, ALGORITHM, DURATION_MS, STATUS, CLIENT_ID, PAYLOAD_SIZE);
    /** Optional fields that are text when present. */
    public static final List<String> optionalText = List.of("key_id", "node", "error", "peer", "tls_group", "trace_id");
    /** {@code amount}: a number; {@code ledger}: a text or integer ledger id. */
    public static final String AMOUNT = "amount";
    public static final String LEDGER = "ledger";
    /** The keyword fields the store indexes for exact search. */
    public static final Set<String> keywordFields = Set.of(COMPONENT, OPERATION, ALGORITHM, STATUS, CLIENT_ID,
            "key_id", "node", "peer", "tls_group", "trace_id", LEDGER);

    /** An identifier-like value (component, operation, ids): long enough for any name, short enough to index. */
    public static final int textCharsMax = 256;
    /** Error messages and other free text. */
    public static final int freeTextCharsMax = 4096;
    /** Fields per event, known and unknown: keeps a hostile producer from growing the index without bound. */
    public static final int fieldsMax = 64;
    /** No valid event's JSON is shorter: the names of the required fields alone take more. */
    public static final int eventBytesMin = 100;
    /** One event's JSON; the brochure's example is 190 bytes. */
    public static final int eventBytesMax = 64 * 1024;
    /** Nesting inside unknown fields. */
    public static final int nestingDepthMax = 8;
}
