package org.staffmfa.keycloak.setup;

/**
 * One change the set-up makes (or, in a dry run, would make).
 *
 * @param action what kind of change, e.g. {@code bind-browser-flow}; also the admin event's {@code staff_mfa_action}
 * @param detail what exactly, for a person: which flow, which provider, what stays as it was
 */
public record SetupChange(String action, String detail) {
}
