package com.stockcount.count.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;
import java.util.List;
import java.util.Set;

/**
 * Callers of the REST API with their bearer tokens, signed with the test key
 * ({@code smallrye.jwt.sign.key.location}), as the platform's identity provider would issue them.
 */
public final class Api {

    /** Every site the tests of this module use. */
    public static final List<String> TEST_SITES = List.of("STORE-1", "STORE-2", "STORE-L", "STORE-M", "STORE-S", "STORE-C", "STORE-W",
            "DC-1", "WH-9", "BROKEN", "NOWHERE");

    private Api() {
    }

    public static String token(String user, List<String> sites, String... groups) {
        return Jwt.issuer("stockcount").subject(user).groups(Set.of(groups)).claim("sites", sites).sign();
    }

    /** A store or warehouse manager of every test site: plans counts, works sessions, starts early. */
    public static String manager() {
        return token("manager", TEST_SITES, "create:stock-count", "update:stock-count", "INV_COUNT_ADMIN");
    }

    /** An associate of the given sites: works sessions, cannot plan counts nor start early. */
    public static String associate(String user, String... sites) {
        return token(user, List.of(sites), "FULFILL_INVCUNT_ADMIN");
    }

    /** The default caller of the tests: the manager. */
    public static RequestSpecification given() {
        return as(manager());
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().auth().oauth2(token);
    }

    /** No token at all. */
    public static RequestSpecification anonymous() {
        return RestAssured.given();
    }
}
