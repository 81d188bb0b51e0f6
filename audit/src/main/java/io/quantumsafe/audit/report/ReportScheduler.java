package io.quantumsafe.audit.report;

import io.quantumsafe.audit.alert.EmailSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link ReportSchedule}: at each cron time (UTC) builds the report for the range ending then,
 * writes each format to the directory (a temporary file moved into place, so a reader never sees a
 * half-written report) and optionally emails them. A failed run is logged and the next one still
 * happens; runs never overlap (one thread).
 */
public final class ReportScheduler implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReportScheduler.class);

    private final ReportSchedule schedule;
    private final ReportBuilder builder;
    private final List<EmailSink> mail;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    public ReportScheduler(ReportSchedule schedule, ReportBuilder builder, List<EmailSink> mail, Clock clock) {
        this.schedule = schedule;
        this.builder = builder;
        this.mail = schedule.email() ? List.copyOf(mail) : List.of();
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true).name("qsafe-audit-reports").factory());
    }

    public ReportScheduler start() {
        scheduleNext(clock.instant());
        return this;
    }

    /** The next run after both now and the previous run: a clock behind the schedule must not repeat a run. */
    private void scheduleNext(Instant previous) {
        Instant now = clock.instant();
        ZonedDateTime next = schedule.cron().next((now.isAfter(previous) ? now : previous).atZone(ZoneOffset.UTC));
        long delayMillis = Math.max(0, next.toInstant().toEpochMilli() - clock.millis());
        log.info("next scheduled report at {}", next);
        executor.schedule(() -> {
            try {
                runOnce(next.toInstant());
            } catch (IOException | RuntimeException e) {
                log.error("scheduled report for {} failed", next, e);
            } finally {
                if (!executor.isShutdown()) scheduleNext(next.toInstant());
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    /** Builds, writes and mails the report whose range ends at {@code at}; returns the files written. */
    public List<Path> runOnce(Instant at) throws IOException {
        ReportData data = builder.build(at.minus(schedule.range()), at, clock.instant());
        Files.createDirectories(schedule.directory());
        String stem = "qsafe-audit-report-" + at.toString().replace(':', '-');
        List<Path> written = new ArrayList<>();
        List<EmailSink.Attachment> attachments = new ArrayList<>();
        for (String format : schedule.formats()) {
            byte[] bytes = format.equals("pdf") ? PdfReport.render(data) : CsvReport.render(data).getBytes(StandardCharsets.UTF_8);
            Path target = schedule.directory().resolve(stem + "." + format);
            Path temporary = schedule.directory().resolve("." + stem + "." + format + ".tmp");
            Files.write(temporary, bytes);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            written.add(target);
            attachments.add(new EmailSink.Attachment(target.getFileName().toString(), format.equals("pdf") ? "application/pdf"
                    : "text/csv", bytes));
        }
        String summary = "QuantumSafe audit report " + data.from() + " to " + data.to() + ": " + data.eventsScanned() + " events, "
                + data.alertsTotal() + " alerts, " + data.compliance().stream().filter(c -> c.status() == ReportData.ControlStatus.FAILING)
                .count() + " failing controls.";
        for (EmailSink sink : mail) {
            try {
                sink.sendReport("[QuantumSafe] Audit report " + data.from() + " to " + data.to(), summary, attachments);
            } catch (IOException e) {
                log.error("emailing the report through {} failed; it is in {}", sink.name(), schedule.directory(), e);
            }
        }
        log.info("scheduled report written: {}", written);
        return written;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
