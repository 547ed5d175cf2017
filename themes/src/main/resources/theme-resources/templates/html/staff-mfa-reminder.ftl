<#-- Reminder that the user's enrolment deadline is near (HTML part). Attributes: realmTitle, deadline (a date in the
     user's language), daysLeft. -->
<#import "template.ftl" as layout>
<@layout.emailLayout>
<p>${kcSanitize(msg("staffMfaReminderText", realmTitle, deadline, daysLeft))?no_esc}</p>
<p>${kcSanitize(msg("staffMfaReminderHow"))?no_esc}</p>
</@layout.emailLayout>
