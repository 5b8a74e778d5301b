package io.parley.ticket.workspace;

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

    /** The secrets each channel kind takes, and which of them an account must have. */
    static final Map<String, List<String>> ACCEPTED = Map.of(
            "whatsapp", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "messenger", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "instagram", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "api", List.of(BEARER_TOKEN, CALLBACK_SECRET));
    static final Map<String, List<String>> REQUIRED = Map.of(
            "whatsapp", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "messenger", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "instagram", List.of(APP_SECRET, ACCESS_TOKEN, VERIFY_TOKEN),
            "api", List.of(BEARER_TOKEN));

    private Secrets() {
    }
}
