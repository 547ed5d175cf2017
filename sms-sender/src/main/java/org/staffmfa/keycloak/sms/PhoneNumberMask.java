package org.staffmfa.keycloak.sms;

/** Shortens a phone number for logs and pages so that a log reader can recognise it without learning it. */
public final class PhoneNumberMask {

    private static final int VISIBLE_PREFIX = 3;
    private static final int VISIBLE_SUFFIX = 2;

    private PhoneNumberMask() {
    }

    /** {@code +4915112345678} becomes {@code +49…78}; anything too short to mask becomes {@code …}. */
    public static String mask(String phoneNumber) {
        if (phoneNumber == null || phoneNumber.length() <= VISIBLE_PREFIX + VISIBLE_SUFFIX) {
            return "…";
        }
        return phoneNumber.substring(0, VISIBLE_PREFIX) + "…" + phoneNumber.substring(phoneNumber.length() - VISIBLE_SUFFIX);
    }
}
