package org.staffmfa.keycloak.factor.webauthn;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.MultivaluedMap;

import org.keycloak.WebAuthnConstants;

/**
 * The posted answer of a security key, checked for shape before Keycloak decodes it: each field at most once,
 * base64url, and of a size a real authenticator produces. Anything else is refused as a wrong answer instead of
 * reaching the decoder (which would fail with a server error).
 */
public final class WebAuthnForm {

    /** Generous: attestation objects with certificate chains are a few kilobytes, everything else far less. */
    static final int MAX_FIELD_LENGTH = 32 * 1024;

    /** The fields of a login (navigator.credentials.get). */
    public static final List<String> ASSERTION_FIELDS = List.of(WebAuthnConstants.CREDENTIAL_ID,
        WebAuthnConstants.CLIENT_DATA_JSON, WebAuthnConstants.AUTHENTICATOR_DATA, WebAuthnConstants.SIGNATURE,
        WebAuthnConstants.USER_HANDLE);
    /** The fields of a registration (navigator.credentials.create) that must be present. */
    public static final List<String> REGISTRATION_FIELDS = List.of(WebAuthnConstants.CLIENT_DATA_JSON,
        WebAuthnConstants.ATTESTATION_OBJECT);

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*={0,2}");

    private WebAuthnForm() {
    }

    /** Fields that are present are well formed (absent ones are left to the caller). */
    public static boolean presentFieldsWellFormed(MultivaluedMap<String, String> form, List<String> fields) {
        for (String field : fields) {
            List<String> values = form.get(field);
            if (values == null) {
                continue;
            }
            if (values.size() > 1 || values.get(0).length() > MAX_FIELD_LENGTH
                || !BASE64URL.matcher(values.get(0)).matches()) {
                return false;
            }
        }
        return true;
    }

    /** Every one of the fields is present, non-empty and well formed. */
    public static boolean complete(MultivaluedMap<String, String> form, List<String> fields) {
        return fields.stream().allMatch(field -> {
            String value = form.getFirst(field);
            return value != null && !value.isEmpty();
        }) && presentFieldsWellFormed(form, fields);
    }
}
