package io.quantumsafe.consensus.replica;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.Verify;
import io.quantumsafe.consensus.committee.Committee;
import io.quantumsafe.consensus.crypto.CertificateScheme;
import io.quantumsafe.consensus.crypto.QuorumSignature;
import io.quantumsafe.consensus.crypto.VoteSigner;
import io.quantumsafe.consensus.dag.Dag;
import io.quantumsafe.consensus.dag.Vertex;
import io.quantumsafe.consensus.message.Certificate;
import io.quantumsafe.consensus.message.CodecLimits;
import io.quantumsafe.consensus.message.Header;
import io.quantumsafe.consensus.message.MalformedMessageException;
import io.quantumsafe.consensus.message.Message;
import io.quantumsafe.consensus.message.Message.CertificateMessage;
import io.quantumsafe.consensus.message.Message.HeaderMessage;
import io.quantumsafe.consensus.message.Message.SyncRequest;
import io.quantumsafe.consensus.message.Message.SyncResponse;
import io.quantumsafe.consensus.message.Message.VoteMessage;
import io.quantumsafe.consensus.message.MessageCodec;
import io.quantumsafe.consensus.message.Vote;
import io.quantumsafe.consensus.order.Bullshark;
import io.quantumsafe.consensus.order.CommittedSubDag;
import io.quantumsafe.consensus.order.LeaderSchedule;
import io.quantumsafe.consensus.replica.StateRecord.CommitRecord;
import io.quantumsafe.consensus.replica.StateRecord.GcRecord;
import io.quantumsafe.consensus.replica.StateRecord.OwnHeaderRecord;
import io.quantumsafe.consensus.replica.StateRecord.VertexRecord;
import io.quantumsafe.consensus.replica.StateRecord.VoteRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One validator's consensus state machine: Narwhal (headers, votes, certificates, fetching of
 * missing parents and batches, garbage collection) feeding Bullshark's ordering. Pure: no threads,
 * clocks, randomness or I/O. Time comes in through {@link #tick(long)}; every output is an
 * {@link Effect} returned in the order the caller must perform it.
 *
 * <p>Safety rules, each checked where it is applied:
 * <ul>
 *   <li>vote at most once per (author, round), only for a header whose parents (a quorum of distinct
 *       authors in the previous round) and batches this replica holds, and never for a round older than
 *       one already voted for that author; the vote is persisted before it is sent;
 *   <li>propose at most one header per round, rounds strictly increasing; persisted before it is sent;
 *   <li>insert a certificate only with a valid quorum, all parents present and its batches held.
 * </ul>
 */
public final class Replica {
    private final ReplicaConfig config;
    private final Committee committee;
    private final int self;
    private final CertificateScheme scheme;
    private final VoteSigner signer;
    private final CodecLimits limits;
    private final Dag dag;
    private final Bullshark bullshark;
    private final Fetcher fetcher;

    private final VoteRule voteRule;

    // Proposing.
    private long proposedRound;
    private Header ownHeader;
    private List<Batch> ownBatches = List.of();
    private boolean ownCertified;
    private final TreeMap<Integer, byte[]> ownVotes = new TreeMap<>();
    private final ArrayDeque<Batch> proposalQueue = new ArrayDeque<>();

    // Round progress.
    private boolean started;
    private long now;
    private long waitingRound = -1;
    private long waitingSince;
    private long lastProgressAt;
    private long lastResendAt;

    // Bounded buffers.
    private final PendingCertificates pendingCertificates = new PendingCertificates();
    private final HeaderMessage[] pendingHeaders;
    private final BatchStore batches = new BatchStore();

    private List<Effect> out = new ArrayList<>();

    private Replica(ReplicaConfig config, CertificateScheme scheme, VoteSigner signer) {
        Verify.that(signer.validator() == config.self(), "the vote signer is validator " + signer.validator() + ", the replica " + config.self());
        this.config = config;
        this.committee = config.committee();
        this.self = config.self();
        this.scheme = scheme;
        this.signer = signer;
        this.limits = config.codecLimits(scheme.voteSignatureBytes());
        this.dag = new Dag(committee.size());
        this.bullshark = new Bullshark(committee, LeaderSchedule.roundRobin(committee.size()), config.gcDepthRounds());
        this.fetcher = new Fetcher(config.missingMax(), config.syncItemsMax());
        int n = committee.size();
        this.voteRule = new VoteRule(n, config.brokenVoteRuleForTestsOnly());
        this.pendingHeaders = new HeaderMessage[n];
    }

    /** A replica starting from nothing (the first round). */
    public static Replica create(ReplicaConfig config, CertificateScheme scheme, VoteSigner signer) {
        return new Replica(config, scheme, signer);
    }

    /** A replica restarted from what it persisted: it keeps its votes and own header, so it cannot equivocate. */
    public static Replica restore(ReplicaConfig config, CertificateScheme scheme, VoteSigner signer, PersistedState state) {
        Replica r = new Replica(config, scheme, signer);
        r.dag.restoreGcRound(state.gcRound());
        for (VertexRecord v : state.vertices()) {
            for (Batch b : v.batches()) r.batches.put(b, v.certificate().round());
            r.dag.insert(v.certificate(), v.batches());
        }
        for (Digest d : state.committed()) {
            Vertex v = r.dag.get(d);
            if (v != null) r.dag.markCommitted(v);
        }
        r.bullshark.restore(state.lastCommittedLeaderRound(), state.sequence());
        for (VoteRecord v : state.lastVotes().values()) r.voteRule.record(v.author(), v.round(), v.header(), null);
        OwnHeaderRecord own = state.lastOwnHeader();
        if (own != null) {
            r.proposedRound = own.header().round();
            r.ownHeader = own.header();
            r.ownBatches = own.batches();
            r.ownCertified = r.dag.contains(own.header().digest()) || own.header().round() <= r.dag.gcRound();
            for (Batch b : own.batches()) r.batches.put(b, own.header().round());
            if (!r.ownCertified) r.ownVotes.put(r.self, r.signer.sign(own.header().digest()));
        }
        return r;
    }

    // ---------------------------------------------------------------- inputs

    /** Advances time: proposes when a round's wait is over, re-sends when stuck, retries fetches. */
    public List<Effect> tick(long nowMillis) {
        out = new ArrayList<>();
        now = Math.max(now, nowMillis);
        if (!started) {
            started = true;
            lastProgressAt = now;
            if (proposedRound == 0) propose(1, List.of());
            else if (!ownCertified) out.add(new Effect.Broadcast(new HeaderMessage(ownHeader, ownBatches)));
        }
        tryAdvance();
        resendIfStuck();
        refreshFetches();
        for (Map.Entry<Integer, SyncRequest> e : fetcher.retry(now, config.syncRetryMillis()).entrySet()) {
            out.add(new Effect.Send(e.getKey(), e.getValue()));
        }
        return out;
    }

    /** Queues a batch for this replica's next header. */
    public List<Effect> propose(Batch batch) {
        out = new ArrayList<>();
        if (batch.sizeBytes() > config.batchBytesMax()) {
            reject(self, Rejection.PROPOSAL_REFUSED, "batch of " + batch.sizeBytes() + " bytes exceeds " + config.batchBytesMax());
        } else if (proposalQueue.size() >= config.proposalQueueMax()) {
            reject(self, Rejection.PROPOSAL_REFUSED, "proposal queue is full (" + config.proposalQueueMax() + " batches)");
        } else {
            proposalQueue.addLast(batch);
        }
        return out;
    }

    /** Handles encoded bytes from validator {@code from} (the transport authenticated it). */
    public List<Effect> receive(int from, byte[] bytes) {
        try {
            return step(from, MessageCodec.decode(bytes, limits));
        } catch (MalformedMessageException e) {
            out = new ArrayList<>();
            reject(from, Rejection.MALFORMED, e.getMessage());
            return out;
        }
    }

    /** Handles a decoded message from validator {@code from} (the transport authenticated it). */
    public List<Effect> step(int from, Message message) {
        out = new ArrayList<>();
        if (!committee.contains(from) || from == self) {
            reject(from, Rejection.UNKNOWN_SENDER, "sender " + from + " is not another member of the " + committee);
            return out;
        }
        switch (message) {
            case HeaderMessage m -> onHeader(from, m);
            case VoteMessage m -> onVote(from, m.vote());
            case CertificateMessage m -> onCertificate(from, m.certificate());
            case SyncRequest m -> onSyncRequest(from, m);
            case SyncResponse m -> onSyncResponse(from, m);
        }
        drainPendingCertificates();
        retryPendingHeaders();
        tryAdvance();
        return out;
    }

    // ---------------------------------------------------------------- headers and votes

    private void onHeader(int from, HeaderMessage m) {
        Header h = m.header();
        int author = h.author();
        if (author != from) { reject(from, Rejection.AUTHOR_NOT_SENDER, h + " sent by " + from); return; }
        if (h.round() <= dag.gcRound()) { reject(from, Rejection.ROUND_TOO_OLD, h + " is at or below GC round " + dag.gcRound()); return; }
        long aheadMax = dag.highestRound() + config.headerRoundsAheadMax();
        if (h.round() > aheadMax) { reject(from, Rejection.ROUND_TOO_FAR_AHEAD, h + " is beyond round " + aheadMax); return; }
        String problem = Headers.structuralProblem(h, committee, config.batchesPerHeaderMax());
        if (problem != null) { reject(from, Rejection.INVALID_PARENTS, problem); return; }
        problem = Headers.batchProblem(h, m.batches(), config.batchBytesMax());
        if (problem != null) { reject(from, Rejection.INVALID_BATCHES, problem); return; }
        if (h.round() + 1 < proposedRound) hintBehind(from);
        switch (voteRule.decide(h)) {
            case OLDER_ROUND -> { reject(from, Rejection.ALREADY_VOTED_LATER_ROUND, h + ": voted for round " + voteRule.lastRound(author)); return; }
            case RESEND -> { resendVote(h); return; }
            case EQUIVOCATION -> {
                reject(from, Rejection.EQUIVOCATION, h + " conflicts with " + voteRule.lastDigest(author) + ", voted for in that round");
                return;
            }
            case VOTE -> { }
        }
        List<Digest> missingParents = missingParents(h);
        if (!missingParents.isEmpty()) {
            HeaderMessage pending = pendingHeaders[author];
            if (pending == null || pending.header().round() <= h.round()) pendingHeaders[author] = m;
            fetch(missingParents, List.of(), h.round() - 1, Headers.candidates(author, committee.size(), self));
            return;
        }
        problem = Headers.parentProblem(h, dag);
        if (problem != null) { reject(from, Rejection.INVALID_PARENTS, problem); return; }
        if (batches.size() + m.batches().size() > config.batchCacheMax()) { reject(from, Rejection.BUFFER_FULL, "batch store is full"); return; }
        for (Batch b : m.batches()) batches.put(b, h.round());
        vote(h);
    }

    private void vote(Header h) {
        Verify.that(voteRule.decide(h) == VoteRule.Decision.VOTE, "voting twice for author " + h.author() + " in round " + h.round());
        Vote vote = new Vote(h.digest(), h.author(), h.round(), self, signer.sign(h.digest()));
        voteRule.record(h.author(), h.round(), h.digest(), vote);
        out.add(new Effect.Persist(new VoteRecord(h.author(), h.round(), h.digest())));
        out.add(new Effect.Send(h.author(), new VoteMessage(vote)));
    }

    /** The author did not get our vote (it re-sent the header): send the same decision again. */
    private void resendVote(Header h) {
        Vote vote = voteRule.sentFor(h);
        if (vote == null) {
            vote = new Vote(h.digest(), h.author(), h.round(), self, signer.sign(h.digest()));
            voteRule.record(h.author(), h.round(), h.digest(), vote);
        }
        out.add(new Effect.Send(h.author(), new VoteMessage(vote)));
    }

    private void onVote(int from, Vote vote) {
        if (vote.voter() != from) { reject(from, Rejection.VOTER_NOT_SENDER, vote + " sent by " + from); return; }
        boolean forCurrent = ownHeader != null && vote.author() == self && vote.round() == proposedRound && vote.headerDigest().equals(ownHeader.digest());
        if (!forCurrent) {
            if (vote.author() != self || vote.round() > proposedRound) reject(from, Rejection.UNEXPECTED_VOTE, vote + " is not for a header of ours");
            return; // a late vote for an earlier own header, or for one certified already: harmless
        }
        if (ownCertified || ownVotes.containsKey(from)) return;
        if (!scheme.verifyVote(from, vote.headerDigest(), vote.signature())) {
            reject(from, Rejection.INVALID_SIGNATURE, vote + " does not verify under validator " + from + "'s key");
            return;
        }
        ownVotes.put(from, vote.signature());
        if (ownVotes.size() >= committee.quorum()) certifyOwnHeader();
    }

    private void certifyOwnHeader() {
        QuorumSignature signatures = scheme.aggregate(ownHeader.digest(), ownVotes);
        Verify.that(signatures.signerCount() >= committee.quorum(), "own certificate with " + signatures.signerCount() + " signers");
        Certificate certificate = new Certificate(ownHeader, signatures);
        ownCertified = true;
        if (!dag.contains(certificate.digest()) && !dag.hasConflict(ownHeader.round(), self)) insert(certificate);
        out.add(new Effect.Broadcast(new CertificateMessage(certificate)));
    }

    // ---------------------------------------------------------------- proposing and round progress

    private void tryAdvance() {
        if (!started) return;
        long floor = Math.max(proposedRound, dag.gcRound() + 1);
        long round = -1;
        for (long r = dag.highestRound(); r >= floor; r--) {
            if (dag.countAt(r) >= committee.quorum()) { round = r; break; }
        }
        if (round < 0 || round + 1 <= proposedRound) return;
        if (round + 1 > dag.gcRound() + config.dagRoundsMax()) return; // bounded DAG: wait for commits to let GC catch up
        if (round != waitingRound) {
            waitingRound = round;
            waitingSince = now;
        }
        if (!leaderReady(round) && now - waitingSince < config.leaderTimeoutMillis()) return;
        List<Digest> parents = new ArrayList<>();
        for (Vertex v : dag.round(round)) parents.add(v.digest());
        propose(round + 1, parents);
    }

    /** Bullshark's wait: for the leader in an even round, for its votes (or a quorum not voting) in an odd one. */
    private boolean leaderReady(long round) {
        if (LeaderSchedule.isLeaderRound(round)) return bullshark.leaderVertex(dag, round) != null;
        if (!LeaderSchedule.isLeaderRound(round - 1)) return true;
        int support = bullshark.support(dag, round - 1);
        return support >= committee.commitThreshold() || dag.countAt(round) - support >= committee.quorum();
    }

    private void propose(long round, List<Digest> parents) {
        Verify.that(round > proposedRound, "proposing round " + round + " after round " + proposedRound + " (equivocation)");
        if (ownHeader != null && !ownCertified) {
            // Never certified and never will be (we stop collecting its votes): its batches go in the new header.
            for (int i = ownBatches.size() - 1; i >= 0; i--) proposalQueue.addFirst(ownBatches.get(i));
        }
        List<Batch> chosen = new ArrayList<>();
        while (!proposalQueue.isEmpty() && chosen.size() < config.batchesPerHeaderMax()) chosen.add(proposalQueue.pollFirst());
        List<Digest> digests = new ArrayList<>();
        for (Batch b : chosen) digests.add(b.digest());
        Header header = new Header(self, round, digests, parents);
        proposedRound = round;
        ownHeader = header;
        ownBatches = List.copyOf(chosen);
        ownCertified = false;
        ownVotes.clear();
        lastProgressAt = now;
        for (Batch b : chosen) batches.put(b, round);
        out.add(new Effect.Persist(new OwnHeaderRecord(header, chosen)));
        voteRule.record(self, round, header.digest(), null);
        out.add(new Effect.Persist(new VoteRecord(self, round, header.digest())));
        ownVotes.put(self, signer.sign(header.digest()));
        out.add(new Effect.Broadcast(new HeaderMessage(header, chosen)));
        if (ownVotes.size() >= committee.quorum()) certifyOwnHeader();
    }

    private void resendIfStuck() {
        if (now - lastProgressAt < config.resendIntervalMillis() || now - lastResendAt < config.resendIntervalMillis()) return;
        lastResendAt = now;
        if (ownHeader != null && !ownCertified) {
            HeaderMessage message = new HeaderMessage(ownHeader, ownBatches);
            for (int i = 0; i < committee.size(); i++) if (i != self && !ownVotes.containsKey(i)) out.add(new Effect.Send(i, message));
        }
        Vertex latest = latestOwnVertex();
        if (latest != null) out.add(new Effect.Broadcast(new CertificateMessage(latest.certificate())));
    }

    /** A peer proposing an old round is behind: our latest certificate lets it fetch its way forward. */
    private void hintBehind(int peer) {
        Vertex latest = latestOwnVertex();
        if (latest != null) out.add(new Effect.Send(peer, new CertificateMessage(latest.certificate())));
    }

    private Vertex latestOwnVertex() {
        for (long r = dag.highestRound(); r > dag.gcRound(); r--) {
            Vertex v = dag.at(r, self);
            if (v != null) return v;
        }
        return null;
    }

    // ---------------------------------------------------------------- certificates

    private void onCertificate(int from, Certificate c) {
        Digest d = c.digest();
        if (dag.contains(d) || pendingCertificates.contains(c)) return;
        if (c.round() <= dag.gcRound()) { reject(from, Rejection.ROUND_TOO_OLD, c + " is at or below GC round " + dag.gcRound()); return; }
        long aheadMax = dag.gcRound() + config.dagRoundsMax();
        if (c.round() > aheadMax) { reject(from, Rejection.ROUND_TOO_FAR_AHEAD, c + " is beyond round " + aheadMax); return; }
        String problem = Headers.structuralProblem(c.header(), committee, config.batchesPerHeaderMax());
        if (problem != null) { reject(from, Rejection.INVALID_CERTIFICATE, problem); return; }
        QuorumSignature signatures = c.signatures();
        if (signatures.signerCount() < committee.quorum() || signatures.signers().length() > committee.size()) {
            reject(from, Rejection.INVALID_CERTIFICATE, c + " has " + signatures.signerCount() + " signers, a quorum is " + committee.quorum());
            return;
        }
        if (!scheme.verify(d, signatures)) { reject(from, Rejection.INVALID_CERTIFICATE, c + " has signatures that do not verify"); return; }
        if (dag.hasConflict(c.round(), c.author())) {
            reject(from, Rejection.CONFLICTING_CERTIFICATE, c + ": its slot already holds two certificates");
            return;
        }
        if (pendingCertificates.size() >= config.pendingCertificatesMax()) { reject(from, Rejection.BUFFER_FULL, "pending certificates are full"); return; }
        pendingCertificates.add(c);
        List<Digest> parents = missingParents(c.header());
        List<Digest> batchDigests = missingBatches(c.header());
        if (!parents.isEmpty() || !batchDigests.isEmpty()) fetch(parents, batchDigests, c.round(), Headers.candidates(c, from, self));
    }

    /** Inserts every pending certificate whose parents and batches are now held, lowest round first. */
    private void drainPendingCertificates() {
        if (pendingCertificates.size() == 0) return;
        for (Certificate c : pendingCertificates.inOrder()) {
            if (!missingParents(c.header()).isEmpty() || !missingBatches(c.header()).isEmpty()) continue;
            pendingCertificates.remove(c);
            if (dag.contains(c.digest())) continue;
            if (dag.hasConflict(c.round(), c.author())) {
                reject(c.author(), Rejection.CONFLICTING_CERTIFICATE, c + ": its slot already holds two certificates");
                continue;
            }
            Vertex existing = dag.at(c.round(), c.author());
            if (existing != null) {
                out.add(new Effect.Alarm(c + " and " + existing + " are both certified: more than f validators voted twice"));
            }
            String problem = Headers.parentProblem(c.header(), dag);
            if (problem != null) { reject(c.author(), Rejection.INVALID_CERTIFICATE, problem); continue; }
            insert(c);
        }
    }

    private void insert(Certificate c) {
        List<Batch> held = new ArrayList<>();
        for (Digest d : c.header().batchDigests()) held.add(batches.get(d));
        Vertex vertex = dag.insert(c, held);
        out.add(new Effect.Persist(new VertexRecord(c, held)));
        fetcher.satisfied(c.digest());
        List<CommittedSubDag> committed = bullshark.onInsert(dag, vertex);
        for (CommittedSubDag sub : committed) {
            List<Digest> digests = new ArrayList<>();
            for (CommittedSubDag.Entry e : sub.vertices()) digests.add(e.digest());
            out.add(new Effect.Persist(new CommitRecord(sub.sequence(), sub.leaderRound(), digests)));
            out.add(new Effect.Commit(sub));
        }
        if (!committed.isEmpty()) collectGarbage(bullshark.lastCommittedLeaderRound() - config.gcDepthRounds());
    }

    private void collectGarbage(long gcRound) {
        if (gcRound <= dag.gcRound()) return;
        for (Vertex v : dag.collectGarbage(gcRound)) {
            // Our certified batches that no leader output before GC: no leader ever will (the output floor only rises), so re-propose.
            if (v.author() == self && !v.committed()) for (Batch b : v.batches()) proposalQueue.addLast(b);
        }
        batches.collectGarbage(gcRound);
        pendingCertificates.collectGarbage(gcRound);
        for (int i = 0; i < pendingHeaders.length; i++) {
            if (pendingHeaders[i] != null && pendingHeaders[i].header().round() <= gcRound) pendingHeaders[i] = null;
        }
        fetcher.prune(gcRound, this::holds, null);
        out.add(new Effect.Persist(new GcRecord(gcRound)));
    }

    // ---------------------------------------------------------------- fetching

    private void onSyncRequest(int from, SyncRequest request) {
        if (request.certificates().size() > config.syncItemsMax() || request.batches().size() > config.syncItemsMax()) {
            reject(from, Rejection.MALFORMED, "sync request for more than " + config.syncItemsMax() + " items");
            return;
        }
        List<Certificate> certificates = new ArrayList<>();
        for (Digest d : request.certificates()) {
            Vertex v = dag.get(d);
            if (v != null) certificates.add(v.certificate());
        }
        List<Batch> found = new ArrayList<>();
        for (Digest d : request.batches()) {
            Batch b = batches.get(d);
            if (b != null) found.add(b);
        }
        if (!certificates.isEmpty() || !found.isEmpty()) out.add(new Effect.Send(from, new SyncResponse(certificates, found)));
    }

    private void onSyncResponse(int from, SyncResponse response) {
        for (Batch b : response.batches()) {
            long round = fetcher.batchRound(b.digest());
            if (round < 0) { reject(from, Rejection.UNSOLICITED, b + " was not requested"); continue; }
            batches.put(b, round);
            fetcher.satisfied(b.digest());
        }
        for (Certificate c : response.certificates()) onCertificate(from, c);
    }

    private void fetch(List<Digest> certificates, List<Digest> batchDigests, long round, int[] candidates) {
        for (Map.Entry<Integer, SyncRequest> e : fetcher.request(certificates, batchDigests, round, candidates, now).entrySet()) {
            out.add(new Effect.Send(e.getKey(), e.getValue()));
        }
    }

    /** Re-derives what pending input still needs, drops what nothing needs, and asks for what is not being fetched. */
    private void refreshFetches() {
        Set<Digest> needed = new HashSet<>();
        for (Certificate c : pendingCertificates.inOrder()) {
            List<Digest> parents = missingParents(c.header()), batchDigests = missingBatches(c.header());
            needed.addAll(parents);
            needed.addAll(batchDigests);
            fetch(parents, batchDigests, c.round(), Headers.candidates(c, c.author(), self));
        }
        for (HeaderMessage m : pendingHeaders) {
            if (m == null) continue;
            List<Digest> parents = missingParents(m.header());
            needed.addAll(parents);
            fetch(parents, List.of(), m.header().round() - 1, Headers.candidates(m.header().author(), committee.size(), self));
        }
        fetcher.prune(dag.gcRound(), this::holds, needed);
    }

    private void retryPendingHeaders() {
        for (int author = 0; author < pendingHeaders.length; author++) {
            HeaderMessage m = pendingHeaders[author];
            if (m != null && missingParents(m.header()).isEmpty()) {
                pendingHeaders[author] = null;
                onHeader(author, m);
            }
        }
    }

    private List<Digest> missingParents(Header h) {
        List<Digest> missing = new ArrayList<>();
        for (Digest p : h.parents()) if (!dag.hasParent(p, h.round())) missing.add(p);
        return missing;
    }

    private List<Digest> missingBatches(Header h) {
        List<Digest> missing = new ArrayList<>();
        for (Digest d : h.batchDigests()) if (!batches.contains(d)) missing.add(d);
        return missing;
    }

    private boolean holds(Digest d) { return dag.contains(d) || batches.contains(d); }

    private void reject(int from, Rejection reason, String detail) {
        out.add(new Effect.Rejected(from, reason, detail));
    }

    // ---------------------------------------------------------------- observation (tests, simulator, metrics)

    public int self() { return self; }

    /** The round of this replica's latest header. */
    public long round() { return proposedRound; }

    public long gcRound() { return dag.gcRound(); }

    public long lastCommittedLeaderRound() { return bullshark.lastCommittedLeaderRound(); }

    public long committedSubDags() { return bullshark.sequence(); }

    public MemoryUsage memory() {
        int pendingHeaderCount = 0;
        for (HeaderMessage m : pendingHeaders) if (m != null) pendingHeaderCount++;
        return new MemoryUsage(dag.size(), dag.roundCount(), pendingCertificates.size(), pendingHeaderCount, batches.size(), fetcher.size(),
                proposalQueue.size());
    }

    /** Batches accepted by {@link #propose} but not yet in a header (lost if the process crashes, as in any mempool). */
    public List<Batch> queuedBatches() { return List.copyOf(proposalQueue); }

    /** Read-only view of the DAG (scenario tests print it). */
    public Dag dag() { return dag; }

    public ReplicaConfig config() { return config; }
}
