package io.parley.routing.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.Channel;
import io.parley.events.conversation.ConversationEvent.Priority;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleBookTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void keywordsMatchWholeWordsIgnoringCaseAndAccentsInAnyLanguage() {
        RuleCondition refunds = when(List.of("reembolso", "rückerstattung", "remboursement", "退款", "refund"));

        assertThat(refunds.matches(context("Quiero un REEMBOLSO ya"))).isTrue();
        assertThat(refunds.matches(context("Ich möchte eine Ruckerstattung!"))).isTrue();
        assertThat(refunds.matches(context("Rémboursement, svp"))).isTrue();
        assertThat(refunds.matches(context("我要退款"))).isTrue();
        assertThat(refunds.matches(context("refunding is not the word"))).isFalse();
        assertThat(refunds.matches(context("hello"))).isFalse();
    }

    @Test
    void phrasesMatchAcrossPunctuation() {
        assertThat(when(List.of("cancel subscription")).matches(context("How do I cancel... subscription?"))).isTrue();
    }

    @Test
    void everyGivenConditionMustHold() {
        RuleCondition condition = new RuleCondition(null, List.of("pt"), List.of(Channel.WHATSAPP), 365L, null,
                List.of("enterprise"), List.of("gold", "platinum"), List.of("payroll"), List.of("/pricing"),
                List.of("asked-for-human"));
        ContactProfile loyalEnterprise = new ContactProfile(LocalDate.parse("2024-01-01"), "Enterprise", "gold",
                List.of("crm", "payroll"));
        RoutingContext fits = new RoutingContext(TextNormalizer.normalize("oi"), "pt-BR", Channel.WHATSAPP,
                loyalEnterprise, "https://acme.example/pricing?x=1", "asked-for-human", NOW);

        assertThat(condition.matches(fits)).isTrue();
        assertThat(condition.matches(with(fits, "en", Channel.WHATSAPP, loyalEnterprise, fits.pageUrl()))).isFalse();
        assertThat(condition.matches(with(fits, "pt", Channel.MESSENGER, loyalEnterprise, fits.pageUrl()))).isFalse();
        assertThat(condition.matches(with(fits, "pt", Channel.WHATSAPP,
                new ContactProfile(LocalDate.parse("2026-06-01"), "enterprise", "gold", List.of("payroll")),
                fits.pageUrl()))).as("tenure under a year").isFalse();
        assertThat(condition.matches(with(fits, "pt", Channel.WHATSAPP,
                new ContactProfile(LocalDate.parse("2020-06-01"), "smb", "gold", List.of("payroll")),
                fits.pageUrl()))).as("company type").isFalse();
        assertThat(condition.matches(with(fits, "pt", Channel.WHATSAPP, ContactProfile.UNKNOWN, fits.pageUrl())))
                .as("unknown contact").isFalse();
        assertThat(condition.matches(with(fits, "pt", Channel.WHATSAPP, loyalEnterprise, "https://acme.example/")))
                .as("page").isFalse();
        assertThat(condition.matches(new RoutingContext(fits.normalizedText(), "pt", Channel.WHATSAPP,
                loyalEnterprise, fits.pageUrl(), "low-confidence", NOW))).as("handoff reason").isFalse();
    }

    @Test
    void firstMatchingRuleWinsAndNothingMatchingGoesToTriage() {
        RuleBook book = new RuleBook(List.of(
                new AssignmentRule("billing", when(List.of("invoice")), "billing", Priority.HIGH, List.of("billing")),
                new AssignmentRule("catch-invoices-too", when(List.of("invoice", "bill")), "sales", null, null)),
                "triage");

        assertThat(book.route(context("my invoice is wrong"), List.of("vat")))
                .isEqualTo(new RoutingTarget("billing", Priority.HIGH, List.of("billing", "vat"), "billing"));
        assertThat(book.route(context("my bill"), List.of()))
                .isEqualTo(new RoutingTarget("sales", Priority.NORMAL, List.of(), "catch-invoices-too"));
        assertThat(book.route(context("hello"), List.of()))
                .isEqualTo(new RoutingTarget("triage", Priority.NORMAL, List.of(), null));
    }

    private static RuleCondition when(List<String> keywords) {
        return new RuleCondition(keywords, null, null, null, null, null, null, null, null, null);
    }

    private static RoutingContext context(String text) {
        return new RoutingContext(TextNormalizer.normalize(text), null, Channel.WHATSAPP, ContactProfile.UNKNOWN, null,
                null, NOW);
    }

    private static RoutingContext with(RoutingContext base, String language, Channel channel, ContactProfile contact,
            String pageUrl) {
        return new RoutingContext(base.normalizedText(), language, channel, contact, pageUrl, base.handoffReason(),
                base.at());
    }
}
