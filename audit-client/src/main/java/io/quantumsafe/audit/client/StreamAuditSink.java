package io.quantumsafe.audit.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** JSON lines to standard output or appended to a file, flushed per batch. */
public final class StreamAuditSink extends BatchingSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutputStream out;
    private final boolean ownsStream;

    private StreamAuditSink(String name, OutputStream out, boolean ownsStream) {
        super(name, HttpAuditSink.queueCapacityDefault, HttpAuditSink.batchMaxDefault, 0);
        this.out = out;
        this.ownsStream = ownsStream;
    }

    public static StreamAuditSink stdout() {
        return new StreamAuditSink("stdout", System.out, false);
    }

    public static StreamAuditSink file(Path file) throws IOException {
        if (file.getParent() != null) Files.createDirectories(file.getParent());
        return new StreamAuditSink("file", Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
    }

    @Override
    int send(List<ObjectNode> batch) {
        try {
            StringBuilder lines = new StringBuilder();
            for (ObjectNode event : batch) lines.append(JSON.writeValueAsString(event)).append('\n');
            synchronized (out) {
                out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            return batch.size();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    void closeTransport() {
        if (ownsStream) {
            try {
                out.close();
            } catch (IOException e) {
                // Nothing more can be written; the counts already say what was delivered.
            }
        }
    }
}
