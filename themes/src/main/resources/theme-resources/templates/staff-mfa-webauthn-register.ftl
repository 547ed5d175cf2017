<#-- Enrolment of a security key or passkey: a name for the key, then the browser's WebAuthn dialog (JavaScript is
     needed for the dialog, as in Keycloak's own page). Options come from the realm's WebAuthn policy through
     Keycloak's registration action; the answer is verified on the server by Keycloak (webauthn4j). -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "staff-mfa-macros.ftl" as staffMfaUi>
<@layout.registrationLayout displayMessage=staffMfaUi.showPageMessage('authenticatorLabel'); section>
<!-- template: staff-mfa-webauthn-register.ftl -->
    <#if section = "header">
        ${msg("staffMfaWebAuthnRegisterTitle")}
    <#elseif section = "form">
        <ol id="staff-mfa-webauthn-steps" class="pf-v5-c-list pf-v5-u-mb-md">
            <li><p>${msg("staffMfaWebAuthnRegisterStep1")}</p></li>
            <li><p>${msg("staffMfaWebAuthnRegisterStep2")}</p></li>
        </ol>
        <form id="staff-mfa-webauthn-register-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <@field.input name="authenticatorLabel" label=msg("staffMfaWebAuthnKeyName") value=(staffMfa.keyLabel)!"" autofocus=true />
            <input type="hidden" name="clientDataJSON"/>
            <input type="hidden" name="attestationObject"/>
            <input type="hidden" name="publicKeyCredentialId"/>
            <input type="hidden" name="transports"/>
            <input type="hidden" name="authenticatorAttachment"/>
            <input type="hidden" name="error"/>
            <@staffMfaUi.rememberBrowser />
            <@buttons.actionGroup>
                <button type="button" id="staff-mfa-webauthn-register"
                        class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("staffMfaWebAuthnRegister")}</button>
            </@buttons.actionGroup>
        </form>
        <noscript><p id="staff-mfa-webauthn-noscript">${msg("staffMfaWebAuthnNeedsJavaScript")}</p></noscript>
        <#if staffMfa.canGoBack>
            <form id="staff-mfa-back-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-back" name="back" label="staffMfaChooseAnother" type="secondary" value="true" />
                </@buttons.actionGroup>
            </form>
        </#if>

        <script type="module">
            <#outputformat "JavaScript">
            import { registerSecurityKey } from "${url.resourcesPath}/js/staff-mfa-webauthn-register.js";
            const form = document.getElementById("staff-mfa-webauthn-register-form");
            document.getElementById("staff-mfa-webauthn-register").addEventListener("click", () => {
                registerSecurityKey(form, {
                    challenge: ${challenge?c},
                    userId: ${userid?c},
                    username: ${username?c},
                    signatureAlgorithms: [<#list signatureAlgorithms as algorithm>${algorithm?c}<#sep>, </#list>],
                    rpEntityName: ${rpEntityName?c},
                    rpId: ${rpId?c},
                    attestation: ${attestationConveyancePreference?c},
                    authenticatorAttachment: ${authenticatorAttachment?c},
                    requireResidentKey: ${requireResidentKey?c},
                    residentKey: ${(residentKey!"")?c},
                    userVerification: ${userVerificationRequirement?c},
                    timeoutSeconds: ${createTimeout?c},
                    excludeCredentialIds: ${excludeCredentialIds?c},
                    unsupportedMessage: ${msg("webauthn-unsupported-browser-text")?c}
                });
            });
            </#outputformat>
        </script>
    </#if>
</@layout.registrationLayout>
