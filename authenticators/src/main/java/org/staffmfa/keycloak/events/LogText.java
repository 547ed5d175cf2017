package org.staffmfa.keycloak.events;

/** Text chosen by administrators or users (names, group paths, client ids) made safe for one log line. */
public final class LogText {

    private LogText() {
    }

    /** No line breaks (ASCII or Unicode) and no invisible formatting characters (bidi overrides) into the log. */
    public static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", "?");
    }
}
