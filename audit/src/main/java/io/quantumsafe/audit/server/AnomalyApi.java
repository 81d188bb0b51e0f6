package io.quantumsafe.audit.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quantumsafe.audit.anomaly.AnomalyStage;
import io.quantumsafe.audit.anomaly.ModelStore;
import io.quantumsafe.audit.anomaly.Verdict;
import io.quantumsafe.audit.event.BodyException;
import io.quantumsafe.audit.event.EventCodec;
import io.quantumsafe.audit.event.FieldError;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/anomaly/score} (one event or a batch, both detectors, nothing stored),
 * {@code POST /api/anomaly/train} (train a batch model now) and {@code GET /api/anomaly} (status).
 */
final class AnomalyApi {
    private final AnomalyStage stage;
    private final AnomalyTraining training;
    private final int bodyBytesMax;
    private final int eventsPerRequestMax;

    AnomalyApi(AnomalyStage stage, AnomalyTraining training, int bodyBytesMax, int eventsPerRequestMax) {
        this.stage = stage;
        this.training = training;
        this.bodyBytesMax = bodyBytesMax;
        this.eventsPerRequestMax = eventsPerRequestMax;
    }

    void routes(HttpServer server) {
        AuditApi.route(server, "/api/anomaly/score", Map.of("POST", this::score));
        AuditApi.route(server, "/api/anomaly/train", Map.of("POST", this::train));
        AuditApi.route(server, "/api/anomaly", Map.of("GET", this::status));
    }

    private void score(HttpExchange exchange) throws IOException, Http.Refusal {
        int[] length = new int[1];
        byte[] body = Http.body(exchange, bodyBytesMax, length);
        List<EventCodec.Item> items;
        try {
            items = EventCodec.parseBody(body, length[0], eventsPerRequestMax);
        } catch (BodyException e) {
            throw new Http.Refusal(e.httpStatus(), e.getMessage());
        }
        ObjectNode answer = Http.JSON.createObjectNode();
        ArrayNode results = answer.putArray("results");
        int scored = 0;
        for (EventCodec.Item item : items) {
            ObjectNode result = results.addObject();
            result.put("index", item.index());
            if (!item.accepted()) {
                result.put("status", "rejected");
                ArrayNode errors = result.putArray("errors");
                for (FieldError error : item.errors()) errors.addObject().put("field", error.field()).put("message", error.message());
                continue;
            }
            scored++;
            AnomalyStage.Opinion opinion = stage.score(item.event());
            result.put("status", "scored");
            result.set("streaming", verdict(opinion.streaming()));
            if (opinion.batch() == null) result.putNull("batch");
            else result.set("batch", verdict(opinion.batch()).put("model_version", opinion.modelVersion()));
        }
        answer.put("scored", scored);
        Http.json(exchange, scored == 0 ? 400 : 200, answer);
    }

    private static ObjectNode verdict(Verdict verdict) {
        ObjectNode node = Http.JSON.createObjectNode();
        node.put("score", verdict.score());
        node.put("grade", verdict.grade());
        ObjectNode attribution = node.putObject("attribution");
        verdict.attribution().forEach(attribution::put);
        node.put("explanation", verdict.explanation());
        return node;
    }

    private void train(HttpExchange exchange) throws IOException, Http.Refusal {
        ModelStore.Saved saved;
        try {
            saved = training.trainNow();
        } catch (AnomalyTraining.AlreadyRunning e) {
            throw new Http.Refusal(409, "a batch model is being trained already; try again when it is done");
        } catch (IllegalStateException e) {
            throw new Http.Refusal(409, e.getMessage());
        }
        ObjectNode answer = Http.JSON.createObjectNode();
        answer.put("version", saved.version());
        answer.put("events", saved.events());
        answer.put("points", saved.points());
        answer.put("from", saved.from().toString());
        answer.put("to", saved.to().toString());
        answer.put("file", saved.file().toString());
        Http.json(exchange, 200, answer);
    }

    private void status(HttpExchange exchange) throws IOException {
        ObjectNode answer = Http.JSON.createObjectNode();
        stage.status().forEach((name, value) -> answer.put(name, ((Number) value).longValue()));
        Http.json(exchange, 200, answer);
    }
}
