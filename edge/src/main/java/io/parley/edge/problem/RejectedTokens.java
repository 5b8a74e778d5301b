package io.parley.edge.problem;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * A token the JWT layer itself refuses (a bad signature, another issuer or audience, expired) fails the request in
 * Quarkus's proactive authentication, before any REST exception mapper runs, and Quarkus would answer a 401 without a
 * body. This route failure handler answers it as every other error is answered: a 401 problem
 * ({@link ApiErrors}) with the Bearer challenge. It does not say which check failed: that helps a forger more than a
 * client, whose fix is the same (a fresh token from the agent gateway).
 */
@ApplicationScoped
public class RejectedTokens {

    static final String PROBLEM = "the bearer token was not accepted (signature, issuer, audience or expiry): sign in"
            + " again for a fresh token of your tenant";

    void handleOn(@Observes Router router) {
        router.route().failureHandler(RejectedTokens::answer);
    }

    private static void answer(RoutingContext request) {
        if (!(request.failure() instanceof AuthenticationFailedException) || request.response().headWritten()) {
            request.next();
            return;
        }
        request.response().setStatusCode(401)
                .putHeader("Content-Type", ApiErrors.PROBLEM_JSON)
                .putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
                .end(ApiErrors.body(401, "Unauthorized", List.of(PROBLEM)));
    }
}
