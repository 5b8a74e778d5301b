package io.parley.devstack.simulate;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate",
        description = {"Customers and agents for a running Parley with the demo tenant (./parley up --demo):",
            "signed WhatsApp, Messenger and Instagram webhooks and API-channel posts at a fixed rate (open loop),",
            "customers who ask, read the answer, say thanks, say it did not help or ask for a person, and agents",
            "who answer what routing assigns them. Replies are watched where they leave Parley (the fake Graph API",
            "and the API channel's inbox). Prints what was sent, acknowledged, answered, handed off, assigned, lost",
            "and duplicated, and each stage's latency."})
public class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--base-url", defaultValue = "http://127.0.0.1:8080",
            description = "the platform's gateway (default: ${DEFAULT-VALUE})")
    String baseUrl;

    @Option(names = "--graph-arrivals", defaultValue = "http://127.0.0.1:8086/_parley/arrivals",
            description = "where the fake Graph API lists what it received (default: ${DEFAULT-VALUE})")
    String graphArrivals;

    @Option(names = "--callback-arrivals", defaultValue = "http://127.0.0.1:8087/replies/arrivals",
            description = "where the API channel's callback inbox lists what it received (default: ${DEFAULT-VALUE})")
    String callbackArrivals;

    @Option(names = "--rate", defaultValue = "20", description = "customer messages per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--duration", defaultValue = "60s", converter = DurationConverter.class,
            description = "how long to send, e.g. 30s, 2m (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--mix", defaultValue = Mix.DEFAULT, description = "channel weights (default: ${DEFAULT-VALUE})")
    String mix;

    @Option(names = "--contacts", defaultValue = "2000", description = "customers at a time (default: ${DEFAULT-VALUE})")
    int contacts;

    @Option(names = "--languages", defaultValue = "en,es,zh,ru", split = ",",
            description = "the customers' languages, among the knowledge base's (default: ${DEFAULT-VALUE})")
    List<String> languages;

    @Option(names = "--seed", defaultValue = "1", description = "the same seed, the same traffic (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--agents", defaultValue = "0",
            description = "simulated agents who go online and answer what is assigned to them (default: ${DEFAULT-VALUE})")
    int agents;

    @Option(names = "--answer-wait", defaultValue = "30s", converter = DurationConverter.class,
            description = "after the last message, how long to wait for answers still due (default: ${DEFAULT-VALUE})")
    Duration answerWait;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Simulation.Settings settings;
        try {
            settings = new Simulation.Settings(new Schedule(rate, duration), Mix.parse(mix), contacts, languages, seed,
                    agents, answerWait);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            Simulation.Result result = Simulation.run(baseUrl, graphArrivals, callbackArrivals, settings, System.err);
            out.println(result.lines());
            out.flush();
            return 0;
        } catch (IllegalStateException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("parley simulate: " + e.getMessage());
            return 1;
        }
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h} or an ISO-8601 duration ({@code PT30S}). */
    public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            Matcher matcher = SHORT.matcher(value.strip().toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            try {
                return Duration.parse(value.strip());
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration: use e.g. 30s, 2m");
            }
        }
    }
}
