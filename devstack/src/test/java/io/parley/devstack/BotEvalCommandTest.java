package io.parley.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BotEvalCommandTest {

    @TempDir
    Path dir;

    @Test
    void trains_classifies_and_ends_with_the_metric_line() throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), """
                text,category
                where is my card,card_arrival
                my card has not arrived yet,card_arrival
                when will my new card come,card_arrival
                card still not delivered,card_arrival
                how long until the card arrives,card_arrival
                I forgot my pin,forgot_pin
                what is my pin code,forgot_pin
                reset my pin please,forgot_pin
                I cannot remember the pin,forgot_pin
                lost my pin number,forgot_pin
                what is the exchange rate,exchange_rate
                how much is a dollar in euros,exchange_rate
                currency conversion rate today,exchange_rate
                which rate do you use to exchange,exchange_rate
                euro to pound rate,exchange_rate
                """);
        Path test = Files.writeString(dir.resolve("test.csv"), """
                text,category
                has my card been sent,card_arrival
                I don't remember my pin,forgot_pin
                dollar to euro exchange rate,exchange_rate
                """);
        StringWriter out = new StringWriter();
        CommandLine command = ParleyCommand.commandLine();
        command.setOut(new PrintWriter(out));

        int exitCode = command.execute("bot-eval", "--train", train.toString(), "--test", test.toString());

        assertThat(exitCode).isZero();
        assertThat(out.toString().strip().lines().reduce((first, second) -> second).orElseThrow())
                .matches("accuracy=\\d\\.\\d{4} in_scope_accuracy=\\d\\.\\d{4} p50_ms=\\d+\\.\\d p99_ms=\\d+\\.\\d n=3");
    }

    @Test
    void a_massive_locale_picks_its_language_and_keeps_the_metric_line() throws IOException {
        Path train = Files.writeString(dir.resolve("zh-CN-train.csv"), """
                text,category
                明天早上七点叫醒我,alarm_set
                设一个六点的闹钟,alarm_set
                帮我定个闹钟,alarm_set
                早上八点叫我起床,alarm_set
                明天天气怎么样,weather_query
                今天会下雨吗,weather_query
                外面冷不冷,weather_query
                这周末天气好吗,weather_query
                放一首周杰伦的歌,play_music
                我想听音乐,play_music
                来点轻音乐,play_music
                播放我的歌单,play_music
                """);
        Path test = Files.writeString(dir.resolve("zh-CN-test.csv"), """
                text,category
                七点半叫醒我,alarm_set
                明天会下雪吗,weather_query
                放点音乐,play_music
                """);
        StringWriter out = new StringWriter();
        CommandLine command = ParleyCommand.commandLine();
        command.setOut(new PrintWriter(out));

        int exitCode = command.execute("bot-eval", "--train", train.toString(), "--test", test.toString(),
                "--language", "zh-CN");

        assertThat(exitCode).isZero();
        assertThat(out.toString().strip().lines().reduce((first, second) -> second).orElseThrow())
                .matches("accuracy=\\d\\.\\d{4} in_scope_accuracy=\\d\\.\\d{4} p50_ms=\\d+\\.\\d p99_ms=\\d+\\.\\d n=3");
    }

    @Test
    void a_missing_file_is_a_clear_error() {
        StringWriter err = new StringWriter();
        CommandLine command = ParleyCommand.commandLine();
        command.setErr(new PrintWriter(err));

        int exitCode = command.execute("bot-eval", "--train", dir.resolve("nope.csv").toString(),
                "--test", dir.resolve("nope.csv").toString());

        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).contains("nope.csv");
    }
}
