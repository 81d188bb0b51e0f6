package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.committee.Validator;
import io.quantumsafe.consensus.dag.Vertex;
import io.quantumsafe.consensus.message.Header;
import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.order.CommittedSubDag;
import io.quantumsafe.consensus.sim.InsecureSimulationScheme;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The interpreter of the scenario scripts in {@code src/test/resources/scenarios} (etcd raft's
 * testdata style): a committee of real replicas on a hand-driven network. Messages queue up in
 * FIFO order until a command delivers, holds or drops them. Commands:
 *
 * <pre>
 * new n=4 [gc=G] [timeout=T]   a committee (insecure simulation keys), all replicas up
 * tick [at=MS | +MS] [nodes]    advance time and tick replicas (default all)
 * propose node=I batch=NAME     queue a batch at replica I
 * deliver [from=I] [to=J] [kind=K] [limit=N]   deliver queued messages matching the filter, once
 * stabilize [until=R] [quiet]  deliver in FIFO order until nothing is queued, or every live replica is in round R
 * hold from=I [to=J] [kind=K]   future matching messages are set aside; release puts them back in the queue
 * release [from=I]             requeue what is held (from I) and stop holding it
 * isolate I / heal              drop everything to and from I / stop dropping
 * header from=A to=I round=R batch=NAME   a hand-made header by A, whose parents are I's round R-1 vertices
 * crash I / restart I           restart I from what it persisted
 * status / commits I / dag I    inspect
 * </pre>
 * Outputs of delivery commands are the commits, refusals and alarms the replicas produced.
 */
final class Scenario {
    private record InFlight(int from, int to, Message message) {}

    private record Hold(int from, int to, String kind) {
        boolean matches(InFlight m) {
            return (from < 0 || m.from == from) && (to < 0 || m.to == to) && (kind == null || m.message.kind().equals(kind));
        }
    }

    private Committee committee;
    private InsecureSimulationScheme scheme;
    private Replica[] replicas;
    private PersistedState[] disks;
    private ReplicaConfig[] configs;
    private final ArrayDeque<InFlight> queue = new ArrayDeque<>();
    private final List<InFlight> held = new ArrayList<>();
    private final List<Hold> holds = new ArrayList<>();
    private final Set<Integer> isolated = new HashSet<>();
    private final Map<Digest, String> batchNames = new HashMap<>();
    private final List<List<CommittedSubDag>> commits = new ArrayList<>();
    private long now;

    String run(String command, Map<String, String> args, List<String> positional) {
        StringBuilder out = new StringBuilder();
        switch (command) {
            case "new" -> create(args, out);
            case "tick" -> tick(args, positional, out);
            case "propose" -> {
                int node = Integer.parseInt(args.get("node"));
                Batch batch = Batch.of(args.get("batch").getBytes(StandardCharsets.US_ASCII));
                batchNames.put(batch.digest(), args.get("batch"));
                perform(node, replicas[node].propose(batch), out);
            }
            case "deliver" -> deliver(args, out);
            case "stabilize" -> {
                long until = Long.parseLong(args.getOrDefault("until", Long.toString(Long.MAX_VALUE)));
                int delivered = 0;
                StringBuilder target = positional.contains("quiet") ? new StringBuilder() : out;
                while (!queue.isEmpty() && delivered < 100_000 && minimumRound() < until) {
                    deliverOne(queue.pollFirst(), target);
                    delivered++;
                }
                if (minimumRound() >= until) out.append("every live replica reached round ").append(until).append('\n');
            }
            case "hold" -> holds.add(new Hold(intArg(args, "from"), intArg(args, "to"), args.get("kind")));
            case "release" -> {
                int from = intArg(args, "from");
                holds.removeIf(h -> from < 0 || h.from() == from);
                List<InFlight> released = held.stream().filter(m -> from < 0 || m.from() == from).toList();
                held.removeAll(released);
                queue.addAll(released);
                out.append("released ").append(released.size()).append(" messages\n");
            }
            case "isolate" -> isolated.add(Integer.parseInt(positional.getFirst()));
            case "heal" -> isolated.clear();
            case "header" -> handMadeHeader(args, out);
            case "crash" -> {
                int node = Integer.parseInt(positional.getFirst());
                replicas[node] = null;
                queue.removeIf(m -> m.to == node);
            }
            case "restart" -> {
                int node = Integer.parseInt(positional.getFirst());
                replicas[node] = Replica.restore(configs[node], scheme, scheme.signer(node), disks[node]);
                out.append(node).append(": restored at round ").append(replicas[node].round()).append(", ").append(replicas[node].dag().size())
                        .append(" vertices, ").append(replicas[node].committedSubDags()).append(" sub-DAGs output\n");
            }
            case "status" -> status(out);
            case "commits" -> commitsOf(Integer.parseInt(positional.getFirst()), out);
            case "dag" -> dagOf(Integer.parseInt(positional.getFirst()), out);
            default -> throw new IllegalArgumentException("unknown scenario command " + command);
        }
        return out.toString();
    }

