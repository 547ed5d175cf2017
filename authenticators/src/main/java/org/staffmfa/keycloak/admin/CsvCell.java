package org.staffmfa.keycloak.admin;

/**
 * One cell of a CSV file opened in a spreadsheet: quoted when it holds a comma, quote or line break, and a value that
 * a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, carriage return first) gets a
 * leading apostrophe, so a user's self-chosen name cannot become a formula on an administrator's machine; a cell with
 * a separator of any common locale (comma, semicolon, tab) is quoted, so no part of it becomes a cell of its own.
 */
final class CsvCell {

    private CsvCell() {
    }

    static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        // Also quoted on ';' and tab: spreadsheets in many European locales split on ';', and an unquoted
        // "x;=HYPERLINK(…)" would become a cell of its own that starts with '='.
        if (text.contains(",") || text.contains(";") || text.contains("\t") || text.contains("\"") || text.contains("\n")
            || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
