package org.staffmfa.keycloak.admin;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.staffmfa.keycloak.policy.PolicyAttributes;

/**
 * A group's own MFA settings as the admin API reads and writes them, e.g.
 * {@code {"mode": "required", "factors": ["totp", "webauthn"], "recheckInterval": "PT12H", "rememberBrowser": "never"}}.
 * A missing or null value is inherited from the parent group (or the realm default).
 */
@JsonIgnoreProperties(ignoreUnknown = false)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record GroupSettings(String mode, List<String> factors, String recheckInterval, String rememberBrowser) {

    /** From the stored settings (attribute name → value). */
    static GroupSettings of(Map<String, String> stored) {
        String factors = stored.get(PolicyAttributes.FACTORS);
        return new GroupSettings(stored.get(PolicyAttributes.MODE),
            factors == null ? null : Arrays.stream(factors.split("[,;\\s]+")).filter(entry -> !entry.isEmpty()).toList(),
            stored.get(PolicyAttributes.RECHECK_INTERVAL),
            stored.get(PolicyAttributes.REMEMBER_BROWSER));
    }
}
