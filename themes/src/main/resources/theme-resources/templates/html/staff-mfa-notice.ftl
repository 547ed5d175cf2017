<#-- Security notice about the user's second factors (HTML part).
     Attributes: notice (factor-added, factor-removed, factor-removed-by-admin, exemption-granted), realmTitle,
     and where they apply factor (a factor id), label, admin, reason, expires. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("staffMfaNoticeText-" + notice, realmTitle))?no_esc}</p>
<#if factor??>
<p><strong>${msg("staffMfaNoticeFactor")}</strong> ${msg("staffMfaFactorName-" + factor)}<#if label?? && label?has_content> (${label})</#if></p>
</#if>
<#if admin??><p><strong>${msg("staffMfaNoticeAdmin")}</strong> ${admin}</p></#if>
<#if reason??><p><strong>${msg("staffMfaNoticeReason")}</strong> ${reason}</p></#if>
<#if expires??><p><strong>${msg("staffMfaNoticeExpires")}</strong> ${expires}</p></#if>
<p>${kcSanitize(msg("staffMfaNoticeWarning"))?no_esc}</p>
</@layout.emailLayout>
