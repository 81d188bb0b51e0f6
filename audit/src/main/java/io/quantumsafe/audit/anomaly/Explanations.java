package io.quantumsafe.audit.anomaly;

import io.quantumsafe.audit.event.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Attribution shares and the sentence a person reads, from the profile as it was before the event. */
final class Explanations {
    private Explanations() {}

    /** Shares of the attribution per feature, summing to 1, largest first. */
    static Map<String, Double> shares(double[] perFeature) {
        double total = 0;
        for (double value : perFeature) total += Math.max(0, value);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < perFeature.length; i++) order.add(i);
        order.sort((a, b) -> Double.compare(perFeature[b], perFeature[a]));
        Map<String, Double> shares = new LinkedHashMap<>();
        for (int i : order) {
            double share = total > 0 ? Math.max(0, perFeature[i]) / total : 1.0 / perFeature.length;
            shares.put(Feature.values()[i].wireName(), Math.round(share * 1000) / 1000.0);
        }
        return shares;
    }

    /** One sentence per feature that carries at least a quarter of the attribution, the largest first. */
    static String explain(double[] perFeature, ClientProfile before, AuditEvent event) {
        Map<String, Double> shares = shares(perFeature);
        List<String> sentences = new ArrayList<>();
        for (Map.Entry<String, Double> share : shares.entrySet()) {
            if (share.getValue() < 0.25 && !sentences.isEmpty()) break;
            sentences.add(sentence(Feature.valueOf(share.getKey().toUpperCase(Locale.ROOT)), before, event));
        }
        return String.join("; ", sentences);
    }

    private static String sentence(Feature feature, ClientProfile before, AuditEvent event) {
        String client = "client '" + event.clientId() + "'";
        boolean known = before.events >= ClientProfile.warmupEvents;
        return switch (feature) {
            case DURATION -> known
                    ? "duration %s ms is %sx this client's usual %s ms".formatted(number(event.durationMs()),
                            ratio(event.durationMs(), before.usualDurationMs()), number(before.usualDurationMs()))
                    : "duration %s ms from %s, which has no baseline yet".formatted(number(event.durationMs()), client);
            case PAYLOAD_SIZE -> known
                    ? "payload %s bytes is %sx this client's usual %s bytes".formatted(number(event.payloadSize()),
                            ratio(event.payloadSize(), before.usualPayloadBytes()), number(before.usualPayloadBytes()))
                    : "payload %s bytes from %s, which has no baseline yet".formatted(number(event.payloadSize()), client);
            case FAILURE_RATE -> "%s of this client's last ~5 events failed (status %s)".formatted(
                    percent((1 - ClientProfile.failureAlpha) * before.failureShort + (ClientProfile.failed(event) ? ClientProfile.failureAlpha : 0)),
                    event.status());
            case EVENT_RATE -> "%s sends %s events per minute (%s)".formatted(client,
                    number(before.eventsPerMinute(event.timestamp().toEpochMilli())),
                    before.events < ClientProfile.warmupEvents ? "a new client" : "its recent average");
            case HOUR_OF_DAY -> "%s at %02d:00 UTC; this client sends %s of its traffic in that hour".formatted(
                    event.operation(), ClientProfile.hourOf(event), percent(before.hourShare(ClientProfile.hourOf(event))));
            case OPERATION_NOVELTY -> before.usageShare(ClientProfile.usageKey(event)) == 0
                    ? "this client never used %s with %s before (usually %s)".formatted(event.operation(), event.algorithm(),
                            before.mostUsed().isEmpty() ? "nothing" : before.mostUsed())
                    : "%s with %s is %s of this client's operations (usually %s)".formatted(event.operation(), event.algorithm(),
                            percent(before.usageShare(ClientProfile.usageKey(event))), before.mostUsed());
        };
    }

    static String number(double value) {
        if (value >= 100) return String.format(Locale.ROOT, "%,.0f", value);
        if (value >= 10) return String.format(Locale.ROOT, "%.1f", value);
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(double value, double usual) {
        if (usual <= 0) return "inf";
        double ratio = value / usual;
        return ratio >= 10 ? String.format(Locale.ROOT, "%.0f", ratio) : String.format(Locale.ROOT, "%.1f", ratio);
    }

    private static String percent(double share) {
        double value = share * 100;
        return (value < 1 ? String.format(Locale.ROOT, "%.2f", value) : String.format(Locale.ROOT, "%.0f", value)) + "%";
    }
}
