<#ftl output_format="plainText">
<#-- Reminder that the user's enrolment deadline is near (text part). Attributes: see html/staff-mfa-reminder.ftl. -->
${msg("staffMfaReminderText", realmTitle, deadline, daysLeft)}

${msg("staffMfaReminderHow")}
