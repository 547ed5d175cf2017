package org.staffmfa.keycloak.policy;

/**
 * A setting the resolver could not read as written, and the stricter reading it used instead.
 *
 * @param source    group path, or {@value PolicyAttributes#REALM_DEFAULT_SOURCE}
 * @param attribute attribute name
 * @param value     the value as found
 * @param applied   what the resolver used instead, in words
 */
public record ConfigProblem(String source, String attribute, String value, String applied) {

    public String describe() {
        return source + ": " + attribute + "=\"" + value + "\" is not valid; using " + applied;
    }
}
