package org.staffmfa.keycloak.it.webauthn;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.staffmfa.keycloak.it.support.ChromiumBrowser;
import org.staffmfa.keycloak.it.support.Form;

/**
 * The answer a security key gives on the login page, taken before the page sends it: Keycloak's script fills the
 * hidden fields and calls {@code requestSubmit()}, which is replaced here by a function that keeps the fields.
 */
final class CapturedAnswer {

    private static final String CAPTURE = """
        window.staffMfaAnswer = null;
        HTMLFormElement.prototype.requestSubmit = function () {
            const answer = {};
            new FormData(this).forEach((value, name) => { answer[name] = value; });
            window.staffMfaAnswer = answer;
        };
        """;

    private CapturedAnswer() {
    }

    /** Clicks the button that asks the key and returns the fields the page would have sent. */
    @SuppressWarnings("unchecked")
    static Map<String, String> take(WebDriver driver, ChromiumBrowser browser, By button) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(CAPTURE);
        driver.findElement(button).click();
        browser.waitUpTo(Duration.ofSeconds(30)).until(d -> js.executeScript("return window.staffMfaAnswer") != null);
        Map<String, Object> answer = (Map<String, Object>) js.executeScript("return window.staffMfaAnswer");
        Map<String, String> fields = new HashMap<>();
        answer.forEach((name, value) -> fields.put(name, String.valueOf(value)));
        if (!fields.getOrDefault("error", "").isEmpty()) {
            throw new AssertionError("The key did not answer: " + fields.get("error"));
        }
        return fields;
    }

    /** Sends the captured answer the way the page would have. */
    static void send(WebDriver driver) {
        ((JavascriptExecutor) driver).executeScript("HTMLFormElement.prototype.submit.call(document.getElementById('webauth'))");
    }

    static Form fill(Form form, Map<String, String> answer) {
        answer.forEach(form::set);
        return form;
    }

    /** The client data with another origin, as a phishing site's page would produce (the signature no longer fits). */
    static String withOrigin(String clientDataJson, String origin) {
        String json = new String(Base64.getUrlDecoder().decode(clientDataJson), StandardCharsets.UTF_8);
        String changed = json.replaceFirst("\"origin\":\"[^\"]*\"", "\"origin\":\"" + origin + "\"");
        if (changed.equals(json)) {
            throw new AssertionError("No origin in " + json);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(changed.getBytes(StandardCharsets.UTF_8));
    }
}
