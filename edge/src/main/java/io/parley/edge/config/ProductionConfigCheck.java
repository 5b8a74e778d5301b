package io.parley.edge.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** Outside dev and test, the service does not start while {@link ProductionConfig} finds a problem; it says what. */
@ApplicationScoped
public class ProductionConfigCheck {

    private static final String TOKEN_VERIFIER = "io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism";

    void check(@Observes @Priority(1) StartupEvent startup, Config config) {
        if (LaunchMode.current().isDevOrTest()) {
            return;
        }
        List<String> problems = ProductionConfig.problems(name -> config.getOptionalValue(name, String.class),
                ProductionConfigCheck::keyAt, verifiesTokens());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start: " + String.join("; ", problems));
        }
    }

    /** The text at a key location as smallrye-jwt reads it (a file, else a class-path resource); not a URL. */
    static Optional<String> keyAt(String location) {
        String path = location.replaceFirst("^(file|classpath):", "");
        if (location.matches("^[a-z]+://.*")) {
            return Optional.empty();
        }
        try {
            Path file = Path.of(path);
            if (Files.isRegularFile(file)) {
                return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
            }
            try (InputStream resource = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(path.replaceFirst("^/", ""))) {
                return resource == null ? Optional.empty()
                        : Optional.of(new String(resource.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException | InvalidPathException e) {
            return Optional.empty(); // smallrye-jwt reports a key it cannot read on the first token
        }
    }

    private static boolean verifiesTokens() {
        try {
            Class.forName(TOKEN_VERIFIER, false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
