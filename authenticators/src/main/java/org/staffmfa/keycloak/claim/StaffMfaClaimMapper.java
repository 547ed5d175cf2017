package org.staffmfa.keycloak.claim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;
import org.staffmfa.keycloak.events.MfaEventDetails;
import org.staffmfa.keycloak.session.MfaNotes;

/**
 * Tells the application how the session's second factor went, so it can tell a fresh factor from a remembered
 * browser: {@code "staff_mfa": {"factor": "totp", "time": 1795373519, "remembered": false}}, or
 * {@code {"remembered": false, "skipped": "mode-off"}} when no factor was asked for.
 */
public final class StaffMfaClaimMapper extends AbstractOIDCProtocolMapper
    implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper {

    public static final String PROVIDER_ID = "staff-mfa-claim-mapper";
    public static final String DEFAULT_CLAIM = "staff_mfa";

    /** Built once, never changed afterwards (Keycloak's helpers fill a list, so it is copied into an unmodifiable one). */
    private static final List<ProviderConfigProperty> CONFIG = configProperties();

    private static List<ProviderConfigProperty> configProperties() {
        List<ProviderConfigProperty> properties = new ArrayList<>();
        OIDCAttributeMapperHelper.addTokenClaimNameConfig(properties);
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(properties, StaffMfaClaimMapper.class);
        properties.stream().filter(p -> OIDCAttributeMapperHelper.TOKEN_CLAIM_NAME.equals(p.getName()))
            .forEach(p -> p.setDefaultValue(DEFAULT_CLAIM));
        return List.copyOf(properties);
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        OIDCAttributeMapperHelper.mapClaim(token, mappingModel, claim(userSession));
    }

    static Map<String, Object> claim(UserSessionModel userSession) {
        Map<String, Object> claim = new LinkedHashMap<>();
        String factor = userSession.getNote(MfaNotes.PASSED_FACTOR);
        String passedAt = userSession.getNote(MfaNotes.PASSED_AT);
        String skipReason = userSession.getNote(MfaNotes.SKIP_REASON);
        boolean remembered = MfaEventDetails.SKIP_REMEMBERED_BROWSER.equals(skipReason);
        if (factor != null) {
            claim.put("factor", factor);
        }
        if (passedAt != null) {
            claim.put("time", Long.parseLong(passedAt));
        }
        claim.put("remembered", remembered);
        if (skipReason != null && !remembered) {
            claim.put("skipped", skipReason);
        }
        return claim;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Staff MFA: second factor of the session";
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getHelpText() {
        return "Adds which second factor the session passed and when, whether a remembered browser stood in for it, "
            + "or why none was asked for.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }
}
