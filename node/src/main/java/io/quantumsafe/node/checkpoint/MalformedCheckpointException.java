package io.quantumsafe.node.checkpoint;

/** Bytes that are not a checkpoint, certificate, attestation or fraud proof of this version. */
public final class MalformedCheckpointException extends RuntimeException {
    public MalformedCheckpointException(String message) {
        super(message);
    }
}
