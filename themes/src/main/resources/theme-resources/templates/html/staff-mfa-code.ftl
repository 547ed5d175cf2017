<#-- Email with a one-time login code (HTML part). Attributes: code, minutes, realmTitle. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("staffMfaCodeEmailIntro", realmTitle))?no_esc}</p>
<p style="font-size: 1.6em; font-weight: bold; letter-spacing: 0.2em;">${code}</p>
<p>${kcSanitize(msg("staffMfaCodeEmailValidity", minutes))?no_esc}</p>
<p>${kcSanitize(msg("staffMfaCodeEmailWarning"))?no_esc}</p>
</@layout.emailLayout>
