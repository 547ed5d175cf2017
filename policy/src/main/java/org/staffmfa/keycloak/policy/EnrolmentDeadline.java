package org.staffmfa.keycloak.policy;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How long users without a factor may put enrolment off, per group: in {@code allowed} mode until {@code enrolBy} and
 * for at most {@code maxSkips} skips, after which they are treated as in {@code required} mode; in {@code required}
 * mode, {@code graceUntil} lets them skip until then (and, within the grace, the same limits apply).
 *
 * @param enrolBy    after this instant, skipping ends
 * @param maxSkips   after this many skips, skipping ends
 * @param graceUntil required mode only: until this instant, skipping is allowed
 */
public record EnrolmentDeadline(Optional<Instant> enrolBy, OptionalInt maxSkips, Optional<Instant> graceUntil) {

    public static final EnrolmentDeadline NONE = new EnrolmentDeadline(Optional.empty(), OptionalInt.empty(), Optional.empty());

    public boolean isSet() {
        return enrolBy.isPresent() || maxSkips.isPresent() || graceUntil.isPresent();
    }

    /**
     * The mode enrolment follows for a user without a factor: {@code required} within its grace acts as
     * {@code allowed}; {@code allowed} past its deadline or after its last skip acts as {@code required}.
     *
     * @param skips how often the user has skipped enrolment so far
     */
    public MfaMode enrolmentMode(MfaMode mode, Instant now, int skips) {
        MfaMode effective = mode;
        if (effective == MfaMode.REQUIRED && graceUntil.filter(now::isBefore).isPresent()) {
            effective = MfaMode.ALLOWED;
        }
        boolean deadlinePassed = enrolBy.filter(deadline -> !now.isBefore(deadline)).isPresent();
        boolean noSkipsLeft = maxSkips.isPresent() && skips >= maxSkips.getAsInt();
        if (effective == MfaMode.ALLOWED && (deadlinePassed || noSkipsLeft)) {
            effective = MfaMode.REQUIRED;
        }
        return effective;
    }

    /** Until when the user may still skip, if a date limits it: the earlier of the deadline and the grace's end. */
    public Optional<Instant> skipUntil(MfaMode mode) {
        Optional<Instant> grace = mode == MfaMode.REQUIRED ? graceUntil : Optional.empty();
        return java.util.stream.Stream.of(enrolBy, grace).flatMap(Optional::stream).min(Comparator.naturalOrder());
    }

    /**
     * The strictest of several deciding groups' deadlines: the earliest deadline, the fewest skips, and a grace only
     * when every group grants one (then the shortest).
     */
    static EnrolmentDeadline strictest(Collection<EnrolmentDeadline> deadlines) {
        if (deadlines.isEmpty()) {
            return NONE;
        }
        Optional<Instant> enrolBy = deadlines.stream().map(EnrolmentDeadline::enrolBy).flatMap(Optional::stream)
            .min(Comparator.naturalOrder());
        OptionalInt maxSkips = deadlines.stream().map(EnrolmentDeadline::maxSkips).filter(OptionalInt::isPresent)
            .mapToInt(OptionalInt::getAsInt).min();
        boolean allGrace = deadlines.stream().allMatch(deadline -> deadline.graceUntil().isPresent());
        Optional<Instant> graceUntil = !allGrace ? Optional.empty() : deadlines.stream().map(EnrolmentDeadline::graceUntil)
            .flatMap(Optional::stream).min(Comparator.naturalOrder());
        return new EnrolmentDeadline(enrolBy, maxSkips, graceUntil);
    }
}
