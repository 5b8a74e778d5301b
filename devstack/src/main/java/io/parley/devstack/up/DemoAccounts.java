package io.parley.devstack.up;

import io.parley.events.Channel;
import java.util.List;

/**
 * The demo tenant's channel accounts, which {@code parley up --demo} connects through the workspace API and
 * {@code parley simulate} writes to. Every secret here is a DEVELOPMENT value, public in the repository like the
 * development key pair: the demo runs on a local machine only, with its Graph API pointed at the platform's fake one.
 */
public final class DemoAccounts {

    public static final String TENANT = "demo";

    /** The API channel of the demo's web widget; its replies go to the {@link WidgetInbox}. */
    public static final String API_CHANNEL = "web-widget";
    public static final String API_BEARER_TOKEN = "demo-widget-token";

    /** A WhatsApp number, a Facebook page or an Instagram account, with its Meta app's (development) secrets. */
    public record MetaAccount(Channel channel, String accountId, String name, String appSecret, String verifyToken,
                              String accessToken) {
    }

    public static final MetaAccount WHATSAPP = new MetaAccount(Channel.WHATSAPP, "15550100001", "Demo shop WhatsApp",
            "dev-only-demo-whatsapp-app-secret", "dev-only-demo-whatsapp-verify", "dev-only-demo-whatsapp-token");
    public static final MetaAccount MESSENGER = new MetaAccount(Channel.MESSENGER, "100000000000001",
            "Demo shop page", "dev-only-demo-messenger-app-secret", "dev-only-demo-messenger-verify",
            "dev-only-demo-messenger-token");
    public static final MetaAccount INSTAGRAM = new MetaAccount(Channel.INSTAGRAM, "17800000000000001",
            "Demo shop Instagram", "dev-only-demo-instagram-app-secret", "dev-only-demo-instagram-verify",
            "dev-only-demo-instagram-token");
    public static final List<MetaAccount> META = List.of(WHATSAPP, MESSENGER, INSTAGRAM);

    private DemoAccounts() {
    }

    public static MetaAccount meta(Channel channel) {
        return META.stream().filter(account -> account.channel() == channel).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(channel + " is not a Meta channel of the demo"));
    }
}
