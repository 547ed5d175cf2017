<#-- Second factor during login with a security key or passkey. The key answers through the browser's WebAuthn API
     (this needs JavaScript, as in Keycloak's own page); Keycloak's script fills the hidden fields and posts them.
     Switching to another factor is a plain form post and works without JavaScript. -->
<#import "template.ftl" as layout>
<#import "buttons.ftl" as buttons>
<#import "staff-mfa-macros.ftl" as staffMfaUi>
<@layout.registrationLayout displayMessage=staffMfaUi.showPageMessage(); section>
<!-- template: staff-mfa-webauthn.ftl -->
    <#if section = "header">
        ${msg("staffMfaWebAuthnTitle")}
    <#elseif section = "form">
        <p id="staff-mfa-webauthn-instruction">${msg("staffMfaWebAuthnInstruction")}</p>
        <#if authenticators?? && authenticators.authenticators?has_content>
            <p>${msg("staffMfaWebAuthnYourKeys")}</p>
            <ul id="staff-mfa-webauthn-keys" class="pf-v5-c-list pf-v5-u-mb-md">
                <#list authenticators.authenticators as authenticator>
                    <li id="staff-mfa-webauthn-key-${authenticator?index}">${authenticator.label}</li>
                </#list>
            </ul>
            <form id="authn_select">
                <#list authenticators.authenticators as authenticator>
                    <input type="hidden" name="authn_use_chk" value="${authenticator.credentialId}"/>
                </#list>
            </form>
        </#if>
        <form id="webauth" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <input type="hidden" id="clientDataJSON" name="clientDataJSON"/>
            <input type="hidden" id="authenticatorData" name="authenticatorData"/>
            <input type="hidden" id="signature" name="signature"/>
            <input type="hidden" id="credentialId" name="credentialId"/>
            <input type="hidden" id="userHandle" name="userHandle"/>
            <input type="hidden" id="error" name="error"/>
            <@staffMfaUi.rememberBrowser />
            <@buttons.actionGroup>
                <button type="button" id="staff-mfa-webauthn-use" autofocus
                        class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}">${msg("staffMfaWebAuthnUse")}</button>
            </@buttons.actionGroup>
        </form>
        <noscript><p id="staff-mfa-webauthn-noscript">${msg("staffMfaWebAuthnNeedsJavaScript")}</p></noscript>
        <@staffMfaUi.otherFactors />

        <script type="module">
            <#outputformat "JavaScript">
            import { authenticateByWebAuthn } from "${url.resourcesPath}/js/webauthnAuthenticate.js";
            document.getElementById("staff-mfa-webauthn-use").addEventListener("click", () => {
                authenticateByWebAuthn({
                    isUserIdentified: ${isUserIdentified},
                    challenge: ${challenge?c},
                    userVerification: ${userVerification?c},
                    rpId: ${rpId?c},
                    createTimeout: ${createTimeout?c},
                    errmsg: ${msg("webauthn-unsupported-browser-text")?c}
                });
            });
            </#outputformat>
        </script>
    </#if>
</@layout.registrationLayout>
