package org.staffmfa.keycloak.mfa;

/** Provider ids administrators see in the admin console and in realm exports. */
public final class StaffMfaIds {

    /** The authenticator that enforces the group policy after the password. */
    public static final String GATE = "staff-mfa-gate";
    /** The required action that enrols a second factor (chooser with "Skip for now"). */
    public static final String ENROL_ACTION = "staff-mfa-enrol";

    private StaffMfaIds() {
    }
}
