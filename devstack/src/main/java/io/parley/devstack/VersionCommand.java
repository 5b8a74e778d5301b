package io.parley.devstack;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "version", description = "Print the versions of Parley and of what it runs on.")
class VersionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        for (String line : new ParleyVersion().getVersion()) {
            spec.commandLine().getOut().println(line);
        }
        return 0;
    }
}
