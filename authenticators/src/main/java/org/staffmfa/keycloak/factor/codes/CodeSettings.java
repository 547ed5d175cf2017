package org.staffmfa.keycloak.factor.codes;

import java.time.Duration;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.staffmfa.keycloak.channelsettings.ChannelSettingsStore;
import org.staffmfa.keycloak.channelsettings.CodeSetting;
import org.staffmfa.keycloak.policy.ConfigProblem;
import org.staffmfa.keycloak.realmpolicy.ConfigProblemLog;

/**
 * The realm's settings for email or SMS codes as they apply to a login: the channel's stored settings
 * ({@link ChannelSettingsStore}, written through the MFA admin API) over the defaults of {@link CodeSetting}.
 * A value that is unreadable or out of bounds (only older realm attributes can hold one: the API refuses them) falls
 * back to the default and is logged.
 *
 * @param digits             6 to 8
 * @param validity           how long a code can be used
 * @param resendInterval     minimum time between two sends of the same code
 * @param maxResends         resends of one code per login
 * @param maxAttempts        wrong entries after which the code is void
 * @param maxMessagesPerHour messages of this channel per user and hour (cost and flooding cap)
 */
public record CodeSettings(int digits, Duration validity, Duration resendInterval, int maxResends, int maxAttempts,
                           int maxMessagesPerHour) {

    public static CodeSettings of(KeycloakSession session, RealmModel realm, Channel channel) {
        Map<String, String> stored = ChannelSettingsStore.read(realm, channel.id());
        Reader reader = new Reader(session, realm, channel, stored);
        return new CodeSettings(
            (int) reader.value(CodeSetting.CODE_LENGTH),
            Duration.ofSeconds(reader.value(CodeSetting.CODE_VALIDITY)),
            Duration.ofSeconds(reader.value(CodeSetting.RESEND_INTERVAL)),
            (int) reader.value(CodeSetting.MAX_RESENDS),
            (int) reader.value(CodeSetting.MAX_ATTEMPTS),
            (int) reader.value(CodeSetting.MAX_MESSAGES_PER_HOUR));
    }

    private record Reader(KeycloakSession session, RealmModel realm, Channel channel, Map<String, String> stored) {

        long value(CodeSetting setting) {
            long defaultValue = setting.defaultFor(channel.id());
            String text = stored.get(setting.key());
            if (text == null || text.isBlank()) {
                return defaultValue;
            }
            return setting.read(text).orElseGet(() -> {
                ConfigProblemLog.reportOnce(session, realm, new ConfigProblem("realm",
                    "staff-mfa." + channel.id() + "." + setting.key(), text,
                    setting.write(defaultValue) + " (allowed: " + setting.bounds() + ")"));
                return defaultValue;
            });
        }
    }
}
