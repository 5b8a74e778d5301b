package io.parley.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The checkout the tests run in: deploy/ is the working directory under Maven, the repository its parent. */
final class Repository {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");

    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    private static final Pattern PROPERTY = Pattern.compile("<([a-z0-9.-]+)>([^<]*)</\\1>");

    private Repository() {
    }

    /** The deployable services: the parent pom's modules named {@code *-service}, in its order. */
    static List<ServiceModule> services() {
        Matcher module = MODULE.matcher(read(ROOT.resolve("pom.xml")));
        List<String> names = new java.util.ArrayList<>();
        while (module.find()) {
            if (module.group(1).endsWith("-service")) {
                names.add(module.group(1));
            }
        }
        return names.stream().map(name -> ServiceModule.read(ROOT.resolve(name))).toList();
    }

    /** A property of the parent pom, such as the Kafka version. */
    static String parentProperty(String name) {
        Matcher property = PROPERTY.matcher(read(ROOT.resolve("pom.xml")));
        while (property.find()) {
            if (property.group(1).equals(name)) {
                return property.group(2);
            }
        }
        throw new IllegalStateException("The parent pom has no property " + name);
    }

    /** The version every image is tagged with: the project's, handed over by Surefire. */
    static String projectVersion() {
        String version = System.getProperty("parley.version");
        if (version == null) {
            throw new IllegalStateException("Run under Maven: the system property parley.version is not set");
        }
        return version;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