    private long minimumRound() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < replicas.length; i++) if (replicas[i] != null && !isolated.contains(i)) min = Math.min(min, replicas[i].round());
        return min;
    }

    private static int intArg(Map<String, String> args, String name) {
        return args.containsKey(name) ? Integer.parseInt(args.get(name)) : -1;
    }

    private void create(Map<String, String> args, StringBuilder out) {
        int n = Integer.parseInt(args.get("n"));
        List<Validator> validators = new ArrayList<>();
        for (int i = 0; i < n; i++) validators.add(new Validator(i, "v" + i, "dc" + (i % 2), InsecureSimulationScheme.keyOf(i)));
        committee = Committee.of(validators);
        scheme = new InsecureSimulationScheme(committee);
        int gc = Integer.parseInt(args.getOrDefault("gc", "50"));
        long timeout = Long.parseLong(args.getOrDefault("timeout", "1000"));
        replicas = new Replica[n];
        disks = new PersistedState[n];
        configs = new ReplicaConfig[n];
        for (int i = 0; i < n; i++) {
            configs[i] = ReplicaConfig.defaults(committee, i).withTimeouts(timeout, timeout, timeout / 2).withGc(gc, gc + 20);
            disks[i] = new PersistedState();
            replicas[i] = Replica.create(configs[i], scheme, scheme.signer(i));
            commits.add(new ArrayList<>());
        }
        out.append(committee).append(", commit threshold ").append(committee.commitThreshold()).append('\n');
    }

    private void tick(Map<String, String> args, List<String> positional, StringBuilder out) {
        if (args.containsKey("at")) now = Long.parseLong(args.get("at"));
        for (String p : positional) if (p.startsWith("+")) now += Long.parseLong(p.substring(1));
        List<Integer> nodes = new ArrayList<>();
        for (String p : positional) if (!p.startsWith("+")) nodes.add(Integer.parseInt(p));
        if (nodes.isEmpty()) for (int i = 0; i < replicas.length; i++) nodes.add(i);
        for (int node : nodes) if (replicas[node] != null) perform(node, replicas[node].tick(now), out);
    }

    private void deliver(Map<String, String> args, StringBuilder out) {
        Hold filter = new Hold(intArg(args, "from"), intArg(args, "to"), args.get("kind"));
        int limit = Integer.parseInt(args.getOrDefault("limit", "100000"));
        List<InFlight> chosen = new ArrayList<>();
        for (Iterator<InFlight> it = queue.iterator(); it.hasNext() && chosen.size() < limit; ) {
            InFlight m = it.next();
            if (filter.matches(m)) {
                chosen.add(m);
                it.remove();
            }
        }
        for (InFlight m : chosen) deliverOne(m, out);
    }

    private void deliverOne(InFlight m, StringBuilder out) {
        if (replicas[m.to] == null) return;
        perform(m.to, replicas[m.to].step(m.from, m.message), out);
    }

    private void handMadeHeader(Map<String, String> args, StringBuilder out) {
        int author = Integer.parseInt(args.get("from")), to = Integer.parseInt(args.get("to"));
        long round = Long.parseLong(args.get("round"));
        Batch batch = Batch.of(args.get("batch").getBytes(StandardCharsets.US_ASCII));
        batchNames.put(batch.digest(), args.get("batch"));
        List<Digest> parents = new ArrayList<>();
        for (Vertex v : replicas[to].dag().round(round - 1)) parents.add(v.digest());
        Header header = new Header(author, round, List.of(batch.digest()), parents);
        out.append("header ").append(header.digest()).append(" by ").append(author).append(" in round ").append(round).append('\n');
        perform(to, replicas[to].step(author, new Message.HeaderMessage(header, List.of(batch))), out, true);
    }

    private void perform(int node, List<Effect> effects, StringBuilder out) {
        perform(node, effects, out, false);
    }

    private void perform(int node, List<Effect> effects, StringBuilder out, boolean verbose) {
        for (Effect effect : effects) {
            switch (effect) {
                case Effect.Persist p -> disks[node].apply(p.record());
                case Effect.Send s -> {
                    if (verbose) out.append(node).append(" -> ").append(s.to()).append(": ").append(describe(s.message())).append('\n');
                    enqueue(node, s.to(), s.message());
                }
                case Effect.Broadcast b -> {
                    for (int to = 0; to < replicas.length; to++) if (to != node) enqueue(node, to, b.message());
                }
                case Effect.Commit c -> {
                    commits.get(node).add(c.subDag());
                    out.append(node).append(": commit ").append(describe(c.subDag())).append('\n');
                }
                case Effect.Rejected r -> out.append(node).append(": rejected from ").append(r.from()).append(' ').append(r.reason()).append('\n');
                case Effect.Alarm a -> out.append(node).append(": ALARM ").append(a.detail()).append('\n');
            }
        }
    }

    private static String describe(Message m) {
        return switch (m) {
            case Message.VoteMessage v -> "vote for " + v.vote().headerDigest() + " (author " + v.vote().author() + ", round " + v.vote().round() + ")";
            default -> m.kind();
        };
    }

    private void enqueue(int from, int to, Message message) {
        if (isolated.contains(from) || isolated.contains(to)) return;
        InFlight m = new InFlight(from, to, message);
        for (Hold h : holds) {
            if (h.matches(m)) {
                held.add(m);
                return;
            }
        }
        queue.addLast(m);
    }

    private String describe(CommittedSubDag sub) {
        StringJoiner vertices = new StringJoiner(" ");
        List<String> names = new ArrayList<>();
        for (CommittedSubDag.Entry e : sub.vertices()) {
            vertices.add("r" + e.round() + "/v" + e.author());
            for (Batch b : e.batches()) names.add(batchNames.getOrDefault(b.digest(), b.digest().toString()));
        }
        return "#" + sub.sequence() + " leader r" + sub.leaderRound() + ": " + vertices + (names.isEmpty() ? "" : " batches " + names);
    }

    private void status(StringBuilder out) {
        for (int i = 0; i < replicas.length; i++) {
            Replica r = replicas[i];
            if (r == null) {
                out.append(i).append(": down\n");
                continue;
            }
            MemoryUsage m = r.memory();
            out.append(i).append(": round ").append(r.round()).append(", DAG rounds (").append(r.gcRound()).append(", ").append(r.dag().highestRound())
                    .append("] with ").append(m.dagVertices()).append(" vertices, last leader r").append(r.lastCommittedLeaderRound())
                    .append(", ").append(r.committedSubDags()).append(" sub-DAGs, pending ").append(m.pendingCertificates()).append(" certificates ")
                    .append(m.pendingHeaders()).append(" headers ").append(m.missing()).append(" fetches\n");
        }
    }

    private void commitsOf(int node, StringBuilder out) {
        for (CommittedSubDag sub : commits.get(node)) out.append(describe(sub)).append('\n');
        if (commits.get(node).isEmpty()) out.append("none\n");
    }

    private void dagOf(int node, StringBuilder out) {
        Replica r = replicas[node];
        for (long round = r.gcRound() + 1; round <= r.dag().highestRound(); round++) {
            StringJoiner authors = new StringJoiner(" ");
            for (Vertex v : r.dag().round(round)) authors.add("v" + v.author() + (v.committed() ? "*" : ""));
            out.append('r').append(round).append(": ").append(authors).append('\n');
        }
    }

    /** Whether every live replica's output is a prefix of the longest (checked after every script). */
    String prefixViolation() {
        List<CommittedSubDag> longest = List.of();
        for (List<CommittedSubDag> c : commits) if (c.size() > longest.size()) longest = c;
        for (int i = 0; i < commits.size(); i++) {
            for (int k = 0; k < commits.get(i).size(); k++) {
                if (!commits.get(i).get(k).leader().equals(longest.get(k).leader())) return "replica " + i + " diverges at sub-DAG " + (k + 1);
            }
        }
        return null;
    }
}
