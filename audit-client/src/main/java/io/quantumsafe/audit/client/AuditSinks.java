package io.quantumsafe.audit.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Builds a sink from its configuration text: {@code stdout}, {@code file:PATH}, or an http(s) URL. */
public final class AuditSinks {
    private AuditSinks() {}

    public static AuditSink parse(String spec) throws IOException {
        if (spec.equals("stdout")) return StreamAuditSink.stdout();
        if (spec.startsWith("file:")) return StreamAuditSink.file(Path.of(spec.substring(5)));
        if (spec.startsWith("http://") || spec.startsWith("https://")) return new HttpAuditSink(URI.create(spec));
        throw new IllegalArgumentException("audit sink '" + spec + "' is not stdout, file:PATH or an http(s) URL");
    }
}
