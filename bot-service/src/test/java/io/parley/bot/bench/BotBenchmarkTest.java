package io.parley.bot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bot.matching.LabeledUtterance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A smoke run of {@code ./parley bench bot}: it runs and prints its summary line (figures are the benchmark's job). */
class BotBenchmarkTest {

    @Test
    void a_short_run_prints_its_summary_line_last() {
        List<LabeledUtterance> data = new ArrayList<>();
        String[][] intents = {
                {"card_arrival", "when will my card arrive", "my card has not arrived yet", "where is my new card",
                        "how long does the card take to come", "card still not delivered", "is my card on its way"},
                {"lost_card", "i lost my card", "my card is missing", "i cannot find my card", "someone stole my card",
                        "block my lost card", "card was stolen yesterday"},
                {"exchange_rate", "what is the exchange rate", "how much is a euro in dollars", "rate for pounds",
                        "which exchange rate do you use", "currency conversion rate", "is the rate fair"}};
        for (String[] intent : intents) {
            for (int i = 1; i < intent.length; i++) {
                data.add(new LabeledUtterance(intent[i], intent[0]));
            }
        }
        String[] lines = BotBenchmark.run(data, 6).split("\n");
        assertThat(lines[lines.length - 1]).matches("p50_ms=\\d+\\.\\d{2} p99_ms=\\d+\\.\\d{2} n=6");
    }
}
