package io.quantumsafe.audit.anomaly;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quantumsafe.audit.event.AuditEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A labelled synthetic data set: many clients with diurnal traffic and their own baselines, and
 * injected anomaly episodes of named kinds. Deterministic for a seed. The first
 * {@code warmupDays} are clean (the detectors learn from them, the batch forest is trained on
 * them); episodes are injected after it.
 */
public final class SyntheticTraffic {
    /** The anomaly kinds the generator injects. */
    public enum Kind {
        LATENCY_SPIKE, PAYLOAD_BURST, FAILURE_STORM, OFF_HOURS_SIGNING, ALGORITHM_DOWNGRADE, NEW_CLIENT_FLOOD;

        public String wireName() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }
    }

    /**
     * @param clients clients with ordinary traffic
     * @param days days of traffic in all, warm-up included
     * @param warmupDays clean days at the start
     * @param ratePerMinuteMax the busiest client's mean events per minute (others log-uniform down to 1/40 of it)
     * @param episodesPerKind episodes of each injected kind
     */
    public record Shape(int clients, int days, int warmupDays, double ratePerMinuteMax, int episodesPerKind, long seed) {
        public static final int eventsMax = 5_000_000;

        public Shape {
            if (clients < 1 || clients > 100_000) throw new IllegalArgumentException("clients must be 1..100000");
            if (days < 2 || days > 60 || warmupDays < 1 || warmupDays >= days) {
                throw new IllegalArgumentException("days must be 2..60 and warm-up days 1..days-1");
            }
            if (ratePerMinuteMax <= 0 || ratePerMinuteMax > 600) throw new IllegalArgumentException("rate per minute must be in (0, 600]");
            if (episodesPerKind < 0 || episodesPerKind > 10_000) throw new IllegalArgumentException("episodes per kind must be 0..10000");
        }
    }

    /** One generated event: {@code episode} is -1 for clean traffic; {@code step} is its index in the episode. */
    public record Labelled(AuditEvent event, Kind kind, int episode, int step) {
        public boolean clean() { return episode < 0; }
    }

    public record DataSet(List<Labelled> events, Instant evaluationStart, int episodes) {}

    static final Instant start = Instant.parse("2026-11-02T00:00:00Z");
    private static final String[][] usual = {
            {"sign", "ML-DSA-65"}, {"verify", "ML-DSA-65"}, {"encapsulate", "ML-KEM-768"}, {"decapsulate", "ML-KEM-768"},
            {"sign", "ML-DSA-87"}, {"handshake", "X25519MLKEM768"}, {"verify", "SLH-DSA-SHA2-128s"}};
    private static final String[][] downgrades = {{"sign", "RSA-2048"}, {"sign", "ECDSA-P256"}, {"encapsulate", "X25519"},
            {"sign", "SHA1withRSA"}, {"handshake", "x25519"}};

    private record Client(String id, boolean businessHours, double ratePerMinute, int[] pairs, double[] pairWeights,
                          double durationMedianMs, double payloadMedian, double failureRate) {}

    private SyntheticTraffic() {}

    /** The data set with {@code kinds}' episodes injected (none for clean traffic only). */
    public static DataSet generate(Shape shape, List<Kind> kinds) {
        SplittableRandom random = new SplittableRandom(shape.seed());
        List<Client> clients = new ArrayList<>();
        for (int c = 0; c < shape.clients(); c++) clients.add(client(c, shape, random));
        List<Labelled> events = new ArrayList<>();
        Instant end = start.plusSeconds(86_400L * shape.days());
        for (Client client : clients) {
            traffic(client, start, end, random.split(), events);
            if (events.size() > Shape.eventsMax) throw new IllegalArgumentException("more than " + Shape.eventsMax + " events; lower the rate or the days");
        }
        Instant evaluationStart = start.plusSeconds(86_400L * shape.warmupDays());
        SplittableRandom injections = new SplittableRandom(shape.seed() * 31 + 7);
        int episode = 0;
        for (Kind kind : kinds) {
            for (int e = 0; e < shape.episodesPerKind(); e++) {
                inject(kind, episode++, clients, evaluationStart, end, injections, events);
            }
        }
        events.sort(Comparator.comparing((Labelled l) -> l.event().timestamp()));
        return new DataSet(events, evaluationStart, episode);
    }

    private static Client client(int index, Shape shape, SplittableRandom random) {
        int pairCount = 1 + random.nextInt(3);
        int[] pairs = new int[pairCount];
        double[] weights = new double[pairCount];
        for (int p = 0; p < pairCount; p++) {
            pairs[p] = random.nextInt(usual.length);
            weights[p] = 1 + random.nextDouble() * 4;
        }
        double rate = shape.ratePerMinuteMax() * Math.exp(-random.nextDouble() * Math.log(40));
        return new Client("client-%04d".formatted(index), random.nextDouble() < 0.3, rate, pairs, weights,
                Math.exp(Math.log(0.2) + random.nextDouble() * Math.log(25)), Math.exp(Math.log(256) + random.nextDouble() * Math.log(256)),
                random.nextDouble() * 0.02);
    }

    /** Relative rate at {@code time}: business-hours clients 07-19 UTC on weekdays; others a day curve peaking at 14:00 UTC. */
    private static double relativeRate(Client client, Instant time) {
        ZonedDateTime at = time.atZone(ZoneOffset.UTC);
        double hour = at.getHour() + at.getMinute() / 60.0;
        if (client.businessHours()) {
            boolean weekday = at.getDayOfWeek() != DayOfWeek.SATURDAY && at.getDayOfWeek() != DayOfWeek.SUNDAY;
            return weekday && hour >= 7 && hour < 19 ? 1 : 0;
        }
        return 0.25 + 0.75 * (1 + Math.cos((hour - 14) / 24 * 2 * Math.PI)) / 2;
    }

    private static void traffic(Client client, Instant from, Instant to, SplittableRandom random, List<Labelled> out) {
        double perSecondMax = client.ratePerMinute() / 60;
        double t = from.getEpochSecond();
        double end = to.getEpochSecond();
        while (true) {
            t += -Math.log(1 - random.nextDouble()) / perSecondMax;
            if (t >= end) return;
            Instant at = Instant.ofEpochMilli((long) (t * 1000));
            if (random.nextDouble() < relativeRate(client, at)) {
                int pair = pick(client, random);
                out.add(new Labelled(event(client.id(), at, usual[pair][0], usual[pair][1], duration(client, random),
                        payload(client, random), random.nextDouble() < client.failureRate() ? "FAILED" : "OK"), null, -1, 0));
            }
        }
    }

    private static int pick(Client client, SplittableRandom random) {
        double total = 0;
        for (double w : client.pairWeights()) total += w;
        double r = random.nextDouble() * total;
        for (int p = 0; p < client.pairs().length; p++) {
            r -= client.pairWeights()[p];
            if (r <= 0) return client.pairs()[p];
        }
        return client.pairs()[client.pairs().length - 1];
    }

    private static double duration(Client client, SplittableRandom random) {
        return Math.round(client.durationMedianMs() * Math.exp(0.25 * gaussian(random)) * 1000) / 1000.0;
    }

    private static long payload(Client client, SplittableRandom random) {
        return Math.round(client.payloadMedian() * Math.exp(0.3 * gaussian(random)));
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static void inject(Kind kind, int episode, List<Client> clients, Instant from, Instant to, SplittableRandom random,
                               List<Labelled> out) {
        List<Client> eligible = kind == Kind.OFF_HOURS_SIGNING ? clients.stream().filter(Client::businessHours).toList() : clients;
        if (eligible.isEmpty()) eligible = clients;
        Client client = eligible.get(random.nextInt(eligible.size()));
        long span = to.getEpochSecond() - from.getEpochSecond() - 3_600;
        Instant at = from.plusSeconds(random.nextLong(span));
        // Ordinary clients' anomalies happen while they are active (an off-hours episode is the exception).
        if (client.businessHours() && kind != Kind.OFF_HOURS_SIGNING) {
            ZonedDateTime day = at.atZone(ZoneOffset.UTC);
            while (relativeRate(client, day.toInstant()) == 0) day = day.plusHours(1);
            at = day.toInstant();
        }
        int pair = pick(client, random);
        String operation = usual[pair][0];
        String algorithm = usual[pair][1];
        switch (kind) {
            case LATENCY_SPIKE -> out.add(labelled(kind, episode, 0, event(client.id(), at, operation, algorithm,
                    duration(client, random) * (20 + random.nextDouble() * 80), payload(client, random), "OK")));
            case PAYLOAD_BURST -> out.add(labelled(kind, episode, 0, event(client.id(), at, operation, algorithm,
                    duration(client, random), payload(client, random) * (50 + random.nextInt(450)), "OK")));
            case FAILURE_STORM -> {
                for (int step = 0; step < 10; step++) {
                    out.add(labelled(kind, episode, step, event(client.id(), at.plusSeconds(2L * step), operation, algorithm,
                            duration(client, random), payload(client, random), "FAILED")));
                }
            }
            case OFF_HOURS_SIGNING -> {
                ZonedDateTime night = at.atZone(ZoneOffset.UTC).withHour(1 + random.nextInt(4)).withMinute(random.nextInt(60));
                out.add(labelled(kind, episode, 0, event(client.id(), night.toInstant(), "sign", algorithm.startsWith("ML-DSA") ? algorithm : "ML-DSA-65",
                        duration(client, random), payload(client, random), "OK")));
            }
            case ALGORITHM_DOWNGRADE -> {
                String[] downgrade = downgrades[random.nextInt(downgrades.length)];
                out.add(labelled(kind, episode, 0, event(client.id(), at, downgrade[0], downgrade[1], duration(client, random),
                        payload(client, random), "OK")));
            }
            case NEW_CLIENT_FLOOD -> {
                // 200 events at 10 to 50 per second (Poisson arrivals), with another client's habits.
                String id = "new-client-" + episode;
                double perSecond = 10 + random.nextDouble() * 40;
                double offsetMillis = 0;
                for (int step = 0; step < 200; step++) {
                    out.add(labelled(kind, episode, step, event(id, at.plusMillis((long) offsetMillis), operation, algorithm,
                            duration(client, random), payload(client, random), "OK")));
                    offsetMillis += -Math.log(1 - random.nextDouble()) / perSecond * 1000;
                }
            }
        }
    }

    private static Labelled labelled(Kind kind, int episode, int step, AuditEvent event) {
        return new Labelled(event, kind, episode, step);
    }

    static AuditEvent event(String clientId, Instant at, String operation, String algorithm, double durationMs, long payloadSize,
                            String status) {
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.put("timestamp", at.toString());
        fields.put("component", "pqc-engine");
        fields.put("operation", operation);
        fields.put("algorithm", algorithm);
        fields.put("duration_ms", durationMs);
        fields.put("status", status);
        fields.put("client_id", clientId);
        fields.put("payload_size", payloadSize);
        return new AuditEvent(at, "pqc-engine", operation, algorithm, durationMs, status, clientId, payloadSize, fields);
    }
}
