package io.parley.events.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The names a {@code web} channel's account uses in {@code parley.workspace.channel-saved.v1}: its
 * {@code settings.allowedOrigins} (the sites that may embed the widget, space-separated origins) and its sealed
 * {@code identitySecret} (checks signed user identities; without it only anonymous visitors are served).
 */
public final class WebChannelSettings {

    public static final String ALLOWED_ORIGINS = "allowedOrigins";
    public static final String IDENTITY_SECRET = "identitySecret";

    private WebChannelSettings() {
    }

    public static List<String> allowedOrigins(Map<String, String> settings) {
        String joined = settings.get(ALLOWED_ORIGINS);
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.trim().split("\\s+"));
    }

    /** Whether a browser's {@code Origin} header names one of the allowed sites (scheme, host and port, exactly). */
    public static boolean allows(List<String> allowedOrigins, String origin) {
        if (origin == null) {
            return false;
        }
        String normalised = normalise(origin);
        return normalised != null && allowedOrigins.stream().anyMatch(allowed -> normalised.equals(normalise(allowed)));
    }

    /** {@code scheme://host[:port]} in lower case, or null when the text is not an http(s) origin. */
    public static String normalise(String origin) {
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null || !(scheme.equalsIgnoreCase("http")
                    || scheme.equalsIgnoreCase("https")) || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    && !uri.getRawPath().equals("/")) || uri.getRawQuery() != null || uri.getUserInfo() != null) {
                return null;
            }
            return scheme.toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
