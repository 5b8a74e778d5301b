package io.parley.ingest.normalize;

import io.parley.ingest.channel.TenantResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The shared Meta samples (copied byte-for-byte from fixtures/meta) and a normaliser for tenant "acme". */
public final class Fixtures {

    public static final String TENANT = "acme";
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    public static final WebhookNormalizer NORMALIZER = new WebhookNormalizer(TenantResolver.fixed(TENANT), CLOCK);

    private Fixtures() {
    }

    public static byte[] meta(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/meta/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture meta/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
