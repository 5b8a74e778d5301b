package io.parley.bot.kb;

import io.parley.bot.matching.SentenceEncoders;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The demo tenant's knowledge base ({@code ./parley up --demo}: a copy of devstack's {@code demo/knowledge-base.md}),
 * trained once per test JVM with the service's encoders. Its languages are lopsided on purpose: English has every
 * article, Spanish two, Russian and Chinese one each.
 */
public final class DemoKnowledgeBase {

    private static final KnowledgeModel MODEL = KnowledgeModel.train(articles(), List.of(), "en",
            KnowledgeModel.Trainer.withEncoders(SentenceEncoders.defaults()));

    private DemoKnowledgeBase() {
    }

    public static KnowledgeModel model() {
        return MODEL;
    }

    static List<Article> articles() {
        try (InputStream markdown = DemoKnowledgeBase.class.getResourceAsStream("/kb/demo-knowledge-base.md")) {
            return ArticleImport.parse(ImportFormat.MARKDOWN, new String(markdown.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
