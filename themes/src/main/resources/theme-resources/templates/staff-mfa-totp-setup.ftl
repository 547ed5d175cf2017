<#-- Set up an authenticator app: QR code and the same secret as text, then a code to confirm. The secret stays on
     the server (authentication session); the form only carries the code and the device name. -->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "staff-mfa-macros.ftl" as staffMfaUi>
<@layout.registrationLayout displayMessage=staffMfaUi.showPageMessage('code', 'label'); section>
<!-- template: staff-mfa-totp-setup.ftl -->
    <#if section = "header">
        ${msg((staffMfa.replaceApp??)?then("staffMfaReplaceAppTitle", "staffMfaTotpSetupTitle"))}
    <#elseif section = "form">
        <#if staffMfa.replaceApp??>
            <#-- Why a user who just signed in must set up the app again, and that the old one keeps working until then. -->
            <div id="staff-mfa-replace-app" class="pf-v5-c-alert pf-m-info pf-m-inline pf-v5-u-mb-md">
                <p class="pf-v5-c-alert__title">${msg("staffMfaReplaceAppWhy", staffMfa.replaceApp, staffMfa.algorithm)}</p>
                <p>${msg("staffMfaReplaceAppOld")}</p>
            </div>
        </#if>
        <ol id="staff-mfa-totp-steps" class="pf-v5-c-list pf-v5-u-mb-md">
            <li><p id="staff-mfa-totp-step1">${(staffMfa.algorithm = "SHA1")?then(msg("staffMfaTotpStep1"), msg("staffMfaTotpStep1Strong", staffMfa.algorithm))}</p></li>
            <li>
                <p>${msg("staffMfaTotpStep2")}</p>
                <img id="staff-mfa-totp-qr" src="data:image/png;base64,${staffMfa.qrCode}" alt="${msg("staffMfaTotpQrAlt")}" width="246" height="246">
                <p>${msg("staffMfaTotpManual")}</p>
                <p><code id="staff-mfa-totp-secret">${staffMfa.secret}</code></p>
                <ul id="staff-mfa-totp-details">
                    <li>${msg("staffMfaTotpIssuer")}: <span id="staff-mfa-totp-issuer">${staffMfa.issuer}</span></li>
                    <li>${msg("staffMfaTotpAccount")}: <span id="staff-mfa-totp-account">${staffMfa.account}</span></li>
                    <li>${msg("staffMfaTotpType")}: <span id="staff-mfa-totp-type">${msg("staffMfaTotpType-" + staffMfa.type)}</span></li>
                    <li>${msg("staffMfaTotpAlgorithm")}: <span id="staff-mfa-totp-algorithm">${staffMfa.algorithm}</span></li>
                    <li>${msg("staffMfaTotpDigits")}: <span id="staff-mfa-totp-digits">${staffMfa.digits}</span></li>
                    <#if staffMfa.type = "hotp">
                        <li>${msg("staffMfaTotpCounter")}: <span id="staff-mfa-totp-counter">${staffMfa.counter}</span></li>
                    <#else>
                        <li>${msg("staffMfaTotpPeriod")}: <span id="staff-mfa-totp-period">${staffMfa.period}</span></li>
                    </#if>
                </ul>
            </li>
            <li><p>${msg("staffMfaTotpStep3")}</p></li>
        </ol>
        <form id="staff-mfa-totp-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
            <@field.input name="code" label=msg("staffMfaCodeLabel") autocomplete="one-time-code" autofocus=true />
            <@field.input name="label" label=msg("staffMfaTotpLabel") />
            <@staffMfaUi.rememberBrowser />
            <@buttons.actionGroup>
                <@buttons.button id="staff-mfa-totp-confirm" name="confirm" label="staffMfaTotpConfirm" />
            </@buttons.actionGroup>
        </form>
        <#if staffMfa.canGoBack>
            <form id="staff-mfa-back-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post" novalidate="novalidate">
                <@buttons.actionGroup>
                    <@buttons.button id="staff-mfa-back" name="back" label="staffMfaChooseAnother" type="secondary" value="true" />
                </@buttons.actionGroup>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
