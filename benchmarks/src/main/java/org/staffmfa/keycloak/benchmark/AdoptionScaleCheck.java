package org.staffmfa.keycloak.benchmark;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How long the MFA admin API's adoption view takes inside Keycloak for a realm of 1,000 and of 10,000 users (20 groups
 * in two levels; 60 % with an authenticator app): the overview, one page of 50 users, the CSV of everyone, and one
 * user's MFA status (the explain view). Median of
 * five calls each, after one warm-up call. The goal: a 10,000-user realm answers in under 2 s.
 */
final class AdoptionScaleCheck {

    static final String REALM = "staff-mfa-adoption-bench";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CALLS = 5;

    record Row(int users, double overviewMs, double pageMs, double csvMs, double userStatusMs) {
    }

    private final AdminCalls admin;

    AdoptionScaleCheck(AdminCalls admin) {
        this.admin = admin;
    }

    /**
     * @param sizes realm sizes to measure; each is a realm of its own, created with its users in one import (a partial
     *              import may not bring authenticator apps: only the realm's creation may)
     */
    List<Row> run(int[] sizes) throws IOException, InterruptedException {
        List<Row> rows = new ArrayList<>();
        for (int size : sizes) {
            admin.send("DELETE", "/admin/realms/" + REALM, null);
            AdminCalls.expect(admin.send("POST", "/admin/realms", realm(size)), 201, "create realm of " + size + " users");
            String base = "/admin/realms/" + REALM + "/staff-mfa/adoption";
            HttpResponse<String> overview = admin.send("GET", base, null);
            AdminCalls.expect(overview, 200, base);
            int counted = JSON.readTree(overview.body()).at("/totals/users").asInt();
            if (counted != size) {
                throw new IOException("The adoption view counts " + counted + " users, the realm has " + size);
            }
            HttpResponse<String> found = admin.send("GET", "/admin/realms/" + REALM + "/users?exact=true&username=staff00001", null);
            AdminCalls.expect(found, 200, "find a user");
            String userId = JSON.readTree(found.body()).get(0).get("id").asText();
            Row row = new Row(size, medianMs(base), medianMs(base + "/users?show=without-factor&sort=name&max=50"),
                medianMs(base + "/users.csv"), medianMs("/admin/realms/" + REALM + "/staff-mfa/users/" + userId));
            rows.add(row);
            System.out.printf("Adoption view, %,d users: overview %.0f ms, a page of 50 %.0f ms, CSV of all %.0f ms, "
                + "one user's status %.0f ms%n", size, row.overviewMs(), row.pageMs(), row.csvMs(), row.userStatusMs());
            admin.send("DELETE", "/admin/realms/" + REALM, null);
        }
        return rows;
    }

    /** 16 groups in two levels (half of the branches require MFA), the users spread over them, 60 % with an app. */
    private static ObjectNode realm(int size) {
        ObjectNode realm = JSON.createObjectNode().put("realm", REALM).put("enabled", true);
        ArrayNode groups = realm.putArray("groups");
        for (int top = 0; top < 4; top++) {
            ObjectNode group = groups.addObject().put("name", "branch-" + top);
            group.putObject("attributes").putArray("staff-mfa.mode").add(top % 2 == 0 ? "required" : "allowed");
            ArrayNode sub = group.putArray("subGroups");
            for (int i = 0; i < 4; i++) {
                sub.addObject().put("name", "desk-" + i);
            }
        }
        ArrayNode users = realm.putArray("users");
        for (int i = 0; i < size; i++) {
            ObjectNode user = users.addObject().put("username", String.format("staff%05d", i)).put("enabled", true)
                .put("email", String.format("staff%05d@bench.example", i)).put("firstName", "Staff").put("lastName", "No " + i);
            user.putArray("groups").add("/branch-" + (i % 4) + "/desk-" + (i / 4 % 4));
            if (i % 10 < 6) {
                user.putArray("credentials").addObject().put("type", "otp").put("userLabel", "App")
                    .put("secretData", "{\"value\":\"JBSWY3DPEHPK3PXP\"}")
                    .put("credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,"
                        + "\"algorithm\":\"HmacSHA1\",\"secretEncoding\":\"BASE32\"}");
            }
        }
        return realm;
    }

    /** The median time of the call itself (the admin token is fetched before the clock starts). */
    private double medianMs(String path) throws IOException, InterruptedException {
        String token = admin.token();
        AdminCalls.expect(admin.send("GET", path, null, token), 200, path);
        double[] times = new double[CALLS];
        for (int i = 0; i < CALLS; i++) {
            long start = System.nanoTime();
            AdminCalls.expect(admin.send("GET", path, null, token), 200, path);
            times[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(times);
        return times[CALLS / 2];
    }
}
