package io.parley.deploy;

import io.parley.events.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a service's code says about how it must be deployed: its HTTP port, the settings production must supply,
 * the topics and consumer groups it uses, and the extensions behind its health, metrics and token endpoints.
 *
 * @param name       the module, also the Deployment's, Service's and image's name ({@code ticket-service})
 * @param properties its {@code application.properties}
 * @param pom        its pom.xml, for the extensions it has
 * @param sources    the text of its main Java sources
 */
record ServiceModule(String name, Properties properties, String pom, List<String> sources) {

    private static final Pattern ENVIRONMENT_PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}]*))?}");
    private static final Pattern DEAD_LETTER_CALL =
            Pattern.compile("Topics\\.deadLetter\\(\\s*([^,]+?)\\s*,\\s*\"([a-z-]+)\"\\s*\\)");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("Topics\\.([A-Z_]+)\\b");
    private static final Pattern GROUP_CONSTANT = Pattern.compile("String GROUP = \"([^\"]+)\"");
    private static final String PROD_PROFILE = "%prod.";
    private static final String DEV_PROFILE = "%dev.";

    /** The shared settings of the edge module, under a service's own when it depends on it. */
    private static final Path EDGE_SETTINGS = Path.of("edge/src/main/resources/META-INF/microprofile-config.properties");

    static ServiceModule read(Path module) {
        Path main = module.resolve("src/main");
        String pom = Repository.read(module.resolve("pom.xml"));
        String settings = Repository.read(main.resolve("resources/application.properties"));
        Path edge = module.getParent().resolve(EDGE_SETTINGS);
        if (pom.contains("<artifactId>parley-edge</artifactId>") && Files.exists(edge)) {
            // java.util.Properties keeps the last value of a key: the service's own win.
            settings = Repository.read(edge) + "\n" + settings;
        }
        return new ServiceModule(module.getFileName().toString(), properties(settings), pom,
                javaSources(main.resolve("java")));
    }

    static Properties properties(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static List<String> javaSources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).map(Repository::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
    }

    /** The short name pods, keys and databases use: {@code ticket} for ticket-service. */
    String shortName() {
        return name.replace("-service", "");
    }

    int httpPort() {
        return Integer.parseInt(prodValue("quarkus.http.port"));
    }

    boolean hasExtension(String artifactId) {
        return pom.contains("<artifactId>" + artifactId + "</artifactId>");
    }

    boolean exposesMetrics() {
        return hasExtension("quarkus-micrometer-registry-prometheus");
    }

    boolean verifiesTokens() {
        return hasExtension("quarkus-smallrye-jwt");
    }

    /** The health endpoints stay where Kubernetes probes them unless the service moves them. */
    boolean servesHealthAtDefaultPaths() {
        return hasExtension("quarkus-smallrye-health") && prodValue("quarkus.smallrye-health.root-path") == null
                && prodValue("quarkus.http.non-application-root-path") == null;
    }

    /**
     * The settings a deployment must supply: those whose production value only works on a developer's machine, and
     * those with a value in development only.
     */
    Set<RequiredSetting> requiredSettings() {
        Set<RequiredSetting> required = new LinkedHashSet<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(DEV_PROFILE)) {
                String setting = key.substring(DEV_PROFILE.length());
                if (prodValue(setting) == null) {
                    required.add(new RequiredSetting(setting, null));
                }
            } else if (!key.startsWith("%")) {
                RequiredSetting.of(key, prodValue(key)).ifPresent(required::add);
            }
        }
        return required;
    }

    /** Every topic the properties name (channels, dead-letter queues) and every dead-letter topic the code parks in. */
    Set<String> topics() {
        Set<String> topics = literalValuesOf(".topic");
        for (String source : sources) {
            Matcher call = DEAD_LETTER_CALL.matcher(source);
            while (call.find()) {
                String service = call.group(2);
                Matcher constant = TOPIC_CONSTANT.matcher(call.group(1));
                if (constant.matches()) {
                    topics.add(Topics.deadLetter(topicConstant(constant.group(1)), service));
                } else {
                    // The topic is the record's: any of the topics this class reads.
                    Matcher mentioned = TOPIC_CONSTANT.matcher(source);
                    while (mentioned.find()) {
                        String topic = topicConstantOrNull(mentioned.group(1));
                        if (topic != null && Topics.ALL.contains(topic)) {
                            topics.add(Topics.deadLetter(topic, service));
                        }
                    }
                }
            }
        }
        return topics;
    }

    /** The consumer groups it joins: SmallRye channels' fixed group ids and the groups its own consumers name. */
    Set<String> consumerGroups() {
        Set<String> groups = literalValuesOf(".group.id");
        sources.forEach(source -> {
            Matcher group = GROUP_CONSTANT.matcher(source);
            while (group.find()) {
                groups.add(group.group(1));
            }
        });
        return groups;
    }

    /**
     * Its Kafka channels that commit with SmallRye's throttled strategy and keep its default age limit: a record
     * unacknowledged for 60 s (the consumer waiting out an outage, a slow reaction on a loaded machine) fails such a
     * channel, and it reads nothing more until the process restarts.
     */
    Set<String> throttledChannelsWithAgeLimit() {
        String prefix = "mp.messaging.incoming.";
        String strategy = ".commit-strategy";
        return properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith(prefix) && key.endsWith(strategy))
                .filter(key -> "throttled".equals(prodValue(key)))
                .map(key -> key.substring(prefix.length(), key.length() - strategy.length()))
                .filter(channel -> !"0".equals(prodValue(prefix + channel + ".throttled.unprocessed-record-max-age.ms")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** The SmallRye channels of this service that read {@code topic}. */
    Set<String> incomingChannelsOf(String topic) {
        String prefix = "mp.messaging.incoming.";
        String suffix = ".topic";
        return properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith(prefix) && key.endsWith(suffix) && topic.equals(prodValue(key)))
                .map(key -> key.substring(prefix.length(), key.length() - suffix.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** A channel's Kafka setting as production reads it; null when the channel leaves it to Kafka. */
    String channelSetting(String channel, String setting) {
        return prodValue("mp.messaging.incoming." + channel + "." + setting);
    }

    /** The values of the settings named {@code *<suffix>} that hold no expression (a per-instance group id does). */
    private Set<String> literalValuesOf(String suffix) {
        return properties.stringPropertyNames().stream()
                .filter(key -> !key.startsWith("%") && key.endsWith(suffix))
                .map(properties::getProperty)
                .filter(value -> !value.contains("${"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private String prodValue(String key) {
        return properties.getProperty(PROD_PROFILE + key, properties.getProperty(key));
    }

    private static String topicConstant(String name) {
        String topic = topicConstantOrNull(name);
        if (topic == null) {
            throw new IllegalStateException("Topics has no constant " + name);
        }
        return topic;
    }

    private static String topicConstantOrNull(String name) {
        try {
            Object value = Topics.class.getField(name).get(null);
            return value instanceof String topic ? topic : null;
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A setting production must supply, under its own environment variable or the placeholder's.
     *
     * @param key         the property
     * @param placeholder the environment variable its value reads, if any
     */
    record RequiredSetting(String key, String placeholder) {

        /** Present when the value needs a variable with no default, or its default only works locally. */
        static Optional<RequiredSetting> of(String key, String value) {
            Matcher placeholder = ENVIRONMENT_PLACEHOLDER.matcher(value);
            if (placeholder.find()) {
                String fallback = placeholder.group(2);
                boolean localOnly = fallback == null || fallback.isBlank() || fallback.contains("localhost")
                        || fallback.contains("127.0.0.1");
                return localOnly ? Optional.of(new RequiredSetting(key, placeholder.group(1)))
                        : Optional.empty();
            }
            // The public development key pair: anyone could sign tokens this service accepts.
            return value.startsWith("dev-keys/") ? Optional.of(new RequiredSetting(key, null))
                    : Optional.empty();
        }

        /** The variable Quarkus reads the property from ({@code quarkus.http.port} → {@code QUARKUS_HTTP_PORT}). */
        String environmentName() {
            return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        }

        boolean suppliedBy(Set<String> environment) {
            return environment.contains(environmentName()) || placeholder != null && environment.contains(placeholder);
        }
    }
}
