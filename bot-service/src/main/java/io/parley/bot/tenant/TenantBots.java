package io.parley.bot.tenant;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.bot.BotConfig;
import io.parley.bot.BotJson;
import io.parley.bot.dialogue.Dialogue;
import io.parley.bot.flow.FlowDefinition;
import io.parley.bot.kb.Article;
import io.parley.bot.kb.KnowledgeModel;
import io.parley.bot.matching.IntentModel;
import io.parley.bot.matching.SentenceEncoders;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The bot of every tenant, built from its documents (knowledge model trained) in the background after a start, or on
 * first use if that comes first, and rebuilt in the background on every change, on a trainer thread of its own:
 * never on the event loop. The old bot answers until the new one is ready; of two builds, the one that read the
 * documents later wins. A rebuild retrains only the languages whose questions changed.
 */
@ApplicationScoped
public class TenantBots {

    private static final Logger LOG = Logger.getLogger(TenantBots.class);

    private final ConcurrentMap<String, TenantBot> bots = new ConcurrentHashMap<>();
    private final Set<String> refreshPending = ConcurrentHashMap.newKeySet();
    private final AtomicLong generations = new AtomicLong();
    private final SingleFlight<String, TenantBot> firstBuilds = new SingleFlight<>();
    private final ExecutorService trainer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "bot-trainer");
        thread.setDaemon(true);
        return thread;
    });
    private final TenantDocuments documents;
    private final BotConfig config;
    private final SentenceEncoders encoders;

    public TenantBots(TenantDocuments documents, BotConfig config) {
        this.documents = documents;
        this.config = config;
        this.encoders = SentenceEncoders.withOverrides(config.encoders());
    }

    /**
     * After a start, builds every configured tenant's bot in the background, so that a tenant's first customer message
     * does not wait for training on the consumer's thread (and hold up every conversation behind it).
     */
    void warmUp(@Observes StartupEvent start) {
        trainer.execute(() -> {
            try {
                documents.tenants().forEach(this::buildAhead);
            } catch (RuntimeException e) {
                LOG.warnf("could not list the tenants to build their bots ahead (%s); each is built on its first"
                        + " message instead", e.getMessage());
            }
        });
    }

    private void buildAhead(String tenant) {
        try {
            forTenant(tenant);
        } catch (RuntimeException e) {
            LOG.warnf("could not build the bot of tenant %s ahead (%s); it is built on its first message instead",
                    tenant, e.getMessage());
        }
    }

    /**
     * Blocking on first use of a tenant (reads and trains); call off the event loop. Callers arriving while the first
     * build is under way (the warm-up's, or another conversation's) wait for it rather than train a copy each.
     */
    public TenantBot forTenant(String tenant) {
        TenantBot bot = bots.get(tenant);
        return bot != null ? bot
                : firstBuilds.run(tenant, key -> current(key).orElseGet(() -> install(build(key))));
    }

    /** The bot as built so far, without building it. */
    public Optional<TenantBot> current(String tenant) {
        return Optional.ofNullable(bots.get(tenant));
    }

    /** Rebuilds the tenant's bot in the background; changes arriving meanwhile fold into one more rebuild. */
    public void refresh(String tenant) {
        if (refreshPending.add(tenant)) {
            trainer.execute(() -> {
                refreshPending.remove(tenant);
                try {
                    install(build(tenant));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "rebuilding the bot of tenant %s failed; it keeps its previous knowledge", tenant);
                }
            });
        }
    }

    public boolean isRefreshing(String tenant) {
        return refreshPending.contains(tenant);
    }

    @PreDestroy
    void stop() {
        trainer.shutdownNow();
    }

    private TenantBot install(TenantBot built) {
        return bots.merge(built.tenant(), built,
                (current, candidate) -> candidate.generation() > current.generation() ? candidate : current);
    }

    private TenantBot build(String tenant) {
        long generation = generations.incrementAndGet();
        List<TenantDocument> all = documents.loadAll(tenant);
        BotSettings defaults = new BotSettings(config.defaultLanguage(),
                config.confidenceThreshold().orElse(IntentModel.DEFAULT_CONFIDENCE_THRESHOLD), null);
        BotSettings settings = parse(all, DocumentKind.SETTINGS, BotSettings.class).values().stream().findFirst()
                .orElse(defaults).withDefaults(defaults);
        List<Article> articles = List.copyOf(parse(all, DocumentKind.ARTICLE, Article.class).values());
        Map<String, FlowDefinition> flows = parse(all, DocumentKind.FLOW, FlowDefinition.class);
        List<KnowledgeModel.Intent> flowIntents = new ArrayList<>();
        flows.values().forEach(flow -> flowIntents.add(
                new KnowledgeModel.Intent(Dialogue.flowLabel(flow.id()), flow.triggers())));
        KnowledgeModel previous = current(tenant).map(TenantBot::knowledge)
                .orElseGet(() -> KnowledgeModel.empty(settings.defaultLanguage()));
        KnowledgeModel knowledge = previous.updatedWith(articles, flowIntents, settings.defaultLanguage(),
                KnowledgeModel.Trainer.withEncoders(encoders));
        LOG.infof("bot of tenant %s built: %d articles in %s, %d flows", tenant, articles.size(),
                knowledge.languages(), flows.size());
        return new TenantBot(tenant, settings, knowledge, flows, generation, Instant.now());
    }

    private static <T> Map<String, T> parse(List<TenantDocument> all, DocumentKind kind, Class<T> type) {
        Map<String, T> parsed = new TreeMap<>();
        all.stream().filter(document -> document.kind == kind).forEach(document -> {
            try {
                parsed.put(document.name, BotJson.JSON.readValue(document.body, type));
            } catch (JsonProcessingException e) {
                LOG.errorf("skipping stored %s '%s' of tenant %s: %s", kind, document.name, document.tenant,
                        e.getOriginalMessage());
            }
        });
        return parsed;
    }
}
