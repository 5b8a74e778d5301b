package io.parley.testkit.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * A Java program to run in a JVM of its own, with this JVM's {@code java}: options, a classpath, a main class and
 * its arguments; its output (stdout and stderr) appended to a log file. {@link #boundTo(Path)} makes it exit with
 * the JVM that launched it, however that one ends.
 *
 * <pre>{@code
 * Process child = ChildJvm.ofJar(jar).withOptions(List.of("-Xmx512m")).loggingTo(log).boundTo(launcherDir).start();
 * }</pre>
 */
public final class ChildJvm {

    private final String classpath;
    private final String mainClass;
    private final List<String> arguments;
    private final List<String> options = new ArrayList<>();
    private Path workingDirectory;
    private Path logFile;
    private Path launcherDir;

    private ChildJvm(String classpath, String mainClass, List<String> arguments) {
        this.classpath = classpath;
        this.mainClass = mainClass;
        this.arguments = List.copyOf(arguments);
    }

    public static ChildJvm of(String classpath, String mainClass, String... arguments) {
        return new ChildJvm(classpath, mainClass, List.of(arguments));
    }

    /** An executable jar: its manifest names the main class (and the rest of the classpath). */
    public static ChildJvm ofJar(Path jar, String... arguments) {
        return new ChildJvm(jar.toAbsolutePath().toString(), mainClassOf(jar), List.of(arguments));
    }

    /** JVM options, after those added before (the first ones lead the command line). */
    public ChildJvm withOptions(List<String> more) {
        options.addAll(more);
        return this;
    }

    public ChildJvm withSystemProperties(Map<String, String> properties) {
        properties.forEach((name, value) -> options.add("-D" + name + "=" + value));
        return this;
    }

    public ChildJvm inDirectory(Path directory) {
        workingDirectory = directory;
        return this;
    }

    /** Where the output goes (appended); required. */
    public ChildJvm loggingTo(Path file) {
        logFile = file;
        return this;
    }

    /**
     * Runs the program through {@link ParentBoundMain}, whose class file goes to {@code launcherDir}: the child exits
     * (running its shutdown hooks) as soon as this JVM is gone.
     */
    public ChildJvm boundTo(Path launcherDir) {
        this.launcherDir = launcherDir.toAbsolutePath();
        return this;
    }

    public Process start() throws IOException {
        if (logFile == null) {
            throw new IllegalStateException("Say where the output of " + mainClass + " goes: loggingTo(file)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        if (launcherDir == null) {
            command.add(classpath);
        } else {
            installLauncher();
            command.add(launcherDir + File.pathSeparator + classpath);
            command.add(ParentBoundMain.class.getName());
        }
        command.add(mainClass);
        command.addAll(arguments);
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        return builder.start();
    }

    /** Copies the launcher class out of the testkit (a jar, or a directory) to a directory the child JVM can use. */
    private void installLauncher() throws IOException {
        Class<ParentBoundMain> launcher = ParentBoundMain.class;
        Path target = launcherDir.resolve(launcher.getName().replace('.', '/') + ".class");
        Files.createDirectories(target.getParent());
        try (InputStream classFile = launcher.getResourceAsStream(launcher.getSimpleName() + ".class")) {
            if (classFile == null) {
                throw new IllegalStateException("The testkit lacks " + launcher.getName() + ": rebuild parley-testkit");
            }
            Files.copy(classFile, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String mainClassOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            String mainClass = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
            if (mainClass == null) {
                throw new IllegalArgumentException(jar + " is not an executable jar: its manifest has no Main-Class");
            }
            return mainClass;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + jar, e);
        }
    }
}
