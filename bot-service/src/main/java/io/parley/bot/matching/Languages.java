package io.parley.bot.matching;

import java.util.Locale;

/** Language codes as the engine keys them: the ISO 639-1 code of a language or locale tag. */
public final class Languages {

    private Languages() {
    }

    /** {@code "zh-CN"}, {@code "zh_cn"} and {@code "ZH"} are all {@code "zh"}: MASSIVE names its files by locale. */
    public static String base(String languageOrLocale) {
        String lower = languageOrLocale.strip().toLowerCase(Locale.ROOT);
        int separator = lower.indexOf('-') >= 0 ? lower.indexOf('-') : lower.indexOf('_');
        return separator > 0 ? lower.substring(0, separator) : lower;
    }
}
