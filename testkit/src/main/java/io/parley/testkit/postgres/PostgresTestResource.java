package io.parley.testkit.postgres;

import io.parley.testkit.ContainerMode;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Gives a {@code @QuarkusTest} a fresh, empty database and drops it afterwards. Provides
 * {@code quarkus.datasource.username|password|reactive.url|jdbc.url}. The database lives on the machine's
 * PostgreSQL ({@link LocalPostgres}) and is named {@code parley_<suite>_<random>}, where the suite is the init
 * argument {@code suite} or else the working directory's name (the module, under Maven). With
 * {@code -Dparley.test.containers=true} a {@code postgres:15} container serves instead (needs Docker).
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    static final String IMAGE = "postgres:15";

    private String suite = workingDirectoryName();
    private DatabaseCoordinates database;
    private Runnable dropDatabase;

    @Override
    public void init(Map<String, String> initArgs) {
        suite = initArgs.getOrDefault("suite", suite);
    }

    @Override
    public Map<String, String> start() {
        if (ContainerMode.enabled()) {
            startContainer();
        } else {
            LocalPostgres server = LocalPostgres.fromEnvironment();
            database = server.createDatabase(suite);
            String name = database.database();
            dropDatabase = () -> server.dropDatabase(name);
        }
        return database.quarkusConfig();
    }

    @Override
    public void stop() {
        if (dropDatabase != null) {
            dropDatabase.run();
            dropDatabase = null;
        }
    }

    /** The database this resource made, for tests that want to look inside it; null before {@link #start()}. */
    public DatabaseCoordinates database() {
        return database;
    }

    private static String workingDirectoryName() {
        Path name = Path.of("").toAbsolutePath().getFileName();
        return name == null ? "tests" : name.toString();
    }

    private void startContainer() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        database = new DatabaseCoordinates(container.getHost(), container.getMappedPort(5432),
                container.getDatabaseName(), container.getUsername(), container.getPassword());
        dropDatabase = container::stop;
    }
}
