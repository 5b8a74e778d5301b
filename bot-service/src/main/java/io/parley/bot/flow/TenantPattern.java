package io.parley.bot.flow;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.Optional;

/**
 * A regular expression a tenant wrote, run on what customers type. RE2/J matches in time linear in the text, so no
 * pattern (e.g. {@code (a+)+$}) can make a customer's message take exponential time; in return it has no
 * backreferences or lookaround, which a flow's answer check does not need.
 */
final class TenantPattern {

    private TenantPattern() {
    }

    /** Whether the whole of {@code text} matches {@code pattern}; a pattern RE2/J cannot read matches nothing. */
    static boolean matches(String pattern, String text) {
        try {
            return Pattern.matches(pattern, text);
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** What is wrong with {@code pattern}; empty when it can be used. */
    static Optional<String> problem(String pattern) {
        try {
            Pattern.compile(pattern);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of("pattern is not a regular expression the bot can run (RE2 syntax: no backreferences or"
                    + " lookaround): " + e.getMessage());
        }
    }
}
