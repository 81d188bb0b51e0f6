package io.quantumsafe.audit.report;

import io.quantumsafe.audit.inventory.CryptoInventory;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The report as PDF (Apache PDFBox): summary, a bar chart and table of alerts by rule coloured by
 * severity, anomalies, compliance per control with evidence, and the crypto inventory. Text only
 * in the standard Helvetica fonts, so nothing is embedded and the text extracts back exactly.
 */
public final class PdfReport {
    private PdfReport() {}

    static final int barsMax = 20;
    static final int inventoryRowsMax = 200;
    /** About 60 lines a page: the sections' own bounds stay far below this; it guards against a wrapping bug. */
    static final int pagesMax = 300;

    public static byte[] render(ReportData data) throws IOException {
        try (PDDocument document = new PDDocument(); Writer writer = new Writer(document)) {
            writer.title("QuantumSafe audit report");
            writer.line("Range: " + data.from() + " to " + data.to() + " (UTC)");
            writer.line("Generated: " + data.generatedAt());
            writer.gap();
            writer.heading("Summary");
            writer.line("Events: " + data.eventsScanned() + (data.truncated() ? " (scan stopped at its bound; newest events only)" : ""));
            writer.line("Alerts: " + data.alertsTotal());
            for (Map.Entry<String, Long> severity : data.alertsBySeverity().entrySet()) {
                writer.line("  " + severity.getKey() + ": " + severity.getValue());
            }
            writer.line("Anomalies: " + data.anomaliesTotal());
            long failing = data.compliance().stream().filter(c -> c.status() == ReportData.ControlStatus.FAILING).count();
            writer.line("Compliance controls: " + data.compliance().size() + " (" + failing + " failing)");
            writer.line("Algorithms in use: " + data.inventory().entries().size() + " (" + data.inventory().flagged()
                    + " quantum-vulnerable or deprecated)");
            writer.gap();
            writer.heading("Alerts by rule and severity");
            if (data.alertsByRule().isEmpty()) writer.line("No alerts in this range.");
            else writer.bars(data.alertsByRule().subList(0, Math.min(barsMax, data.alertsByRule().size())));
            for (ReportData.RuleAlerts rule : data.alertsByRule()) {
                writer.line(rule.ruleId() + "  " + rule.severity() + "  " + rule.count());
            }
            writer.gap();
            writer.heading("Anomalies");
            if (data.anomalies().isEmpty()) writer.line("No anomalous events in this range.");
            for (ReportData.Anomaly anomaly : data.anomalies()) {
                writer.line(anomaly.timestamp() + "  " + anomaly.component() + "  " + anomaly.clientId() + "  grade "
                        + String.format(java.util.Locale.ROOT, "%.2f", anomaly.grade()) + "  " + anomaly.explanation());
            }
            writer.gap();
            writer.heading("Compliance");
            for (ReportData.Control control : data.compliance()) {
                writer.bold(control.control() + "  " + control.status().wireName().toUpperCase(java.util.Locale.ROOT));
                for (ReportData.RuleAlerts rule : control.rules()) writer.line("  rule " + rule.ruleId() + ": " + rule.count() + " alerts");
                for (ReportData.Evidence evidence : control.evidence()) writer.line("  evidence " + evidence.alertId() + ": " + evidence.summary());
            }
            writer.gap();
            writer.heading("Crypto inventory");
            if (data.inventory().entries().isEmpty()) writer.line("No cryptographic operations observed in this range.");
            List<CryptoInventory.Entry> entries = data.inventory().entries();
            for (CryptoInventory.Entry entry : entries.subList(0, Math.min(inventoryRowsMax, entries.size()))) {
                writer.line(entry.component() + "  " + entry.name() + "  " + entry.status().wireName() + "  " + entry.events()
                        + " events  clients " + names(entry.clients()));
                if (entry.status().deprecatedAfter() != null) {
                    writer.line("    NIST IR 8547: deprecated after " + entry.status().deprecatedAfter().getYear() + ", disallowed after "
                            + entry.status().disallowedAfter().getYear());
                }
            }
            if (entries.size() > inventoryRowsMax) writer.line("... " + (entries.size() - inventoryRowsMax) + " more in the CSV and CBOM");
            writer.close();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** At most {@link #namesListedMax} names on paper; the CSV and the CBOM have them all. */
    static String names(java.util.Collection<String> names) {
        List<String> shown = names.stream().limit(namesListedMax).toList();
        return String.join(", ", shown) + (names.size() > namesListedMax ? " and " + (names.size() - namesListedMax) + " more" : "");
    }

    static final int namesListedMax = 10;

    static Color severityColor(String severity) {
        return switch (severity) {
            case "critical" -> new Color(0x7f, 0x1d, 0x1d);
            case "high" -> new Color(0xdc, 0x26, 0x26);
            case "medium" -> new Color(0xf5, 0x9e, 0x0b);
            case "low" -> new Color(0x25, 0x63, 0xeb);
            default -> new Color(0x6b, 0x72, 0x80);
        };
    }

    /** A top-down text cursor over A4 pages, starting a new page when the current one is full. */
    private static final class Writer implements AutoCloseable {
        private static final float margin = 50;
        private static final float leading = 13;
        private static final int lineCharsMax = 110;
        private static final String continuation = "    ";
        private final PDDocument document;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font boldFont = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private PDPageContentStream stream;
        private float y;
        private int pages;
        private boolean truncated;

        Writer(PDDocument document) throws IOException {
            this.document = document;
            newPage();
        }

        private void newPage() throws IOException {
            if (stream != null) stream.close();
            pages++;
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - margin;
        }

        /** False when the page bound is reached: the rest is left out, with a note where it stops. */
        private boolean room(float height) throws IOException {
            if (truncated) return false;
            if (y - height >= margin) return true;
            if (pages == pagesMax) {
                truncated = true;
                stream.beginText();
                stream.setFont(boldFont, 9);
                stream.newLineAtOffset(margin, margin - leading);
                stream.showText("Truncated at " + pagesMax + " pages; the CSV report has every row.");
                stream.endText();
                return false;
            }
            newPage();
            return true;
        }

        void title(String text) throws IOException { text(text, boldFont, 18); }

        void heading(String text) throws IOException { text(text, boldFont, 13); }

        void bold(String text) throws IOException { text(text, boldFont, 9); }

        void line(String text) throws IOException {
            String rest = printable(text);
            // Wrap at the last space that fits after the continuation indent; a longer word is cut.
            // (Searching from the indent itself would cut nothing and loop forever: a regression test holds this.)
            boolean first = true;
            while (rest.length() > lineCharsMax) {
                int indent = first ? 0 : continuation.length();
                int cut = rest.lastIndexOf(' ', lineCharsMax);
                if (cut <= indent) cut = lineCharsMax;
                text(rest.substring(0, cut), regular, 9);
                rest = continuation + rest.substring(cut).strip();
                first = false;
            }
            text(rest, regular, 9);
        }

        void gap() { y -= leading / 2; }

        private void text(String text, PDType1Font font, float size) throws IOException {
            if (!room(leading + size - 9)) return;
            y -= leading + size - 9;
            stream.beginText();
            stream.setFont(font, size);
            stream.newLineAtOffset(margin, y);
            stream.showText(printable(text));
            stream.endText();
        }

        /** Horizontal bars, one per rule, length by count, colour by severity. */
        void bars(List<ReportData.RuleAlerts> rules) throws IOException {
            long max = rules.stream().mapToLong(ReportData.RuleAlerts::count).max().orElse(1);
            float labelWidth = 200;
            float width = PDRectangle.A4.getWidth() - 2 * margin - labelWidth - 40;
            for (ReportData.RuleAlerts rule : rules) {
                if (!room(14)) return;
                y -= 14;
                stream.setNonStrokingColor(severityColor(rule.severity()));
                stream.addRect(margin + labelWidth, y, Math.max(1, width * rule.count() / max), 10);
                stream.fill();
                stream.setNonStrokingColor(Color.BLACK);
                stream.beginText();
                stream.setFont(regular, 8);
                stream.newLineAtOffset(margin, y + 2);
                stream.showText(printable(truncate(rule.ruleId(), 45)));
                stream.newLineAtOffset(labelWidth + width * rule.count() / max + 4, 0);
                stream.showText(Long.toString(rule.count()));
                stream.endText();
            }
            y -= 4;
        }

        private static String truncate(String text, int max) { return text.length() <= max ? text : text.substring(0, max - 1) + "~"; }

        /** Standard fonts encode WinAnsi only: anything else would throw inside PDFBox, so it becomes '?'. */
        static String printable(String text) {
            StringBuilder out = new StringBuilder(text.length());
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20) out.append(' ');
                else if (c <= 0x7e || (c >= 0xa0 && c <= 0xff) || c == '\u2013' || c == '\u2014') out.append(c);
                else out.append('?');
            }
            return out.toString();
        }

        @Override
        public void close() throws IOException {
            if (stream != null) stream.close();
            stream = null;
        }
    }
}
