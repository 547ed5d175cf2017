package org.staffmfa.keycloak.health;

/**
 * One hole or weakness in a realm's MFA set-up, as the health check reports it.
 *
 * @param id       stable name of the kind of finding, e.g. {@code browser-flow-without-gate}
 * @param severity {@code critical}: someone gets in without the policy; {@code warning}: a factor or a protection
 *                 does not work as the policy promises
 * @param subject  what it is about: a flow's alias, a client id, an identity provider's alias, or the realm
 * @param problem  what is wrong and what it means, in one or two sentences
 * @param fix      how to fix it
 * @param fixable  whether {@code POST …/staff-mfa/health/fixes/{id}} can fix it (see SetupFixes)
 */
public record Finding(String id, Severity severity, String subject, String problem, String fix, boolean fixable) {

    public enum Severity {
        CRITICAL, WARNING;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The same finding, marked as one the health API can fix. */
    Finding asFixable() {
        return new Finding(id, severity, subject, problem, fix, true);
    }

    static Finding critical(String id, String subject, String problem, String fix) {
        return new Finding(id, Severity.CRITICAL, subject, problem, fix, false);
    }

    static Finding warning(String id, String subject, String problem, String fix) {
        return new Finding(id, Severity.WARNING, subject, problem, fix, false);
    }
}
