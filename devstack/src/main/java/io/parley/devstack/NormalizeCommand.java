package io.parley.devstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parley.events.Channel;
import io.parley.events.Event;
import io.parley.events.envelope.EventCodec;
import io.parley.ingest.channel.ChannelRegistry;
import io.parley.ingest.channel.TenantResolver;
import io.parley.ingest.normalize.InvalidWebhookException;
import io.parley.ingest.normalize.Normalization;
import io.parley.ingest.normalize.Unhandled;
import io.parley.ingest.normalize.WebhookNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the CloudEvents Parley would publish for a webhook body, without Kafka: how users debug webhooks. */
@Command(name = "normalize",
        description = {"Print, one JSON per line, the CloudEvents Parley would publish for a webhook body.",
            "Requests it cannot turn into events are listed on stderr with the reason."})
class NormalizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--channel", required = true, description = "whatsapp, messenger, instagram or api")
    String channel;

    @Parameters(paramLabel = "FILE", description = "the webhook request body, exactly as received")
    Path file;

    @ArgGroup(multiplicity = "1")
    TenantSource tenantSource;

    @Option(names = "--api-channel", description = "the API channel id (the {channelId} of /webhooks/api/{channelId})",
            defaultValue = "api")
    String apiChannel;

    static class TenantSource {
        @Option(names = "--tenant", description = "the tenant every account belongs to")
        String tenant;

        @Option(names = "--registry", paramLabel = "PROPERTIES",
                description = "a channel registry (parley.channels.* properties, as in ingest-service)")
        Path registry;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Normalization normalization;
        try {
            normalization = normalize(Files.readAllBytes(file));
        } catch (InvalidWebhookException | IllegalArgumentException e) {
            err.println("parley normalize: " + e.getMessage());
            return 1;
        }
        for (Event event : normalization.events()) {
            out.println(json(event));
        }
        for (Unhandled unhandled : normalization.unhandled()) {
            err.println("unhandled " + unhandled.reason() + ": " + unhandled.detail());
        }
        out.flush();
        return 0;
    }

    private Normalization normalize(byte[] body) throws IOException {
        WebhookNormalizer normalizer = new WebhookNormalizer(tenants(), Clock.systemUTC());
        Channel parsed = Channel.fromWireName(channel);
        if (parsed == Channel.API) {
            return normalizer.normalizeApi(apiChannel, WebhookNormalizer.parse(body));
        }
        return normalizer.normalize(parsed, WebhookNormalizer.parse(body));
    }

    private TenantResolver tenants() throws IOException {
        if (tenantSource.tenant != null) {
            return TenantResolver.fixed(tenantSource.tenant);
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(tenantSource.registry)) {
            properties.load(in);
        }
        Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return ChannelRegistry.fromProperties(settings);
    }

    private static String json(Event event) throws JsonProcessingException {
        return EventCodec.mapper().writeValueAsString(EventCodec.toJson(event));
    }
}
