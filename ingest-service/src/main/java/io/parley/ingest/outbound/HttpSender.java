package io.parley.ingest.outbound;

import io.parley.events.Channel;
import io.parley.events.conversation.ConversationEvent.AuthorKind;
import io.parley.events.conversation.ConversationEvent.MessageOutbound;
import io.parley.events.ids.ConversationId;
import io.parley.ingest.channel.ChannelAccount;
import io.parley.ingest.normalize.Json;
import io.parley.ingest.webhook.WebhookSignature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

/**
 * Sends over HTTP: WhatsApp to {@code {base}/{phone_number_id}/messages}, Messenger and Instagram to
 * {@code {base}/me/messages} (Bearer access token), API channels to their callback URL, signed like Meta's
 * webhooks ({@code X-Parley-Signature-256: sha256=<HMAC of the body with the callback secret>}).
 */
public final class HttpSender implements ChannelSender {

    public static final String CALLBACK_SIGNATURE_HEADER = "X-Parley-Signature-256";

    private final HttpClient client;
    private final String graphBaseUrl;
    private final Duration timeout;
    private final ThroughputLimiter whatsappThroughput;
    private final boolean humanAgentTag;

    public HttpSender(String graphBaseUrl, Duration timeout, ThroughputLimiter whatsappThroughput,
                      boolean humanAgentTag) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.graphBaseUrl = graphBaseUrl.endsWith("/") ? graphBaseUrl.substring(0, graphBaseUrl.length() - 1)
                : graphBaseUrl;
        this.timeout = timeout;
        this.whatsappThroughput = whatsappThroughput;
        this.humanAgentTag = humanAgentTag;
    }

    @Override
    public SendResult send(ConversationId conversation, ChannelAccount account, MessageOutbound message)
            throws InterruptedException {
        Channel channel = conversation.channel();
        String body;
        try {
            body = switch (channel) {
                case WHATSAPP -> GraphRequests.whatsapp(conversation.user(), message.content(),
                        message.replyToChannelMessageId(), message.messageId()).toString();
                case MESSENGER, INSTAGRAM -> GraphRequests.messaging(conversation.user(), message.content(),
                        message.messageId(), humanAgentTag && message.author() != null && message.author().kind() == AuthorKind.AGENT).toString();
                case API -> CallbackBody.of(conversation, message);
                // The visitor's widget reads replies from the log (history and live stream): nothing to send.
                case WEB -> null;
            };
        } catch (GraphRequests.UnsendableException e) {
            return SendResult.failed(null, e.getMessage(), false);
        }
        if (channel == Channel.API) {
            return callback(account, message, body);
        }
        if (channel == Channel.WEB) {
            return SendResult.accepted(message.messageId());
        }
        if (account.accessToken() == null) {
            return SendResult.failed(null, "no access token configured for " + channel.wireName() + " account "
                    + account.id() + ": set parley.channels." + channel.wireName() + ".accounts." + account.id()
                    + ".access-token, or the account's accessToken in the workspace admin", false);
        }
        if (channel == Channel.WHATSAPP) {
            whatsappThroughput.acquire(account.id());
        }
        String path = channel == Channel.WHATSAPP ? "/" + account.id() + "/messages" : "/me/messages";
        HttpRequest request = HttpRequest.newBuilder(URI.create(graphBaseUrl + path))
                .timeout(timeout)
                .header("Authorization", "Bearer " + account.accessToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return exchange(request, reply -> {
            var json = GraphErrors.parse(reply);
            return Json.firstOf(Json.text(json.path("messages").path(0), "id"), Json.text(json, "message_id"));
        });
    }

    private SendResult callback(ChannelAccount account, MessageOutbound message, String body)
            throws InterruptedException {
        if (account.callbackUrl() == null) {
            return SendResult.failed(null, "API channel " + account.id() + " has no callback URL: set "
                    + "parley.channels.api.accounts." + account.id() + ".callback-url, or the channel's callbackUrl in "
                    + "the workspace admin", false);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(account.callbackUrl()))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (account.callbackSecret() != null) {
            request.header(CALLBACK_SIGNATURE_HEADER, WebhookSignature.sign(account.callbackSecret(), bytes));
        }
        SendResult result = exchange(request.build(), reply -> message.messageId());
        // the callback body carries the messageId, so the receiver can drop a repeat: resending an unknown outcome
        // cannot show the customer a message twice, unlike on the Graph API
        return result.mayHaveArrived() ? SendResult.failed(result.error().code(), result.error().title(), true)
                : result;
    }

    private SendResult exchange(HttpRequest request, Function<byte[], String> acceptedId)
            throws InterruptedException {
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 == 2) {
                return SendResult.accepted(acceptedId.apply(response.body()));
            }
            return GraphErrors.fromReply(response.statusCode(), response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return SendResult.failed(null, "could not connect to " + request.uri().getHost() + ": " + e, true);
        } catch (IOException e) {
            // the request may have been taken before the answer was lost (timeout, reset)
            return SendResult.unknown(null, "no answer from " + request.uri().getHost() + ": " + e);
        }
    }
}
