package org.staffmfa.keycloak.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the factor page says about remembering this browser: a box to tick, a notice that it will be remembered, or
 * nothing (setting {@code never}, or interval 0).
 *
 * @param setting  the effective setting for this user and client
 * @param interval the recheck interval that applies to the user now
 */
public record RememberOffer(RememberBrowser setting, Duration interval) {

    /** The form field of the "Remember this browser" box. */
    public static final String FIELD = "remember";

    public boolean available() {
        return setting != RememberBrowser.NEVER && !interval.isZero() && !interval.isNegative();
    }

    /** The same interval, but no box and no notice: for a factor that must not remember the browser. */
    public RememberOffer withheld() {
        return new RememberOffer(RememberBrowser.NEVER, interval);
    }

    /**
     * Whether the user's answer (or the {@code always} setting) asks for the cookie.
     *
     * @param box the posted value of the box {@value #FIELD}, null when not ticked
     */
    public boolean requested(String box) {
        if (!available()) {
            return false;
        }
        return setting == RememberBrowser.ALWAYS || "on".equals(box);
    }

    /** Page attributes: {@code remember} = offer / always / none, {@code rememberFor} = the interval in parts. */
    public Map<String, Object> pageAttributes() {
        String mode = !available() ? "none" : setting.id();
        return Map.of("remember", mode, "rememberFor", inWords(interval));
    }

    /** 30 days, 12 hours, 1 day 6 hours, 90 minutes → [{unit: days, count: 1}, {unit: hours, count: 6}] */
    static List<Map<String, Object>> inWords(Duration interval) {
        List<Map<String, Object>> parts = new ArrayList<>();
        long days = interval.toDays();
        int hours = interval.toHoursPart();
        int minutes = interval.toMinutesPart();
        add(parts, "days", days);
        add(parts, "hours", hours);
        add(parts, "minutes", minutes);
        if (parts.isEmpty()) {
            add(parts, "seconds", interval.toSecondsPart());
        }
        return parts;
    }

    private static void add(List<Map<String, Object>> parts, String unit, long count) {
        if (count > 0) {
            parts.add(Map.of("unit", unit, "count", count));
        }
    }
}
