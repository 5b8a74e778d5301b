package io.parley.analytics.dashboard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The ops dashboard is static files under {@code META-INF/resources/dashboard/} (served at {@code /dashboard/}, its
 * index page); {@code /dashboard} itself, the address people type and DESIGN §4 names, redirects there so that the
 * page's relative links resolve.
 */
@ApplicationScoped
public class DashboardPage {

    void routes(@Observes Router router) {
        router.routeWithRegex("^/dashboard$").handler(context -> context.response().setStatusCode(301)
                .putHeader("Location", "/dashboard/").end());
    }
}
