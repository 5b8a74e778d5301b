package io.parley.bot.dialogue;

import io.parley.bot.conversation.ConversationMemory;
import io.parley.bot.flow.FlowDefinition;
import io.parley.bot.flow.FlowEngine;
import io.parley.bot.kb.Article;
import io.parley.bot.kb.KnowledgeModel;
import io.parley.bot.kb.RichAnswer;
import io.parley.bot.matching.Prediction;
import io.parley.bot.tenant.TenantBot;
import io.parley.events.Event;
import io.parley.events.EventData;
import io.parley.events.conversation.Content;
import io.parley.events.conversation.ConversationEvent.BotAnswered;
import io.parley.events.conversation.ConversationEvent.BotFlow;
import io.parley.events.conversation.ConversationEvent.BotSuggested;
import io.parley.events.conversation.ConversationEvent.HandoffRequested;
import io.parley.events.conversation.ConversationEvent.MessageReceived;
import io.parley.events.conversation.ConversationEvent.Suggestion;
import io.parley.events.hours.BusinessHours;
import io.parley.events.state.ConversationState;
import io.parley.events.state.Latest;
import io.parley.events.state.Stamp;
import io.parley.events.workspace.Workspace;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * How the bot reacts to one customer message. In bot mode: a person on request, on strong anger, on "no" to "did
 * this solve it?" and after two misses in a row (outside business hours after one); a flow when one runs or is asked
 * for; an answer when the knowledge model is confident, else "not sure" with the way to a person. In human mode it
 * stays silent and suggests answers to the agent. Outside business hours every handoff says when a person will answer
 * and is marked {@code after-hours}; until somebody takes such a conversation the bot still answers what it is sure of.
 * The hours are those of the tenant's {@link Workspace} as it is at the decision, never a copy kept with the bot.
 *
 * <p>The bot's own dialogue memory (awaiting feedback, misses) is a {@link BotFlow} of the reserved flow
 * {@value #KB_DIALOGUE}, so it lives in the log like every flow position.
 */
public final class Dialogue {

    public static final String KB_DIALOGUE = "kb";
    static final String FEEDBACK_STEP = "feedback";
    static final String MISSED_STEP = "missed";
    /** Answers only in the default language were offered (slot {@value #ARTICLES}; {@value #MATCHED} for one match). */
    static final String OFFERED_STEP = "offered";
    static final String ARTICLES = "articles";
    static final String MATCHED = "matched";
    static final String OFFER_PREFIX = "kb-offer:";
    static final String MISSES = "misses";
    static final String ARTICLE = "article";
    static final String FLOW_LABEL_PREFIX = "flow:";
    static final String HANDOFF_OPTION = "handoff";
    static final String YES_OPTION = "feedback:yes";
    static final String NO_OPTION = "feedback:no";
    private static final int MISSES_BEFORE_HANDOFF = 2;
    private static final int SUGGESTIONS = 3;
    /** At most this many default-language answers are offered at once (a WhatsApp list has room for ten rows). */
    private static final int OFFERED_ARTICLES = 5;
    private static final String AFTER_HOURS = "after-hours";

    private final FlowEngine flows;

    public Dialogue(FlowEngine flows) {
        this.flows = flows;
    }

    /** The intent label under which a flow's triggers are trained. */
    public static String flowLabel(String flowId) {
        return FLOW_LABEL_PREFIX + flowId;
    }

    /**
     * The events the bot appends in reaction to {@code cause}, a customer message already folded into memory;
     * {@code workspace} is the tenant's as read at this moment (its business hours).
     */
    public List<EventData> respond(Event cause, MessageReceived message, ConversationMemory memory, TenantBot bot,
                                   Workspace workspace, Optional<String> detectedLanguage, Instant now) {
        ConversationState state = memory.state();
        Content content = message.content();
        String text = content == null ? null : content.readableText();
        if (content == null || Content.REACTION.equals(content.kind())) {
            return List.of();
        }
        String language = detectedLanguage
                .or(() -> Optional.ofNullable(state.language()).map(Latest::value))
                .orElse(bot.settings().defaultLanguage());
        Turn turn = new Turn(new Reply(cause.id(), message.channel()), memory, bot, workspace, language, now);
        if (state.mode() == ConversationState.Mode.HUMAN) {
            return waitsForPeopleAfterHours(state, bot, workspace, now) ? turn.answerWhileAway(message, text)
                    : suggest(message, text, language, bot);
        }
        Optional<BotFlow> position = activePosition(state);
        Content.Option choice =
                position.flatMap(p -> MenuChoice.of(menuShownAt(p, language, bot), content)).orElse(null);

        if (CustomerSignals.asksForPerson(text) || choice != null && HANDOFF_OPTION.equals(choice.id())) {
            return turn.handoff("asked-for-human", "The customer asked for a person.");
        }
        if (CustomerSignals.isStronglyNegative(text)) {
            return turn.handoff("negative-sentiment", "The customer sounds very unhappy.");
        }
        Optional<FlowDefinition> runningFlow = position.map(p -> bot.flows().get(p.flowId()))
                .filter(flow -> FlowEngine.isWaiting(flow, position.get()));
        if (runningFlow.isPresent()) {
            return turn.flow(flows.resume(runningFlow.get(), position.get(), content, language));
        }
        if (position.filter(p -> FEEDBACK_STEP.equals(p.step())).isPresent()) {
            if (choice != null && YES_OPTION.equals(choice.id()) || choice == null && CustomerSignals.saysYes(text)) {
                turn.reply.say(Say.text(Phrases.get(Phrases.Key.GLAD, language)));
                turn.reply.emit(new BotFlow(KB_DIALOGUE, null, Map.of()));
                return turn.reply.events();
            }
            if (choice != null && NO_OPTION.equals(choice.id()) || choice == null && CustomerSignals.saysNo(text)) {
                String article = position.get().slots().get(ARTICLE);
                return turn.handoff("feedback-negative",
                        "The bot answered with article '" + article + "' and the customer said it did not help.");
            }
        }
        if (choice != null && choice.id().startsWith(OFFER_PREFIX)) {
            Optional<Article> chosen = bot.knowledge().article(choice.id().substring(OFFER_PREFIX.length()));
            if (chosen.isPresent()) {
                // The customer asked for this answer in the default language: the note says which language it is in.
                return turn.answer(chosen.get(), 1.0, true);
            }
        }
        int misses = position.filter(p -> MISSED_STEP.equals(p.step()) || OFFERED_STEP.equals(p.step()))
                .map(p -> Integer.parseInt(p.slots().getOrDefault(MISSES, "0"))).orElse(0);
        Optional<KnowledgeModel.Match> match = text == null || text.isBlank() ? Optional.empty()
                : bot.knowledge().classify(text, language);
        double threshold = bot.settings().confidenceThreshold();
        if (match.isPresent() && match.get().prediction().confident(threshold)) {
            Prediction prediction = match.get().prediction();
            if (prediction.label().startsWith(FLOW_LABEL_PREFIX)) {
                FlowDefinition flow = bot.flows().get(prediction.label().substring(FLOW_LABEL_PREFIX.length()));
                if (flow != null) {
                    return turn.flow(flows.start(flow, language));
                }
            }
            Optional<Article> article = bot.knowledge().article(prediction.label());
            if (article.isPresent() && language.equals(match.get().modelLanguage())
                    && !article.get().questions().containsKey(language) && !article.get().answers().containsKey(language)) {
                // Matched across languages (the encoder reads both): never answer in another language unasked.
                return turn.offer(List.of(article.get()), true, misses);
            }
            if (article.isPresent()) {
                return turn.answer(article.get(), prediction.confidence(), true);
            }
        }
        String guess = match.map(m -> "best guess '" + m.prediction().label() + "' at "
                + String.format(Locale.ROOT, "%.2f", m.prediction().confidence())).orElse("nothing to match");
        if (misses + 1 >= MISSES_BEFORE_HANDOFF) {
            return turn.handoff("low-confidence",
                    "The bot could not answer " + MISSES_BEFORE_HANDOFF + " messages in a row (" + guess + ").");
        }
        if (closedHours(bot, workspace, state, now).isPresent()) {
            // Nobody could take up the offer of a person now: the question waits for them as a ticket instead.
            return turn.handoff("low-confidence", "The bot could not answer (" + guess + ").");
        }
        List<Article> elsewhere = text == null || text.isBlank() ? List.of()
                : bot.knowledge().onlyInDefaultLanguage(text, language, OFFERED_ARTICLES);
        if (!elsewhere.isEmpty()) {
            // The customer's language may simply lack the article: offer the default language's answers, or a person.
            return turn.offer(elsewhere, false, misses);
        }
        turn.reply.say(Say.menu(Phrases.get(Phrases.Key.NOT_SURE, language), notSureOptions(language)));
        turn.reply.emit(new BotFlow(KB_DIALOGUE, MISSED_STEP, Map.of(MISSES, Integer.toString(misses + 1))));
        return turn.reply.events();
    }

    /**
     * Handed off outside business hours and nobody has taken the conversation yet: until people are back, the bot
     * keeps answering what it knows (it said so when it handed off).
     */
    static boolean waitsForPeopleAfterHours(ConversationState state, TenantBot bot, Workspace workspace, Instant now) {
        Latest<HandoffRequested> handoff = state.handoff();
        Instant agentReplied = state.lastAgentMessageAt();
        return handoff != null && AFTER_HOURS.equals(handoff.value().reason()) && state.assignee() == null
                && (agentReplied == null || agentReplied.isBefore(handoff.stamp().time()))
                && closedHours(bot, workspace, state, now).isPresent();
    }

    /** The conversation's business hours when they are closed at {@code now}; empty when open or always open. */
    private static Optional<BusinessHours> closedHours(TenantBot bot, Workspace workspace, ConversationState state,
                                                       Instant now) {
        return bot.businessHours(workspace, state.team()).filter(hours -> !hours.isOpen(now));
    }

    private static List<EventData> suggest(MessageReceived message, String text, String language, TenantBot bot) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String fallback = bot.settings().defaultLanguage();
        List<Suggestion> suggestions = bot.knowledge().rankArticles(text, language, SUGGESTIONS).stream()
                .flatMap(scored -> bot.knowledge().article(scored.label()).stream()
                        .map(article -> new Suggestion(article.id(), article.answerIn(language, fallback),
                                scored.confidence())))
                .toList();
        return suggestions.isEmpty() ? List.of()
                : List.of(new BotSuggested(message.channelMessageId(), suggestions));
    }

    /**
     * The flow position the bot is in, unless people took part since: after a handoff, an assignment or a status
     * change the bot starts afresh when the conversation comes back to it.
     */
    static Optional<BotFlow> activePosition(ConversationState state) {
        Latest<BotFlow> flow = state.flow();
        if (flow == null || flow.value().step() == null) {
            return Optional.empty();
        }
        Stamp since = Stream.of(state.handoff(), state.assignment(), state.statusChange(), state.queued())
                .filter(register -> register != null).map(Latest::stamp).max(Stamp::compareTo).orElse(null);
        return flow.stamp().isAfter(since) ? Optional.of(flow.value()) : Optional.empty();
    }

    /**
     * The bot's own menu the customer is answering at {@code position}, so that a typed number is read against the
     * options that were actually shown; a tenant flow's menus are read by {@link FlowEngine} instead.
     */
    private static List<Content.Option> menuShownAt(BotFlow position, String language, TenantBot bot) {
        if (!KB_DIALOGUE.equals(position.flowId())) {
            return List.of();
        }
        if (FEEDBACK_STEP.equals(position.step())) {
            return feedbackOptions(language);
        }
        if (OFFERED_STEP.equals(position.step())) {
            List<Article> offered = Stream.of(position.slots().getOrDefault(ARTICLES, "").split(","))
                    .flatMap(id -> bot.knowledge().article(id).stream()).toList();
            return offerOptions(offered, position.slots().containsKey(MATCHED), language, bot);
        }
        return MISSED_STEP.equals(position.step()) ? notSureOptions(language) : List.of();
    }

    /**
     * One match: "show the answer in English" and a person. Several: each article by its first default-language
     * question, and a person.
     */
    private static List<Content.Option> offerOptions(List<Article> articles, boolean matched, String language,
                                                     TenantBot bot) {
        String defaultLanguage = bot.settings().defaultLanguage();
        Stream<Content.Option> answers = articles.stream().map(article -> new Content.Option(OFFER_PREFIX + article.id(),
                matched ? Phrases.get(Phrases.Key.SHOW_ANSWER, language, "language", languageName(defaultLanguage, language))
                        : article.questions().get(defaultLanguage).get(0), null));
        return Stream.concat(answers, notSureOptions(language).stream()).toList();
    }

    /** A language's name as the reader's language writes it ("English", "inglés", "английский", "英文"). */
    static String languageName(String language, String reader) {
        return Locale.forLanguageTag(language).getDisplayLanguage(Locale.forLanguageTag(reader));
    }

    private static List<Content.Option> feedbackOptions(String language) {
        return List.of(new Content.Option(YES_OPTION, Phrases.get(Phrases.Key.YES, language), null),
                new Content.Option(NO_OPTION, Phrases.get(Phrases.Key.NO, language), null));
    }

    private static List<Content.Option> notSureOptions(String language) {
        return List.of(new Content.Option(HANDOFF_OPTION, Phrases.get(Phrases.Key.TALK_TO_PERSON, language), null));
    }

    /** One reaction being built. */
    private static final class Turn {
        private final Reply reply;
        private final ConversationMemory memory;
        private final TenantBot bot;
        private final Workspace workspace;
        private final String language;
        private final Instant now;

        private Turn(Reply reply, ConversationMemory memory, TenantBot bot, Workspace workspace, String language,
                     Instant now) {
            this.reply = reply;
            this.memory = memory;
            this.bot = bot;
            this.workspace = workspace;
            this.language = language;
            this.now = now;
        }

        /**
         * The answer when the bot is sure of one; else nothing for the customer and suggestions for the agent. No
         * "did this solve it?": a person will read the conversation anyway.
         */
        private List<EventData> answerWhileAway(MessageReceived message, String text) {
            Optional<Prediction> sure = text == null || text.isBlank() ? Optional.empty()
                    : bot.knowledge().classify(text, language).map(KnowledgeModel.Match::prediction)
                    .filter(prediction -> prediction.confident(bot.settings().confidenceThreshold()));
            Optional<Article> article = sure.flatMap(prediction -> bot.knowledge().article(prediction.label()));
            return article.isPresent() ? answer(article.get(), sure.get().confidence(), false)
                    : suggest(message, text, language, bot);
        }

        private List<EventData> answer(Article article, double confidence, boolean askIfItHelped) {
            String fallback = bot.settings().defaultLanguage();
            boolean translated = article.answers().containsKey(language);
            String answerLanguage = translated ? language : article.answers().containsKey(fallback) ? fallback
                    : article.answers().keySet().iterator().next();
            StringBuilder text = new StringBuilder(article.answerIn(language, fallback));
            RichAnswer rich = article.rich();
            if (rich != null) {
                rich.links().forEach(link -> text.append("\n• ").append(link.title()).append(": ").append(link.url()));
            }
            if (!translated) {
                text.append("\n\n").append(Phrases.get(Phrases.Key.NO_TRANSLATION, language, "language",
                        languageName(answerLanguage, language)));
            }
            List<Content.Option> buttons = rich == null ? List.of() : rich.buttons().stream()
                    .map(title -> new Content.Option("kb-button:" + title, title, null)).toList();
            String messageId = reply.say(buttons.isEmpty() ? Say.text(text.toString()) : Say.menu(text.toString(), buttons));
            if (rich != null) {
                rich.media().forEach(media -> reply.say(Say.media(Content.builder(media.kind()).url(media.url())
                        .caption(media.caption()).build())));
            }
            if (askIfItHelped) {
                reply.say(Say.menu(Phrases.get(Phrases.Key.FEEDBACK_QUESTION, language), feedbackOptions(language)));
            }
            reply.emit(new BotAnswered(article.id(), article.id(), confidence, answerLanguage, messageId));
            if (askIfItHelped) {
                reply.emit(new BotFlow(KB_DIALOGUE, FEEDBACK_STEP, Map.of(ARTICLE, article.id())));
            }
            return reply.events();
        }

        /**
         * Offers answers that exist only in the default language, saying so in the customer's language, with a person
         * as the other way forward. Counts as a miss: a second one in a row hands off.
         */
        private List<EventData> offer(List<Article> articles, boolean matched, int misses) {
            Map<String, String> names = Map.of("language", languageName(bot.settings().defaultLanguage(), language),
                    "own", languageName(language, language));
            reply.say(Say.menu(Phrases.get(matched ? Phrases.Key.OTHER_LANGUAGE_MATCH : Phrases.Key.OTHER_LANGUAGE_LIST,
                    language, names), offerOptions(articles, matched, language, bot)));
            Map<String, String> slots = new TreeMap<>(Map.of(MISSES, Integer.toString(misses + 1),
                    ARTICLES, articles.stream().map(Article::id).collect(Collectors.joining(","))));
            if (matched) {
                slots.put(MATCHED, "true");
            }
            reply.emit(new BotFlow(KB_DIALOGUE, OFFERED_STEP, slots));
            return reply.events();
        }

        private List<EventData> flow(FlowEngine.Turn turn) {
            reply.sayAll(turn.says());
            reply.emit(turn.position());
            if (turn.handoff().isPresent()) {
                return handoff(turn.handoff().get().reason(), turn.handoff().get().note());
            }
            return reply.events();
        }

        /** Hands the conversation to people, saying when they will answer; the bot's dialogue memory is cleared. */
        private List<EventData> handoff(String reason, String note) {
            Optional<BusinessHours> hours = closedHours(bot, workspace, memory.state(), now);
            String effectiveReason = reason;
            if (hours.isPresent()) {
                effectiveReason = AFTER_HOURS;
                String when = hours.get().nextOpening(now).map(this::describe).orElse("?");
                reply.say(Say.text(Phrases.get(Phrases.Key.AFTER_HOURS, language, "when", when)));
            } else {
                reply.say(Say.text(Phrases.get(Phrases.Key.HANDING_OFF, language)));
            }
            reply.emit(new BotFlow(KB_DIALOGUE, null, Map.of()));
            reply.emit(new HandoffRequested(effectiveReason, summary(reason, note), language, List.of()));
            return reply.events();
        }

        private String describe(ZonedDateTime opening) {
            return DateTimeFormatter.ofPattern("EEEE d MMMM HH:mm", Locale.forLanguageTag(language)).format(opening)
                    + " (" + opening.getZone().getId() + ")";
        }

        /** One paragraph for the agent: who, where, in which language, what they wrote, what the bot did, why. */
        private String summary(String reason, String note) {
            ConversationState state = memory.state();
            String who = state.contact() != null && state.contact().value().name() != null
                    ? state.contact().value().name() : "The customer";
            String quotes = memory.recentCustomerTexts().stream().map(t -> "\"" + t + "\"")
                    .collect(Collectors.joining(", then "));
            return who + " wrote on " + state.channel().wireName() + " in "
                    + Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH)
                    + (quotes.isEmpty() ? "" : ": " + quotes) + ". " + note + " Handoff reason: " + reason + ".";
        }
    }
}
