package io.quantumsafe.audit.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.TestEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The codec and validator over generated events and arbitrary bytes. */
class EventCodecProperties {
    @Provide
    Arbitrary<ObjectNode> events() {
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().withChars('-', '_', '.').ofMinLength(1).ofMaxLength(40);
        Arbitrary<Instant> times = Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond);
        return Combinators.combine(times, names, names, names,
                        Arbitraries.doubles().between(0, 1e6), Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.strings().ofMaxLength(100))
                .as((time, operation, algorithm, client, duration, size, extra) -> {
                    ObjectNode node = TestEvents.json(time.toString(), operation, client);
                    node.put("algorithm", algorithm);
                    node.put("duration_ms", duration);
                    node.put("payload_size", size);
                    node.put("note", extra);
                    return node;
                });
    }

    @Property(tries = 300)
    void validEvents_surviveEncodeAndDecode(@ForAll("events") ObjectNode json) {
        AuditEvent event = TestEvents.event(json);
        AuditEvent again = EventCodec.decode(EventCodec.encode(event));
        assertThat(again.timestamp()).isEqualTo(event.timestamp());
        assertThat(again.durationMs()).isEqualTo(event.durationMs());
        assertThat(again.payloadSize()).isEqualTo(event.payloadSize());
        assertThat(again.algorithm()).isEqualTo(event.algorithm());
        assertThat(again.fields().toString()).isEqualTo(event.fields().toString());
    }

    @Property(tries = 200)
    void eachItemsBytes_decodeToThatItemsEvent_inArraysAndLines(@ForAll("events") ObjectNode first, @ForAll("events") ObjectNode second,
                                                               @ForAll boolean asArray, @ForAll("padding") String padding)
            throws BodyException {
        String body = asArray ? "[" + padding + first + padding + "," + second + padding + "]"
                : padding + first + padding + "\n\n" + second + "\r\n";
        byte[] bytes = (padding + body).getBytes(StandardCharsets.UTF_8);
        List<EventCodec.Item> items = EventCodec.parseBody(bytes, bytes.length, 10);
        assertThat(items).hasSize(2);
        for (EventCodec.Item item : items) {
            assertThat(item.accepted()).isTrue();
            AuditEvent again = EventCodec.decode(item.json());
            assertThat(again.fields()).isEqualTo(item.event().fields());
        }
        assertThat(items.get(0).event().fields().toString()).isEqualTo(first.toString());
        assertThat(items.get(1).event().fields().toString()).isEqualTo(second.toString());
    }

    @Provide
    Arbitrary<String> padding() {
        return Arbitraries.strings().withChars(" \t").ofMaxLength(3);
    }

    @Property(tries = 300)
    void removingARequiredField_namesExactlyThatField(@ForAll("events") ObjectNode json,
                                                      @ForAll("requiredField") String field) {
        json.remove(field);
        List<FieldError> errors = EventValidator.validate(json).errors();
        assertThat(errors).extracting(FieldError::field).containsExactly(field);
    }

    @Provide
    Arbitrary<String> requiredField() {
        return Arbitraries.of(EventSchema.required);
    }

    @Property(tries = 300)
    void wrongTypes_areRejectedPerField(@ForAll("events") ObjectNode json, @ForAll("requiredField") String field) {
        json.putArray(field).add(1);
        List<FieldError> errors = EventValidator.validate(json).errors();
        assertThat(errors).extracting(FieldError::field).containsExactly(field);
    }

    @Property(tries = 1000)
    void arbitraryBytes_neverThrowAnythingButBodyException(@ForAll byte[] body) {
        try {
            List<EventCodec.Item> items = EventCodec.parseBody(body, body.length, 100);
            assertThat(items).allSatisfy(item -> assertThat(item.accepted() || !item.errors().isEmpty()).isTrue());
        } catch (BodyException expected) {
            assertThat(expected.httpStatus()).isIn(400, 413);
        }
    }

    @Property(tries = 300)
    void arbitraryText_asJsonLines_neverThrows(@ForAll("jsonish") String text) {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        try {
            EventCodec.parseBody(body, body.length, 1000);
        } catch (BodyException expected) {
            assertThat(expected.httpStatus()).isIn(400, 413);
        }
    }

    @Provide
    Arbitrary<String> jsonish() {
        return Arbitraries.strings().withChars("{}[]\":,\n 0123456789aeflnrstu.-\\").ofMaxLength(200);
    }
}
