package io.parley.testkit.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * REST Assured requests with a development token ({@link DevTokens}), JSON by default: the one way every service's
 * API tests call as an agent, an admin or a platform operator.
 */
public final class AgentApi {

    /** The tenant of platform operators' tokens: they act on every tenant, not as an agent of one. */
    public static final String OPERATORS = "parley-ops";

    private AgentApi() {
    }

    /** As {@code agent} of {@code tenant}, role agent. */
    public static RequestSpecification asAgent(String tenant, String agent) {
        return withToken(DevTokens.issue(tenant, agent, false));
    }

    /** As {@code agent} of {@code tenant}, roles agent and admin. */
    public static RequestSpecification asAdmin(String tenant, String agent) {
        return withToken(DevTokens.issue(tenant, agent, true));
    }

    /** An operator of the whole platform, not an agent of any tenant. */
    public static RequestSpecification asPlatformOperator(String operator) {
        return withToken(DevTokens.issue(OPERATORS, operator, "platform"));
    }

    public static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
