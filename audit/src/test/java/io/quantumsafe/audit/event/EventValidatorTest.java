package io.quantumsafe.audit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventValidatorTest {
    @Test
    void brochureExample_isValid_andUnknownFieldsAreKept() {
        ObjectNode json = TestEvents.brochure();
        json.put("region", "sa-east-1");
        EventValidator.Result result = EventValidator.validate(json);
        assertThat(result.valid()).isTrue();
        assertThat(result.event().timestamp()).isEqualTo(Instant.parse("2025-08-03T12:45:23Z"));
        assertThat(result.event().clientId()).isEqualTo("accounting-service");
        assertThat(result.event().fields().get("region").asText()).isEqualTo("sa-east-1");
    }

    @Test
    void everyBadField_isNamedWithItsReason() {
        ObjectNode json = TestEvents.brochure();
        json.remove("client_id");
        json.put("duration_ms", "fast");
        json.put("timestamp", "yesterday");
        json.put("payload_size", -1);
        json.put("tls_group", 7);
        List<FieldError> errors = EventValidator.validate(json).errors();
        assertThat(errors).extracting(FieldError::field)
                .containsExactlyInAnyOrder("client_id", "duration_ms", "timestamp", "payload_size", "tls_group");
        assertThat(errors).filteredOn(e -> e.field().equals("client_id")).first().extracting(FieldError::message).isEqualTo("is required");
        assertThat(errors).filteredOn(e -> e.field().equals("duration_ms")).first().extracting(FieldError::message)
                .isEqualTo("must be a non-negative number, got \"fast\"");
    }

    @Test
    void offsetTimestamps_areAcceptedAsInstants() {
        ObjectNode json = TestEvents.brochure();
        json.put("timestamp", "2025-08-03T09:45:23-03:00");
        assertThat(EventValidator.validate(json).event().timestamp()).isEqualTo(Instant.parse("2025-08-03T12:45:23Z"));
    }

    @Test
    void body_mixesGoodAndBadEvents_andSaysWhichIsWhich() throws Exception {
        String body = "[" + TestEvents.brochure() + ", {\"timestamp\":\"2025-08-03T12:45:23Z\"}, " + TestEvents.brochure() + "]";
        List<EventCodec.Item> items = parse(body, 10);
        assertThat(items).extracting(EventCodec.Item::accepted).containsExactly(true, false, true);
        assertThat(items.get(1).errors()).extracting(FieldError::field).contains("component", "operation", "client_id");
    }

    @Test
    void jsonLines_badLineIsRejectedAlone() throws Exception {
        String body = TestEvents.brochure() + "\n{not json\n\n" + TestEvents.brochure() + "\n";
        List<EventCodec.Item> items = parse(body, 10);
        assertThat(items).extracting(EventCodec.Item::accepted).containsExactly(true, false, true);
        assertThat(items.get(1).errors().getFirst().message()).startsWith("line 2 is not valid JSON");
    }

    @Test
    void tooManyEvents_is413_andMalformedArray_is400() {
        String three = "[" + TestEvents.brochure() + "," + TestEvents.brochure() + "," + TestEvents.brochure() + "]";
        assertThatThrownBy(() -> parse(three, 2)).isInstanceOf(BodyException.class)
                .satisfies(e -> assertThat(((BodyException) e).httpStatus()).isEqualTo(413));
        assertThatThrownBy(() -> parse("[" + TestEvents.brochure() + ",", 2)).isInstanceOf(BodyException.class)
                .satisfies(e -> assertThat(((BodyException) e).httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> parse("   ", 2)).isInstanceOf(BodyException.class);
    }

    @Test
    void deepNesting_isRejectedNotACrash() throws Exception {
        String deep = "{\"a\":".repeat(12) + "1" + "}".repeat(12);
        ObjectNode json = TestEvents.brochure();
        String body = json.toString().replace("}", ",\"nested\":" + deep + "}");
        List<EventCodec.Item> items = parse(body, 10);
        assertThat(items).hasSize(1);
        assertThat(items.getFirst().accepted()).isFalse();
    }

    private static List<EventCodec.Item> parse(String body, int max) throws BodyException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return EventCodec.parseBody(bytes, bytes.length, max);
    }
}
