package io.parley.ingest.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.events.Channel;
import io.parley.ingest.channel.ChannelDirectory;
import io.parley.ingest.normalize.Json;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Whose webhook a Meta body is. Every account is served by one Meta app (its own app secret, or the channel's
 * configured one), and Meta signs a body with the secret of the app it comes from. So:
 * <ol>
 * <li>the {@code X-Hub-Signature-256} must be the HMAC of the raw bytes under one of the channel's known app secrets,
 * else the body is refused before anything is read or kept;</li>
 * <li>every account the body's entries name that Parley knows must be served by that same app; a body naming an
 * account of another app (another tenant's number signed with my app secret) is refused as a whole. Accounts nobody
 * has pass (they become {@code unknown-account}, kept raw), accounts whose secrets cannot be opened do not: their app
 * is unknown, so the body cannot be shown to be theirs.</li>
 * </ol>
 * Events are then resolved through {@link ChannelDirectory#signedWith}, which applies the second rule again per event.
 */
public final class SignatureRule {

    private SignatureRule() {
    }

    /** The app secret the body is signed with, among the channel's known ones; empty when none matches. */
    public static Optional<String> signingSecret(ChannelDirectory directory, Channel channel, byte[] body,
                                                 String signatureHeader) {
        return directory.appSecrets(channel).stream()
                .filter(secret -> WebhookSignature.verify(secret, body, signatureHeader))
                .findFirst();
    }

    /** Why the signed body may not be taken, or empty when every known account it names is served by the signer. */
    public static Optional<String> refusal(ChannelDirectory directory, Channel channel, String signingSecret,
                                           JsonNode body) {
        for (String account : accountsNamed(channel, body)) {
            Optional<String> problem = directory.problem(channel, account);
            if (problem.isPresent()) {
                return Optional.of("the body names " + channel.wireName() + " account " + account
                        + ", whose secrets this instance cannot open");
            }
            if (directory.account(channel, account).isPresent()
                    && !directory.isSignedFor(channel, account, signingSecret)) {
                return Optional.of("the body names " + channel.wireName() + " account " + account
                        + " but is not signed with that account's app secret");
            }
        }
        return Optional.empty();
    }

    /**
     * The accounts a Meta body's entries are about, in order: WhatsApp's {@code metadata.phone_number_id} of every
     * change, Messenger's and Instagram's entry {@code id}.
     */
    public static Set<String> accountsNamed(Channel channel, JsonNode body) {
        Set<String> accounts = new LinkedHashSet<>();
        for (JsonNode entry : body.path("entry")) {
            if (channel == Channel.WHATSAPP) {
                for (JsonNode change : entry.path("changes")) {
                    addIfSet(accounts, Json.text(change, "value", "metadata", "phone_number_id"));
                }
            } else {
                addIfSet(accounts, Json.text(entry, "id"));
            }
        }
        return accounts;
    }

    private static void addIfSet(Set<String> accounts, String account) {
        if (account != null) {
            accounts.add(account);
        }
    }
}
