package io.parley.testkit;

/**
 * The switch between the machine's own services (the default: a broker process, the local PostgreSQL) and
 * Testcontainers, which needs a Docker engine. Turned on with {@code -Dparley.test.containers=true}.
 */
public final class ContainerMode {

    public static final String PROPERTY = "parley.test.containers";

    private ContainerMode() {
    }

    public static boolean enabled() {
        return Boolean.getBoolean(PROPERTY);
    }
}
