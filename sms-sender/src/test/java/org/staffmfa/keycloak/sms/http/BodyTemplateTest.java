package org.staffmfa.keycloak.sms.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyTemplateTest {

    @Test
    void givenJson_thenTheMessageCannotBreakOutOfItsString() {
        String body = BodyTemplate.fill("{\"to\":\"{{phone}}\",\"text\":\"{{message}}\"}", "application/json",
            "+4915112345678", "123456 \"quoted\" \\ line\nbreak\u0001");

        assertThat(body).isEqualTo("{\"to\":\"+4915112345678\",\"text\":\"123456 \\\"quoted\\\" \\\\ line\\nbreak\\u0001\"}");
    }

    @Test
    void givenFormBody_thenValuesAreUrlEncoded() {
        String body = BodyTemplate.fill("to={{phone}}&msg={{message}}&digits={{phone-digits}}",
            "application/x-www-form-urlencoded", "+4915112345678", "a&b=c");

        assertThat(body).isEqualTo("to=%2B4915112345678&msg=a%26b%3Dc&digits=4915112345678");
    }

    @Test
    void givenPlainText_thenValuesAreInsertedAsTheyAre() {
        assertThat(BodyTemplate.fill("{{phone}}: {{message}}", "text/plain", "+4915112345678", "hi"))
            .isEqualTo("+4915112345678: hi");
    }
}
