package io.parley.ticket.workspace;

import io.parley.events.web.WebChannelSettings;
import java.util.List;
import java.util.Map;

/** The secret names of channel accounts, as ingest reads them from {@code parley.workspace.channel-saved.v1}. */
public final class Secrets {

    public static final String APP_SECRET = "appSecret";
    public static final String ACCESS_TOKEN = "accessToken";
    public static final String VERIFY_TOKEN = "verifyToken";
    public static final String BEARER_TOKEN = "bearerToken";
    public static final String CALLBACK_SECRET = "callbackSecret";
    public static final String CALLBACK_URL = "callbackUrl";
    public static final String IDENTITY_SECRET = WebChannelSettings.IDENTITY_SECRET;
    public static final String ALLOWED_ORIGINS = WebChannelSettings.ALLOWED_ORIGINS;

    /** The secrets each channel kind takes, and which of them an account must have. */
    static final Map<String, List<String>> ACCEPTED = Map.of(
            "whatsapp", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "messenger", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "instagram", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "api", List.of(BEARER_TOKEN, CALLBACK_SECRET),
            "web", List.of(IDENTITY_SECRET));
    static final Map<String, List<String>> REQUIRED = Map.of(
            "whatsapp", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "messenger", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "instagram", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "api", List.of(BEARER_TOKEN),
            "web", List.of());

    private Secrets() {
    }
}
