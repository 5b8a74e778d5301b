package io.parley.edge.config;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
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
                verifiesTokens());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("refusing to start: " + String.join("; ", problems));
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
