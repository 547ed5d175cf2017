package org.staffmfa.keycloak.admin;

/**
 * The first step of an MFA admin API operation: throws (403) when the caller's own MFA policy asks for a second factor
 * their session did not pass ({@link CallerSecondFactor}). A type of its own so that a test can stand in for it and prove
 * that every operation asks.
 */
@FunctionalInterface
interface CallerCheck {

    void require();
}
