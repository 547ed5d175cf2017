package org.staffmfa.keycloak.benchmark;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Variant G's realm shape: {@code n} groups as 100 libraries with n/100 desks each (two levels), every 20th library
 * and every 10th desk with MFA settings of its own; a G user is a member of 50 desks in 50 libraries (10 of them a
 * desk 0 that requires MFA, some under a library with settings, most with none: the gate resolves a real mix).
 */
final class ScaleGroups {

    static final int MEMBERSHIPS = 50;
    private static final int LIBRARIES = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleGroups() {
    }

    /** The top-level groups (with their desks) for the realm representation; none for n = 0. */
    static List<ObjectNode> tree(int n) {
        List<ObjectNode> libraries = new ArrayList<>();
        if (n == 0) {
            return libraries;
        }
        int desks = desksPerLibrary(n);
        for (int library = 0; library < LIBRARIES; library++) {
            ObjectNode group = JSON.createObjectNode().put("name", libraryName(library));
            if (library % 20 == 0) {
                settings(group, "allowed", "totp,email");
            }
            ArrayNode sub = group.putArray("subGroups");
            for (int desk = 0; desk < desks; desk++) {
                ObjectNode deskGroup = sub.addObject().put("name", "desk-" + desk);
                if (desk % 10 == 0) {
                    settings(deskGroup, desk % 20 == 0 ? "required" : "allowed", "totp,webauthn,email");
                }
            }
            libraries.add(group);
        }
        return libraries;
    }

    /** The paths of the 50 desks a G user belongs to: every other library, a different desk in each. */
    static List<String> memberships(int n) {
        int desks = desksPerLibrary(n);
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < MEMBERSHIPS; i++) {
            int library = (i * 2) % LIBRARIES;
            // Every fifth membership a desk 0 (required, settings of its own), the others spread over desks 1…
            int desk = i % 5 == 0 ? 0 : 1 + (i * 7) % (desks - 1);
            paths.add("/" + libraryName(library) + "/desk-" + desk);
        }
        return paths;
    }

    private static int desksPerLibrary(int n) {
        if (n % LIBRARIES != 0 || n < 10 * LIBRARIES) {
            throw new IllegalArgumentException("--groups must be a multiple of 100, at least 1,000 (got " + n + ")");
        }
        return n / LIBRARIES - 1;
    }

    private static String libraryName(int library) {
        return String.format("library-%03d", library);
    }

    private static void settings(ObjectNode group, String mode, String factors) {
        ObjectNode attributes = group.putObject("attributes");
        attributes.putArray("staff-mfa.mode").add(mode);
        attributes.putArray("staff-mfa.factors").add(factors);
    }
}
