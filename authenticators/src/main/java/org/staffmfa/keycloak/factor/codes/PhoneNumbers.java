package org.staffmfa.keycloak.factor.codes;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Reads a phone number as people type it ("0151 1234 5678", "+49 (151) 12345678") with Google's libphonenumber and
 * writes it in E.164 ("+4915112345678"). Only numbers that can receive texts are accepted: premium-rate, shared-cost,
 * toll-free and fixed-line numbers are refused, which also blocks SMS toll fraud.
 */
final class PhoneNumbers {

    static final int MAX_INPUT_LENGTH = 40;
    private static final Set<PhoneNumberType> TEXTABLE = EnumSet.of(
        PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.PERSONAL_NUMBER, PhoneNumberType.VOIP);

    private PhoneNumbers() {
    }

    /**
     * @param defaultRegion ISO 3166 code for numbers typed without country code (e.g. "DE"), or null to require "+"
     */
    static Optional<String> toE164(String input, String defaultRegion) {
        if (input == null || input.isBlank() || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        try {
            String region = defaultRegion == null || defaultRegion.isBlank() ? "ZZ" : defaultRegion.trim().toUpperCase(Locale.ROOT);
            PhoneNumber number = util.parse(input.strip(), region);
            if (!util.isValidNumber(number) || !TEXTABLE.contains(util.getNumberType(number))) {
                return Optional.empty();
            }
            return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }
}
