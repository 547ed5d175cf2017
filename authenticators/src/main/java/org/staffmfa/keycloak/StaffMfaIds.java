package org.staffmfa.keycloak;

/** Provider ids administrators see in the admin console and in realm exports. */
public final class StaffMfaIds {

    /** The authenticator that enforces the group policy after the password. */
    public static final String GATE = "staff-mfa-gate";
    /** The authenticator that enforces the group policy in the direct grant (password grant) flow. */
    public static final String DIRECT_GRANT_GATE = "staff-mfa-direct-grant";
    /** The required action that enrols a second factor (chooser with "Skip for now"). */
    public static final String ENROL_ACTION = "staff-mfa-enrol";

    private StaffMfaIds() {
    }
}
