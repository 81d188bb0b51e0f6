package io.quantumsafe.audit.alert;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/** Email over SMTP (Angus Mail), one message per alert, optionally with STARTTLS and a login. */
public final class EmailSink implements AlertSink {
    /** Connection and read time-outs: a hung SMTP server must not hold the dispatcher forever. */
    static final int timeoutMillis = 10_000;

    /** @param username null for an unauthenticated relay */
    public record Settings(String host, int port, String from, List<String> to, boolean startTls, String username, String password) {}

    private final String name;
    private final Settings settings;
    private final Session session;

    public EmailSink(String name, Settings settings) {
        this.name = name;
        this.settings = settings;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", Integer.toString(settings.port()));
        properties.put("mail.smtp.connectiontimeout", Integer.toString(timeoutMillis));
        properties.put("mail.smtp.timeout", Integer.toString(timeoutMillis));
        properties.put("mail.smtp.writetimeout", Integer.toString(timeoutMillis));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        properties.put("mail.smtp.auth", Boolean.toString(settings.username() != null));
        this.session = Session.getInstance(properties);
    }

    @Override
    public String name() { return name; }

    @Override
    public void send(Alert alert) throws IOException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            for (String to : settings.to()) message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject("[QuantumSafe][" + alert.severity().toUpperCase(Locale.ROOT) + "] " + alert.ruleId()
                    + (alert.description().isEmpty() ? "" : ": " + alert.description()), "UTF-8");
            message.setText(body(alert), "UTF-8");
            message.setHeader("X-QuantumSafe-Alert-Id", alert.id());
            if (settings.username() != null) {
                Transport.send(message, settings.username(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw new IOException("SMTP " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
    }

    /** A file sent with {@link #sendReport}. */
    public record Attachment(String fileName, String contentType, byte[] bytes) {}

    /** Sends a scheduled report through this sink's SMTP settings: a text body and the report files attached. */
    public void sendReport(String subject, String text, java.util.List<Attachment> attachments) throws IOException {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(settings.from()));
            for (String to : settings.to()) message.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            jakarta.mail.internet.MimeMultipart parts = new jakarta.mail.internet.MimeMultipart();
            jakarta.mail.internet.MimeBodyPart body = new jakarta.mail.internet.MimeBodyPart();
            body.setText(text, "UTF-8");
            parts.addBodyPart(body);
            for (Attachment attachment : attachments) {
                jakarta.mail.internet.MimeBodyPart part = new jakarta.mail.internet.MimeBodyPart();
                part.setDataHandler(new jakarta.activation.DataHandler(
                        new jakarta.mail.util.ByteArrayDataSource(attachment.bytes(), attachment.contentType())));
                part.setFileName(attachment.fileName());
                parts.addBodyPart(part);
            }
            message.setContent(parts);
            if (settings.username() != null) {
                Transport.send(message, settings.username(), settings.password());
            } else {
                Transport.send(message);
            }
        } catch (MessagingException e) {
            throw new IOException("SMTP " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
    }

    static String body(Alert alert) {
        return "Rule:        " + alert.ruleId() + "\n"
                + "Severity:    " + alert.severity() + "\n"
                + "Description: " + alert.description() + "\n"
                + "Controls:    " + String.join(", ", alert.tags()) + "\n"
                + "Key:         " + alert.key() + " (" + alert.count() + " match(es))\n"
                + "Event time:  " + alert.eventTime() + "\n"
                + "Alert id:    " + alert.id() + "\n\n"
                + "Event:\n" + alert.event().toPrettyString() + "\n";
    }
}
