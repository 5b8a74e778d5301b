package io.parley.ticket.support;

import static io.restassured.RestAssured.given;

import io.parley.ticket.auth.DevTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Requests as an agent of a tenant, with a development token. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String tenant, String agent) {
        return given().auth().oauth2(DevTokens.issue(tenant, agent, false)).contentType(ContentType.JSON);
    }

    public static RequestSpecification asAdmin(String tenant, String agent) {
        return given().auth().oauth2(DevTokens.issue(tenant, agent, true)).contentType(ContentType.JSON);
    }
}
