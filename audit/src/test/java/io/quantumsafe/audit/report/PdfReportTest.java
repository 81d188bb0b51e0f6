package io.quantumsafe.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.quantumsafe.audit.inventory.CryptoInventory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PdfReportTest {
    static ReportData data(CryptoInventory inventory, List<ReportData.Anomaly> anomalies) {
        Instant from = Instant.parse("2025-08-03T00:00:00Z");
        return new ReportData(from, from.plusSeconds(86_400), from.plusSeconds(90_000), 0, false, List.of(), Map.of(), List.of(),
                List.of(), anomalies, anomalies.size(), List.of(), inventory.snapshot());
    }

    /** Regression: a word longer than a line after the continuation indent used to wrap forever (414 s, then out of memory). */
    @Test
    @Timeout(60) // a hang guard, not a speed assertion
    void longWordsAndManyClients_wrapAndEnd() throws Exception {
        CryptoInventory inventory = new CryptoInventory();
        for (int i = 0; i < 50; i++) {
            var event = io.quantumsafe.audit.TestEvents.json("2025-08-03T12:00:00Z", "sign", "client-" + i + "-" + "x".repeat(30));
            inventory.add(event);
        }
        String word = "é€ü漢".repeat(100);
        ReportData data = data(inventory, List.of(new ReportData.Anomaly("w-1", Instant.parse("2025-08-03T01:00:00Z"), "c", "k",
                "sign", 1.0, 0.9, word)));
        String text;
        try (PDDocument document = Loader.loadPDF(PdfReport.render(data))) {
            text = new PDFTextStripper().getText(document);
        }
        assertThat(text).contains("and 40 more").contains("é?").contains("pqc-engine  ML-DSA-65  post-quantum  50 events");
    }

    @Test
    @Timeout(120)
    void pages_areBounded_withANoteWhereTheReportStops() throws Exception {
        List<ReportData.Anomaly> many = new java.util.ArrayList<>();
        String long400 = "word ".repeat(400);
        for (int i = 0; i < ReportBuilder.anomaliesMax; i++) {
            many.add(new ReportData.Anomaly("w-" + i, Instant.parse("2025-08-03T01:00:00Z"), "c", "k", "sign", 1, 0.5, long400));
        }
        try (PDDocument document = Loader.loadPDF(PdfReport.render(data(new CryptoInventory(), many)))) {
            assertThat(document.getNumberOfPages()).isEqualTo(PdfReport.pagesMax);
            assertThat(new PDFTextStripper().getText(document)).contains("Truncated at " + PdfReport.pagesMax + " pages");
        }
    }
}
