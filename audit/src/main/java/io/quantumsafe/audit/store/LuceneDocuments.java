package io.quantumsafe.audit.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.event.AuditEvent;
import io.quantumsafe.audit.event.EventCodec;
import io.quantumsafe.audit.event.EventSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;

/** How an event is laid out in a Lucene document, and read back. */
final class LuceneDocuments {
    private LuceneDocuments() {}

    static final String ID = "_id";
    static final String SOURCE = "_source";
    static final String TEXT = "_text";
    static final String RULES = "rules";
    static final String ALERTS = "alerts";
    static final String TIME = EventSchema.TIMESTAMP;

    static Document document(StoredEvent stored) {
        AuditEvent event = stored.event();
        Document document = new Document();
        document.add(new StringField(ID, stored.id(), Field.Store.YES));
        long millis = event.timestamp().toEpochMilli();
        document.add(new LongPoint(TIME, millis));
        document.add(new NumericDocValuesField(TIME, millis));
        document.add(new DoublePoint(EventSchema.DURATION_MS, event.durationMs()));
        document.add(new LongPoint(EventSchema.PAYLOAD_SIZE, event.payloadSize()));
        StringBuilder text = new StringBuilder(128);
        Iterator<Map.Entry<String, JsonNode>> fields = event.fields().fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!value.isValueNode() || value.isNull()) continue;
            String name = field.getKey();
            if (EventSchema.keywordFields.contains(name)) document.add(new StringField(name, value.asText(), Field.Store.NO));
            if (value.isTextual() && !name.equals(EventSchema.TIMESTAMP)) text.append(value.textValue()).append(' ');
        }
        document.add(new TextField(TEXT, text.toString(), Field.Store.NO));
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

    /** The stored event JSON with {@code _id}, {@code rules} and {@code alerts} added. */
    static ObjectNode render(Document document) {
        try {
            BytesRef source = document.getBinaryValue(SOURCE);
            ObjectNode event = (ObjectNode) EventCodec.JSON.readTree(source.bytes, source.offset, source.length);
            event.put(ID, document.get(ID));
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
