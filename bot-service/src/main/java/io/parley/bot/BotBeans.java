package io.parley.bot;

import io.parley.bot.dialogue.Dialogue;
import io.parley.bot.flow.AddressPolicy;
import io.parley.bot.flow.FlowEngine;
import io.parley.bot.flow.JdkFlowHttp;
import io.parley.bot.language.LanguageDetection;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** The framework-free domain objects, wired once per process. */
public class BotBeans {

    @Produces
    @Singleton
    Dialogue dialogue(BotConfig config) {
        return new Dialogue(new FlowEngine(new JdkFlowHttp(config.httpTimeout(), config.httpMaxResponseBytes(),
                AddressPolicy.allowing(config.httpAllowedNetworks().orElse(List.of())))));
    }

    @Produces
    @Singleton
    LanguageDetection languageDetection(BotConfig config) {
        return new LanguageDetection(config.languages());
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
