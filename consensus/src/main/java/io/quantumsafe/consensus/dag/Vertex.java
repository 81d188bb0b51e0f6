package io.quantumsafe.consensus.dag;

import io.quantumsafe.consensus.Batch;
import io.quantumsafe.consensus.Digest;
import io.quantumsafe.consensus.message.Certificate;
import java.util.List;

/** A certified header in the local DAG, with its batches (a vertex is only inserted once they are held). */
public final class Vertex {
    private final Certificate certificate;
    private final List<Batch> batches;
    private boolean committed;

    Vertex(Certificate certificate, List<Batch> batches) {
        this.certificate = certificate;
        this.batches = List.copyOf(batches);
    }

    public Certificate certificate() { return certificate; }

    public Digest digest() { return certificate.digest(); }

    public long round() { return certificate.round(); }

    public int author() { return certificate.author(); }

    public List<Digest> parents() { return certificate.header().parents(); }

    public List<Batch> batches() { return batches; }

    /** Whether Bullshark has output this vertex (it then never is again). */
    public boolean committed() { return committed; }

    void markCommitted() { committed = true; }

    @Override
    public String toString() { return "vertex " + digest() + " (author " + author() + ", round " + round() + ")"; }
}
