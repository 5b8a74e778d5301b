package io.parley.ingest.channel;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/** The registry from the service's configuration: every {@code parley.channels.*} property. */
public class ChannelRegistryProducer {

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
}
