package io.parley.devstack;

import io.parley.devstack.chaos.ChaosCommand;
import io.parley.devstack.simulate.SimulateCommand;
import io.parley.devstack.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The one command users run: {@code ./parley <subcommand>}. */
@Command(
        name = "parley",
        mixinStandardHelpOptions = true,
        versionProvider = ParleyVersion.class,
        description = "Parley, the event-driven customer-service messaging platform.",
        subcommands = {HelpCommand.class, VersionCommand.class, NormalizeCommand.class, TokenCommand.class, BotEvalCommand.class,
            BenchCommand.class, UpCommand.class, SimulateCommand.class, ChaosCommand.class},
        footer = {"", "./parley help <command> shows its options; docs/ explains the platform."})
public class ParleyCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new ParleyCommand()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
