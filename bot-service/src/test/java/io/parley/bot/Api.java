package io.parley.bot;

import static io.restassured.RestAssured.given;

import io.parley.testkit.auth.DevTokens;
import io.restassured.specification.RequestSpecification;

/** Requests to the admin API with a development token of a tenant. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification asAdmin(String tenant) {
        return given().auth().oauth2(DevTokens.issue(tenant, "admin-1", true));
    }

    public static RequestSpecification asAgent(String tenant) {
        return given().auth().oauth2(DevTokens.issue(tenant, "agent-1", false));
    }
}
