package io.quantumsafe.audit.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventCodec;
import io.quantumsafe.audit.event.EventSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/** How an event is laid out in a Lucene document, and read back. */
final class LuceneDocuments {
    private LuceneDocuments() {}

    /** Indexed (and stored) for events that may be delivered again (Kafka): they are replaced by this term. */
    static final String ID = "_id";
    /**
     * Stored only, for events from the write-ahead log, which are added exactly once: an indexed
     * term per event (every one unique) was the costliest field to index, and nothing searches by
     * it. A field name of its own, since Lucene refuses a field indexed in some documents and not
     * in others.
     */
    static final String LOG_ID = "_log_id";
    static final String SOURCE = "_source";
    static final String RULES = "rules";
    static final String ALERTS = "alerts";
    static final String TIME = EventSchema.TIMESTAMP;

    /**
     * Free text, for {@code q=}: tokens only, no frequencies, positions or norms, since a query is a
     * conjunction of terms and results come newest first, never by relevance. A new field name
     * because Lucene refuses to change a field's index options within an index: daily indices
     * written before hold {@link #TEXT_WITH_POSITIONS} instead, and queries ask for both.
     */
    static final String TEXT = "_words";
    static final String TEXT_WITH_POSITIONS = "_text";
    private static final FieldType TEXT_TYPE = textType();

    private static FieldType textType() {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setIndexOptions(IndexOptions.DOCS);
        type.setOmitNorms(true);
        type.setStored(false);
        type.freeze();
        return type;
    }

    /**
     * The time is indexed as a point (range filters) and doc value (newest first); keyword fields
     * as exact terms, text values as free text, the event as received as the stored source. Other
     * numbers (duration, payload size) stay in the source only: no query filters on them.
     *
     * @param keywordBytes UTF-8 of recent values of the keyword fields with few distinct values
     *     ({@link #fewValues}); used under the store's lock only; cleared beyond {@link #keywordBytesMax}
     */
    static Document document(StoredEvent stored, Map<String, BytesRef> keywordBytes) {
        AuditEvent event = stored.event();
        Document document = new Document();
        if (stored.walSeq() >= 0) document.add(new StoredField(LOG_ID, stored.id()));
        else document.add(new StringField(ID, stored.id(), Field.Store.YES));
        long millis = event.timestamp().toEpochMilli();
        document.add(new LongPoint(TIME, millis));
        document.add(new NumericDocValuesField(TIME, millis));
        StringBuilder text = new StringBuilder(128);
        for (Map.Entry<String, JsonNode> field : event.fields().properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (value instanceof TextNode textNode) {
                String string = textNode.textValue();
                if (EventSchema.keywordFields.contains(name)) {
                    BytesRef bytes = fewValues.contains(name) ? utf8(string, keywordBytes) : new BytesRef(string);
                    document.add(new StringField(name, bytes, Field.Store.NO));
                }
                if (!name.equals(EventSchema.TIMESTAMP)) text.append(string).append(' ');
            } else if ((value instanceof NumericNode || value instanceof BooleanNode) && EventSchema.keywordFields.contains(name)) {
                document.add(new StringField(name, value.asText(), Field.Store.NO));
            }
        }
        document.add(new Field(TEXT, text.toString(), TEXT_TYPE));
        for (String rule : stored.ruleHits()) document.add(new StringField(RULES, rule, Field.Store.NO));
        for (String rule : stored.alertRules()) {
            document.add(new StringField(ALERTS, rule, Field.Store.NO));
            document.add(new SortedSetDocValuesField(ALERTS, new BytesRef(rule)));
        }
        document.add(new StoredField(SOURCE, stored.json()));
        if (!stored.ruleHits().isEmpty()) document.add(new StoredField(RULES, String.join(",", stored.ruleHits())));
        if (!stored.alertRules().isEmpty()) document.add(new StoredField(ALERTS, String.join(",", stored.alertRules())));
        return document;
    }

    static final int keywordBytesMax = 4096;
    /** Keyword fields with few distinct values, whose UTF-8 is worth keeping (ids and trace ids are not). */
    private static final Set<String> fewValues = Set.of(EventSchema.COMPONENT, EventSchema.OPERATION, EventSchema.ALGORITHM,
            EventSchema.STATUS, EventSchema.CLIENT_ID, "node", "tls_group", EventSchema.LEDGER);

    private static BytesRef utf8(String value, Map<String, BytesRef> cache) {
        BytesRef bytes = cache.get(value);
        if (bytes == null) {
            if (cache.size() >= keywordBytesMax) cache.clear();
            bytes = new BytesRef(value);
            cache.put(value, bytes);
        }
        return bytes;
    }

    /** The stored event JSON with {@code _id}, {@code rules} and {@code alerts} added. */
    static ObjectNode render(Document document) {
        try {
            BytesRef source = document.getBinaryValue(SOURCE);
            ObjectNode event = (ObjectNode) EventCodec.JSON.readTree(source.bytes, source.offset, source.length);
            String id = document.get(LOG_ID);
            event.put(ID, id != null ? id : document.get(ID));
            event.set(RULES, list(event, document.get(RULES)));
            event.set(ALERTS, list(event, document.get(ALERTS)));
            return event;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ArrayNode list(ObjectNode owner, String joined) {
        ArrayNode array = owner.arrayNode();
        if (joined != null && !joined.isEmpty()) for (String id : joined.split(",")) array.add(id);
        return array;
    }
}
