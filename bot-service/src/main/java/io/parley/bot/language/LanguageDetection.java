package io.parley.bot.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The language a customer wrote in, among the languages the bot supports (Lingua, restricted to those: faster and
 * fewer confusions). Thread-safe; the first detection of each language loads its n-gram models.
 */
public final class LanguageDetection {

    private static final int MIN_LETTERS = 3;

    private final LanguageDetector detector;

    public LanguageDetection(Collection<String> isoCodes) {
        IsoCode639_1[] languages = isoCodes.stream().map(LanguageDetection::isoCode).toArray(IsoCode639_1[]::new);
        if (languages.length < 2) {
            throw new IllegalArgumentException("language detection needs at least two languages, got " + isoCodes);
        }
        detector = LanguageDetectorBuilder.fromIsoCodes639_1(languages).build();
    }

    /** ISO 639-1 code of the text's language; empty when the text is too short or ambiguous to tell. */
    public Optional<String> detect(String text) {
        if (text == null || text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS
                && text.codePoints().noneMatch(LanguageDetection::isHan)) {
            return Optional.empty();
        }
        Language language = detector.detectLanguageOf(text);
        return language == Language.UNKNOWN ? Optional.empty()
                : Optional.of(language.getIsoCode639_1().name().toLowerCase(Locale.ROOT));
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    private static IsoCode639_1 isoCode(String isoCode) {
        try {
            return IsoCode639_1.valueOf(isoCode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + isoCode + "' is not an ISO 639-1 language code Lingua knows", e);
        }
    }
}
