package org.staffmfa.keycloak.otp;

/** Decides whether user input can be a code at all, before any secret is touched. */
public final class CodeFormat {

    private CodeFormat() {
    }

    /**
     * Only ASCII digits, exactly {@code digits} of them. Letters, spaces, non-ASCII digits (e.g. Arabic-Indic),
     * {@code null} and oversized input are all refused alike.
     */
    public static boolean isWellFormed(String input, int digits) {
        if (input == null || input.length() != digits) {
            return false;
        }
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
