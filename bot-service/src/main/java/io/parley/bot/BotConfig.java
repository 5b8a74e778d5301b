package io.parley.bot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Service-wide bot defaults; tenants override the first two with their settings. */
@ConfigMapping(prefix = "parley.bot")
public interface BotConfig {

    /** Language of answers when the customer's has no translation. */
    @WithDefault("en")
    String defaultLanguage();

    /** Below this calibrated confidence the bot does not answer; unset, the engine's tuned default. */
    OptionalDouble confidenceThreshold();

    /**
     * Sentence encoder per language code (and {@code other} for the rest): {@code bge-small-en}, {@code bge-small-zh}
     * or a directory with {@code model.onnx}, {@code tokenizer.json} and optional {@code encoder.properties}, e.g. a
     * multilingual model. Unset languages keep the defaults (zh: bge-small-zh, other: bge-small-en).
     */
    Map<String, String> encoders();

    /** Languages the bot detects; the rest are read as the closest of these. */
    @WithDefault("en,es,pt,fr,de,ru,zh")
    List<String> languages();

    /** How long a flow's HTTP step may take. */
    @WithDefault("5s")
    Duration httpTimeout();

    /** The largest response a flow's HTTP step reads; a larger one fails the step. */
    @WithDefault("65536")
    int httpMaxResponseBytes();

    /**
     * Internal networks (CIDR) a flow's HTTP step may call all the same, e.g. a shop API inside the deployment's own
     * network. Unset: only public addresses.
     */
    Optional<List<String>> httpAllowedNetworks();

    /**
     * How many lanes the bot works on conversations in, at once (a conversation always on the same lane, its messages
     * in order): classification is CPU-bound, flow HTTP steps wait on the network, so a few more than the cores.
     */
    @WithDefault("8")
    int conversationThreads();

    /** A conversation nobody wrote to for this long leaves memory (saved first, read back when it returns). */
    @WithDefault("1h")
    Duration memoryIdleAfter();

    /** At most this many conversations in memory; beyond it the least recently active leave first. */
    @WithDefault("200000")
    int memoryMaxConversations();

    /** How often the bot looks for conversations to evict (when no poll is in progress). */
    @WithDefault("1m")
    Duration memorySweepEvery();

    /**
     * How often the bot checkpoints the memory of its partitions (when no poll is in progress): the memory of every
     * conversation changed since it was last saved, then how far each partition is folded. A start or rebalance folds
     * a partition from its checkpoint instead of its beginning, so what it costs follows the events since, not the
     * history.
     */
    @WithDefault("1m")
    Duration memoryCheckpointEvery();

    /**
     * How long the first decisions after a start wait for the business hours on workspace-events to be read: long
     * enough for a small topic on a live broker, short enough that a broker problem does not stall conversations.
     */
    @WithDefault("10s")
    Duration workspaceCatchUp();
}
