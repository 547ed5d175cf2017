package org.staffmfa.keycloak.it.support;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jsoup.nodes.Element;

/**
 * An HTML form as a browser would submit it: the fields the page sends by itself (hidden inputs, checked boxes,
 * selected options), changed by {@link #set}, plus the name of the button that is pressed.
 */
public final class Form {

    private final Element element;
    private final URI action;
    private final Map<String, String> fields = new LinkedHashMap<>();

    Form(Element element, URI pageUrl) {
        this.element = element;
        String actionAttr = element.attr("action");
        this.action = actionAttr.isEmpty() ? pageUrl : pageUrl.resolve(actionAttr);
        collectDefaults();
    }

    public Form set(String name, String value) {
        fields.put(name, value);
        return this;
    }

    public Form remove(String name) {
        fields.remove(name);
        return this;
    }

    /** Adds the named submit button's value, as clicking it would. */
    public Form press(String buttonName) {
        Element button = element.selectFirst("button[name=" + buttonName + "], input[type=submit][name=" + buttonName + "]");
        if (button == null) {
            throw new AssertionError("No button " + buttonName + " in form " + element.cssSelector());
        }
        fields.put(buttonName, button.attr("value"));
        return this;
    }

    public URI action() {
        return action;
    }

    public String method() {
        return element.attr("method").isEmpty() ? "GET" : element.attr("method").toUpperCase(Locale.ROOT);
    }

    public Map<String, String> fields() {
        return fields;
    }

    private void collectDefaults() {
        for (Element input : element.select("input[name], select[name], textarea[name]")) {
            String type = input.attr("type").toLowerCase(Locale.ROOT);
            if (input.hasAttr("disabled") || type.equals("submit") || type.equals("button") || type.equals("image")
                || type.equals("file")) {
                continue;
            }
            if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) {
                continue;
            }
            fields.put(input.attr("name"), valueOf(input, type));
        }
    }

    private static String valueOf(Element input, String type) {
        return switch (input.tagName()) {
            case "select" -> {
                Element option = input.selectFirst("option[selected]");
                option = option == null ? input.selectFirst("option") : option;
                yield option == null ? "" : option.hasAttr("value") ? option.attr("value") : option.text();
            }
            case "textarea" -> input.text();
            default -> type.equals("checkbox") && !input.hasAttr("value") ? "on" : input.attr("value");
        };
    }
}
