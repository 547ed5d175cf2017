package org.staffmfa.keycloak.policy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory group tree for resolver tests. */
final class TestGroup implements PolicyGroup {

    private final String path;
    private final TestGroup parent;
    private final Map<String, String> attributes = new HashMap<>();

    private TestGroup(String path, TestGroup parent) {
        this.path = path;
        this.parent = parent;
    }

    static TestGroup root(String name) {
        return new TestGroup("/" + name, null);
    }

    TestGroup child(String name) {
        return new TestGroup(path + "/" + name, this);
    }

    TestGroup mode(String value) {
        attributes.put(PolicyAttributes.MODE, value);
        return this;
    }

    TestGroup factors(String value) {
        attributes.put(PolicyAttributes.FACTORS, value);
        return this;
    }

    TestGroup interval(String value) {
        attributes.put(PolicyAttributes.RECHECK_INTERVAL, value);
        return this;
    }

    TestGroup attribute(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    TestGroup remember(String value) {
        attributes.put(PolicyAttributes.REMEMBER_BROWSER, value);
        return this;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    @Override
    public Optional<PolicyGroup> parent() {
        return Optional.ofNullable(parent);
    }
}
