package io.parley.ticket.support;

import static io.restassured.RestAssured.given;

import io.parley.edge.auth.Caller;
import io.parley.testkit.auth.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as an agent of a tenant, with a development token. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String tenant, String agent) {
        return withToken(DevTokens.issue(tenant, agent, false));
    }

    public static RequestSpecification asAdmin(String tenant, String agent) {
        return withToken(DevTokens.issue(tenant, agent, true));
    }

    /** An operator of the whole platform, not an agent of any tenant. */
    public static RequestSpecification asPlatformOperator(String operator) {
        return withToken(DevTokens.issue("parley-ops", operator, Caller.PLATFORM));
    }

    private static RequestSpecification withToken(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
