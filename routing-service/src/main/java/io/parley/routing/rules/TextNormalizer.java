package io.parley.routing.rules;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text so that keywords match whatever the customer typed: case, accents and punctuation are ignored
 * ("Réclamation!" matches "reclamation"). Works for any script: only combining marks are stripped.
 */
public final class TextNormalizer {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextNormalizer() {
    }

    /** Lower-case words separated by single spaces, with one leading and one trailing space for phrase matching. */
    public static String normalize(String text) {
        if (text == null || text.isBlank()) {
            return " ";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String folded = COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return " " + SEPARATORS.matcher(folded).replaceAll(" ").strip() + " ";
    }

    /**
     * Whether {@code normalizedText} contains the keyword as whole words; scripts written without spaces (Chinese,
     * Japanese, Thai) match anywhere.
     */
    public static boolean containsKeyword(String normalizedText, String keyword) {
        String normalizedKeyword = normalize(keyword);
        if (normalizedKeyword.isBlank()) {
            return false;
        }
        if (writtenWithoutSpaces(normalizedKeyword)) {
            return normalizedText.contains(normalizedKeyword.strip());
        }
        return normalizedText.contains(normalizedKeyword);
    }

    private static boolean writtenWithoutSpaces(String text) {
        return text.codePoints().anyMatch(codePoint -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
            return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.THAI;
        });
    }
}
