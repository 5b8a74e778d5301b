package io.parley.events.conversation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * What a message carries, one object for every kind (DESIGN §3): {@code kind} says which of the optional fields are
 * meaningful. Kinds: text, image, video, audio, voice, document, sticker, location, contacts, reaction, interactive,
 * button, order, template, postback, share, story_mention, referral, unsupported. Readers treat an unknown kind like
 * {@code unsupported}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Content(
        String kind,
        String text,
        String mediaId,
        String url,
        String mimeType,
        String sha256,
        String caption,
        String filename,
        Boolean animated,
        Double latitude,
        Double longitude,
        String name,
        String address,
        String emoji,
        String reactedTo,
        String replyId,
        String replyTitle,
        String payload,
        List<SharedContact> contacts,
        Order order,
        Template template,
        List<Option> options,
        Boolean forwarded,
        String error) {

    public static final String TEXT = "text";
    public static final String LOCATION = "location";
    public static final String CONTACTS = "contacts";
    public static final String REACTION = "reaction";
    public static final String INTERACTIVE = "interactive";
    public static final String BUTTON = "button";
    public static final String ORDER = "order";
    public static final String TEMPLATE = "template";
    public static final String POSTBACK = "postback";
    public static final String UNSUPPORTED = "unsupported";
    public static final List<String> MEDIA_KINDS = List.of("image", "video", "audio", "voice", "document", "sticker");

    public Content {
        Objects.requireNonNull(kind, "content kind");
        contacts = contacts == null ? null : List.copyOf(contacts);
        options = options == null ? null : List.copyOf(options);
    }

    public static Builder builder(String kind) {
        return new Builder(kind);
    }

    public static Content text(String text) {
        return builder(TEXT).text(text).build();
    }

    /** A menu the customer answers by choosing an option: buttons or a list where the channel has them. */
    public static Content menu(String text, List<Option> options) {
        return builder(INTERACTIVE).text(text).options(options).build();
    }

    public static Content unsupported(String error) {
        return builder(UNSUPPORTED).error(error).build();
    }

    @JsonIgnore
    public boolean isMedia() {
        return MEDIA_KINDS.contains(kind);
    }

    /** The words of the message, whatever its kind: what a bot or a search index reads. */
    public String readableText() {
        if (text != null) {
            return text;
        }
        if (replyTitle != null) {
            return replyTitle;
        }
        return caption;
    }

    /** A contact card shared in a message. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SharedContact(String name, List<String> phones, List<String> emails) {
        public SharedContact {
            phones = phones == null ? List.of() : List.copyOf(phones);
            emails = emails == null ? List.of() : List.copyOf(emails);
        }
    }

    /** A catalogue order placed from a chat. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Order(String catalogId, String text, List<OrderItem> items) {
        public Order {
            items = items == null ? List.of() : List.copyOf(items);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrderItem(String productRetailerId, int quantity, Double itemPrice, String currency) {
    }

    /** A pre-approved message template, the only way to open a conversation outside WhatsApp's 24-hour window. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Template(String name, String language, List<String> parameters) {
        public Template {
            parameters = parameters == null ? List.of() : List.copyOf(parameters);
        }
    }

    /** One choice of a menu; {@code id} comes back as the reply id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Option(String id, String title, String description) {
    }

    /** Builds the rarer kinds without a constructor call of two dozen arguments. */
    public static final class Builder {
        private final String kind;
        private String text;
        private String mediaId;
        private String url;
        private String mimeType;
        private String sha256;
        private String caption;
        private String filename;
        private Boolean animated;
        private Double latitude;
        private Double longitude;
        private String name;
        private String address;
        private String emoji;
        private String reactedTo;
        private String replyId;
        private String replyTitle;
        private String payload;
        private List<SharedContact> contacts;
        private Order order;
        private Template template;
        private List<Option> options;
        private Boolean forwarded;
        private String error;

        private Builder(String kind) {
            this.kind = kind;
        }

        public Builder text(String value) { this.text = value; return this; }
        public Builder mediaId(String value) { this.mediaId = value; return this; }
        public Builder url(String value) { this.url = value; return this; }
        public Builder mimeType(String value) { this.mimeType = value; return this; }
        public Builder sha256(String value) { this.sha256 = value; return this; }
        public Builder caption(String value) { this.caption = value; return this; }
        public Builder filename(String value) { this.filename = value; return this; }
        public Builder animated(Boolean value) { this.animated = value; return this; }
        public Builder latitude(Double value) { this.latitude = value; return this; }
        public Builder longitude(Double value) { this.longitude = value; return this; }
        public Builder name(String value) { this.name = value; return this; }
        public Builder address(String value) { this.address = value; return this; }
        public Builder emoji(String value) { this.emoji = value; return this; }
        public Builder reactedTo(String value) { this.reactedTo = value; return this; }
        public Builder replyId(String value) { this.replyId = value; return this; }
        public Builder replyTitle(String value) { this.replyTitle = value; return this; }
        public Builder payload(String value) { this.payload = value; return this; }
        public Builder contacts(List<SharedContact> value) { this.contacts = value; return this; }
        public Builder order(Order value) { this.order = value; return this; }
        public Builder template(Template value) { this.template = value; return this; }
        public Builder options(List<Option> value) { this.options = value; return this; }
        public Builder forwarded(Boolean value) { this.forwarded = value; return this; }
        public Builder error(String value) { this.error = value; return this; }

        public Content build() {
            return new Content(kind, text, mediaId, url, mimeType, sha256, caption, filename, animated, latitude,
                    longitude, name, address, emoji, reactedTo, replyId, replyTitle, payload, contacts, order,
                    template, options, forwarded, error);
        }
    }
}
