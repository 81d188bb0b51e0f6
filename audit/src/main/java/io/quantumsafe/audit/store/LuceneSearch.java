package io.quantumsafe.audit.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.Weight;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.util.Bits;

/** Queries over the daily indices: filters, time range, free text, newest first; alert counts by rule. */
final class LuceneSearch {
    private LuceneSearch() {}

    private static final Analyzer ANALYZER = new StandardAnalyzer();
    private static final Sort NEWEST_FIRST = new Sort(new SortField(LuceneDocuments.TIME, SortField.Type.LONG, true));
    /** Free-text terms per query; each is a clause. */
    static final int textTermsMax = 16;

    static EventStore.Page search(IndexReader reader, EventQuery query) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        Query lucene = query(query);
        int total = searcher.count(lucene);
        List<ObjectNode> events = new ArrayList<>();
        if (total > query.offset()) {
            TopFieldDocs top = searcher.search(lucene, query.offset() + query.limit(), NEWEST_FIRST);
            var stored = searcher.storedFields();
            for (int i = query.offset(); i < top.scoreDocs.length; i++) {
                ScoreDoc hit = top.scoreDocs[i];
                events.add(LuceneDocuments.render(stored.document(hit.doc)));
            }
        }
        return new EventStore.Page(total, events);
    }

    static Query query(EventQuery query) throws IOException {
        BooleanQuery.Builder builder = new BooleanQuery.Builder();
        boolean any = false;
        for (Map.Entry<String, String> field : query.fields().entrySet()) {
            builder.add(new TermQuery(new Term(field.getKey(), field.getValue())), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (query.rule() != null) {
            builder.add(new TermQuery(new Term(LuceneDocuments.RULES, query.rule())), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (query.alert() != null) {
            builder.add(new TermQuery(new Term(LuceneDocuments.ALERTS, query.alert())), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (query.from() != null || query.to() != null) {
            builder.add(timeRange(query.from(), query.to()), BooleanClause.Occur.FILTER);
            any = true;
        }
        if (query.text() != null && !query.text().isBlank()) {
            List<String> terms = terms(query.text());
            if (terms.isEmpty()) return new BooleanQuery.Builder().add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST_NOT).build();
            for (String term : terms) {
                Query either = new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(LuceneDocuments.TEXT, term)), BooleanClause.Occur.SHOULD)
                        .add(new TermQuery(new Term(LuceneDocuments.TEXT_WITH_POSITIONS, term)), BooleanClause.Occur.SHOULD)
                        .build();
                builder.add(either, BooleanClause.Occur.MUST);
            }
            any = true;
        }
        return any ? builder.build() : new MatchAllDocsQuery();
    }

    /** [from, to): either end may be open. */
    static Query timeRange(Instant from, Instant to) {
        long lower = from == null ? Long.MIN_VALUE : from.toEpochMilli();
        long upper = to == null ? Long.MAX_VALUE : to.toEpochMilli() - 1;
        return LongPoint.newRangeQuery(LuceneDocuments.TIME, lower, upper);
    }

    private static List<String> terms(String text) throws IOException {
        List<String> terms = new ArrayList<>();
        try (TokenStream tokens = ANALYZER.tokenStream(LuceneDocuments.TEXT, new StringReader(text))) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken() && terms.size() < textTermsMax) terms.add(term.toString());
            tokens.end();
        }
        return terms;
    }

    /** Counts the rule ids in the {@code alerts} doc values of live events in range, ordinal by ordinal per segment. */
    static List<EventStore.RuleCount> alertCounts(IndexReader reader, Instant from, Instant to) throws IOException {
        IndexSearcher searcher = new IndexSearcher(reader);
        Query range = searcher.rewrite(timeRange(from, to));
        Weight weight = searcher.createWeight(range, ScoreMode.COMPLETE_NO_SCORES, 1f);
        Map<String, Long> counts = new HashMap<>();
        for (LeafReaderContext leaf : reader.leaves()) {
            Scorer scorer = weight.scorer(leaf);
            if (scorer == null) continue;
            SortedSetDocValues alerts = DocValues.getSortedSet(leaf.reader(), LuceneDocuments.ALERTS);
            long[] perOrdinal = new long[(int) Math.min(Integer.MAX_VALUE - 8, alerts.getValueCount())];
            Bits live = leaf.reader().getLiveDocs();
            DocIdSetIterator docs = scorer.iterator();
            for (int doc = docs.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.nextDoc()) {
                if (live != null && !live.get(doc)) continue;
                if (!alerts.advanceExact(doc)) continue;
                for (int i = 0; i < alerts.docValueCount(); i++) perOrdinal[(int) alerts.nextOrd()]++;
            }
            for (int ordinal = 0; ordinal < perOrdinal.length; ordinal++) {
                if (perOrdinal[ordinal] > 0) counts.merge(alerts.lookupOrd(ordinal).utf8ToString(), perOrdinal[ordinal], Long::sum);
            }
        }
        List<EventStore.RuleCount> result = new ArrayList<>();
        counts.forEach((rule, count) -> result.add(new EventStore.RuleCount(rule, count)));
        result.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.ruleId().compareTo(b.ruleId()));
        return result;
    }
}
