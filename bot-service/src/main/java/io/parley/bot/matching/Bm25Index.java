package io.parley.bot.matching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * In-memory Lucene BM25 index over the training utterances. For a query it yields, per class, the best BM25 score of
 * that class's utterances among the top hits, relative to the overall best hit: 1 for the class of the best match, 0
 * for classes not retrieved.
 */
final class Bm25Index {

    static final String TEXT_FIELD = "text";
    private static final String CLASS_FIELD = "class";
    private static final int MAX_QUERY_TERMS = 64;

    private final Analyzer analyzer;
    private final IndexSearcher searcher;
    private final int[] classOfDoc;
    private final int topHits;

    Bm25Index(Analyzer analyzer, List<String> texts, int[] classes, int topHits) {
        this.analyzer = analyzer;
        this.topHits = topHits;
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (int i = 0; i < texts.size(); i++) {
                    Document doc = new Document();
                    doc.add(new TextField(TEXT_FIELD, texts.get(i), Field.Store.NO));
                    doc.add(new StoredField(CLASS_FIELD, classes[i]));
                    writer.addDocument(doc);
                }
            }
            DirectoryReader reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
            // Merges may reorder documents, so map Lucene doc ids to classes once instead of trusting insertion order.
            classOfDoc = new int[reader.maxDoc()];
            var storedFields = reader.storedFields();
            for (int doc = 0; doc < reader.maxDoc(); doc++) {
                classOfDoc[doc] = storedFields.document(doc).getField(CLASS_FIELD).numericValue().intValue();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("building the in-memory BM25 index failed: " + e.getMessage(), e);
        }
    }

    /** Per-class relative BM25 scores in [0, 1]. */
    float[] classScores(String text, int classCount) {
        float[] scores = new float[classCount];
        Set<String> terms = new LinkedHashSet<>(LanguageAnalyzers.terms(analyzer, text));
        if (terms.isEmpty()) {
            return scores;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.stream().limit(MAX_QUERY_TERMS)
                .forEach(term -> query.add(new TermQuery(new Term(TEXT_FIELD, term)), BooleanClause.Occur.SHOULD));
        try {
            ScoreDoc[] hits = searcher.search(query.build(), topHits).scoreDocs;
            if (hits.length == 0) {
                return scores;
            }
            float best = hits[0].score;
            for (ScoreDoc hit : hits) {
                int cls = classOfDoc[hit.doc];
                scores[cls] = Math.max(scores[cls], hit.score / best);
            }
            return scores;
        } catch (IOException e) {
            throw new UncheckedIOException("searching the in-memory BM25 index failed: " + e.getMessage(), e);
        }
    }
}
