package io.parley.routing.rules;

import io.parley.events.Channel;
import java.util.List;
import java.util.Locale;

/**
 * When a rule applies: every condition given must hold; a condition left empty (null or empty list) holds always.
 * Within one condition any listed value is enough. Keywords match case- and accent-insensitively in any language;
 * {@code pageUrlContains} is a plain substring test on the page the customer wrote from.
 */
public record RuleCondition(
        List<String> keywords,
        List<String> languages,
        List<Channel> channels,
        Long minTenureDays,
        Long maxTenureDays,
        List<String> companyTypes,
        List<String> plans,
        List<String> products,
        List<String> pageUrlContains,
        List<String> handoffReasons) {

    public static final RuleCondition ALWAYS = new RuleCondition(null, null, null, null, null, null, null, null, null,
            null);

    public RuleCondition {
        keywords = copy(keywords);
        languages = copy(languages);
        channels = channels == null ? List.of() : List.copyOf(channels);
        companyTypes = copy(companyTypes);
        plans = copy(plans);
        products = copy(products);
        pageUrlContains = copy(pageUrlContains);
        handoffReasons = copy(handoffReasons);
    }

    public boolean matches(RoutingContext context) {
        return (keywords.isEmpty()
                        || keywords.stream().anyMatch(k -> TextNormalizer.containsKeyword(context.normalizedText(), k)))
                && (languages.isEmpty() || languages.stream().map(RuleCondition::language)
                        .anyMatch(l -> l.equals(language(context.language()))))
                && (channels.isEmpty() || channels.contains(context.channel()))
                && tenureMatches(context)
                && anyEqual(companyTypes, context.contact().companyType())
                && anyEqual(plans, context.contact().plan())
                && (products.isEmpty() || context.contact().products().stream().anyMatch(p -> anyEqual(products, p)))
                && (pageUrlContains.isEmpty() || context.pageUrl() != null && pageUrlContains.stream()
                        .anyMatch(part -> context.pageUrl().toLowerCase(Locale.ROOT)
                                .contains(part.toLowerCase(Locale.ROOT))))
                && anyEqual(handoffReasons, context.handoffReason());
    }

    private boolean tenureMatches(RoutingContext context) {
        if (minTenureDays == null && maxTenureDays == null) {
            return true;
        }
        Long tenure = context.contact().tenureDays(context.at());
        return tenure != null && (minTenureDays == null || tenure >= minTenureDays)
                && (maxTenureDays == null || tenure <= maxTenureDays);
    }

    /** The primary language subtag, so a rule for "pt" matches "pt-BR". */
    public static String language(String tag) {
        return tag == null || tag.isBlank() ? null : tag.toLowerCase(Locale.ROOT).split("[-_]", 2)[0];
    }

    private static boolean anyEqual(List<String> accepted, String value) {
        return accepted.isEmpty() || value != null && accepted.stream().anyMatch(value::equalsIgnoreCase);
    }

    private static List<String> copy(List<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
