package io.parley.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Versions stamped into the build (resource filtering), so {@code parley version} tells what is running. */
public class ParleyVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        Properties build = new Properties();
        try (InputStream in = ParleyVersion.class.getResourceAsStream("/parley-version.properties")) {
            if (in == null) {
                throw new IllegalStateException("parley-version.properties is missing: rebuild with ./mvnw");
            }
            build.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String[] {
            "parley " + build.getProperty("parley.version"),
            "quarkus " + build.getProperty("quarkus.version") + ", kafka " + build.getProperty("kafka.version")
                    + ", java " + System.getProperty("java.version")
        };
    }
}
