package org.staffmfa.keycloak.factor.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.junit.jupiter.api.Test;

class WebAuthnFormTest {

    private static MultivaluedMap<String, String> answer() {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("credentialId", "q83vEjRWeJA");
        form.putSingle("clientDataJSON", "eyJ0eXBlIjoid2ViYXV0aG4uZ2V0In0");
        form.putSingle("authenticatorData", "SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ");
        form.putSingle("signature", "MEUCIQDTGOEq-Yv3r7v9_2mBfEUBhB-wVw==");
        return form;
    }

    @Test
    void aRealLookingAnswerIsWellFormed() {
        assertThat(WebAuthnForm.presentFieldsWellFormed(answer(), WebAuthnForm.ASSERTION_FIELDS)).isTrue();
    }

    @Test
    void fieldsThatAreNotBase64UrlAreRefused() {
        MultivaluedMap<String, String> form = answer();
        form.putSingle("signature", "MEUC+IQ/==");
        assertThat(WebAuthnForm.presentFieldsWellFormed(form, WebAuthnForm.ASSERTION_FIELDS)).isFalse();
        form.putSingle("signature", "%%%");
        assertThat(WebAuthnForm.presentFieldsWellFormed(form, WebAuthnForm.ASSERTION_FIELDS)).isFalse();
    }

    @Test
    void oversizedAndRepeatedFieldsAreRefused() {
        MultivaluedMap<String, String> form = answer();
        form.putSingle("userHandle", "A".repeat(WebAuthnForm.MAX_FIELD_LENGTH + 1));
        assertThat(WebAuthnForm.presentFieldsWellFormed(form, WebAuthnForm.ASSERTION_FIELDS)).isFalse();
        form = answer();
        form.add("credentialId", "AAAA");
        assertThat(WebAuthnForm.presentFieldsWellFormed(form, WebAuthnForm.ASSERTION_FIELDS)).isFalse();
    }

    @Test
    void aRegistrationNeedsItsTwoFields() {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        form.putSingle("clientDataJSON", "eyJ0eXBlIjoid2ViYXV0aG4uY3JlYXRlIn0");
        assertThat(WebAuthnForm.complete(form, WebAuthnForm.REGISTRATION_FIELDS)).isFalse();
        form.putSingle("attestationObject", "");
        assertThat(WebAuthnForm.complete(form, WebAuthnForm.REGISTRATION_FIELDS)).isFalse();
        form.putSingle("attestationObject", "o2NmbXRkbm9uZQ");
        assertThat(WebAuthnForm.complete(form, WebAuthnForm.REGISTRATION_FIELDS)).isTrue();
    }
}
