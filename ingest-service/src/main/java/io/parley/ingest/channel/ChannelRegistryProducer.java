package io.parley.ingest.channel;

import io.parley.events.workspace.SecretBox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * The configured registry from every {@code parley.channels.*} property, and the live registry that adds the
 * workspace's accounts, whose secrets open with {@code parley.workspace.secret-key}.
 */
public class ChannelRegistryProducer {

    public static final String SECRET_KEY = "parley.workspace.secret-key";
    private static final Logger LOG = Logger.getLogger(ChannelRegistryProducer.class);

    @Produces
    @ApplicationScoped
    ChannelRegistry registry(Config config) {
        Map<String, String> properties = new HashMap<>();
        for (String rawName : config.getPropertyNames()) {
            // profile-specific names (%test.parley.channels…) resolve through their plain name
            String name = rawName.startsWith("%") ? rawName.substring(rawName.indexOf('.') + 1) : rawName;
            if (name.startsWith(ChannelRegistry.PREFIX)) {
                config.getOptionalValue(name, String.class).ifPresent(value -> properties.put(name, value));
            }
        }
        return ChannelRegistry.fromProperties(properties);
    }

    @Produces
    @ApplicationScoped
    LiveChannelRegistry liveRegistry(ChannelRegistry configured, Config config) {
        Optional<SecretBox> box = secretBox(config.getOptionalValue(SECRET_KEY, String.class));
        Logger problems = Logger.getLogger(LiveChannelRegistry.class);
        return new LiveChannelRegistry(configured, new WorkspaceAccountOpener(box, configured), problems::warn);
    }

    /**
     * The box for the configured key. Without a usable key the configured accounts still work, so a missing or
     * malformed key is reported, not fatal: workspace accounts that carry secrets are then reported one by one.
     */
    static Optional<SecretBox> secretBox(Optional<String> key) {
        if (key.isEmpty() || key.get().isBlank()) {
            LOG.infof("%s is not set: configured channel accounts work, workspace accounts that carry sealed secrets "
                    + "cannot be used", SECRET_KEY);
            return Optional.empty();
        }
        try {
            return Optional.of(SecretBox.fromBase64Key(key.get()));
        } catch (IllegalArgumentException e) {
            LOG.errorf("%s; configured channel accounts work, workspace accounts that carry sealed secrets cannot be "
                    + "used until the key is fixed", e.getMessage());
            return Optional.empty();
        }
    }
}
