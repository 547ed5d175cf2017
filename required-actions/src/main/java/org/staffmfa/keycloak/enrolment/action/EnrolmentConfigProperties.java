package org.staffmfa.keycloak.enrolment.action;

import java.util.ArrayList;
import java.util.List;

import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;
import org.staffmfa.keycloak.factor.totp.TotpEnrolmentConfig;
import org.staffmfa.keycloak.otp.OtpSecret;

/** The settings the admin console shows for the enrolment action, and their validation on save. */
final class EnrolmentConfigProperties {

    private EnrolmentConfigProperties() {
    }

    static List<ProviderConfigProperty> all() {
        List<ProviderConfigProperty> properties = new ArrayList<>(RequiredActionFactory.MAX_AUTH_AGE_CONFIG_PROPERTIES);
        properties.addAll(ProviderConfigurationBuilder.create()
            .property()
            .name(TotpEnrolmentConfig.TOTP_ISSUER)
            .label("Authenticator app: issuer")
            .helpText("Name the authenticator app shows for the account. Empty: the realm's display name.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .add()
            .property()
            .name(TotpEnrolmentConfig.TOTP_LABEL_ATTRIBUTE)
            .label("Authenticator app: account label")
            .helpText("What identifies the user in the app: username, id (stable, recommended by Evergreen and RFC 6238), "
                + "email, or the name of a user attribute.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(TotpEnrolmentConfig.LABEL_USERNAME)
            .add()
            .property()
            .name(TotpEnrolmentConfig.TOTP_SECRET_LENGTH)
            .label("Authenticator app: secret length (bytes)")
            .helpText("Length of the shared secret, " + OtpSecret.MIN_LENGTH + " to " + OtpSecret.MAX_LENGTH + " bytes.")
            .type(ProviderConfigProperty.STRING_TYPE)
            .defaultValue(Integer.toString(OtpSecret.DEFAULT_LENGTH))
            .add()
            .build());
        return properties;
    }

    /** Rejects bad values when the administrator saves them, with a message naming the field. */
    static void validate(String actionId, RequiredActionConfigModel model) {
        String length = model.getConfigValue(TotpEnrolmentConfig.TOTP_SECRET_LENGTH);
        if (length != null && !length.isBlank()) {
            int bytes;
            try {
                bytes = Integer.parseInt(length.trim());
            } catch (NumberFormatException e) {
                throw invalid(actionId, TotpEnrolmentConfig.TOTP_SECRET_LENGTH);
            }
            if (bytes < OtpSecret.MIN_LENGTH || bytes > OtpSecret.MAX_LENGTH) {
                throw invalid(actionId, TotpEnrolmentConfig.TOTP_SECRET_LENGTH);
            }
        }
        String label = model.getConfigValue(TotpEnrolmentConfig.TOTP_LABEL_ATTRIBUTE);
        if (label != null && !label.isBlank() && !TotpEnrolmentConfig.ATTRIBUTE_NAME.matcher(label.trim()).matches()) {
            throw invalid(actionId, TotpEnrolmentConfig.TOTP_LABEL_ATTRIBUTE);
        }
        String issuer = model.getConfigValue(TotpEnrolmentConfig.TOTP_ISSUER);
        if (issuer != null && issuer.length() > TotpEnrolmentConfig.MAX_ISSUER_LENGTH) {
            throw invalid(actionId, TotpEnrolmentConfig.TOTP_ISSUER);
        }
    }

    private static ValidationException invalid(String actionId, String field) {
        return new ValidationException(new ValidationError(actionId, field, "error-invalid-value"));
    }
}
