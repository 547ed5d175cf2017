package org.staffmfa.keycloak.admin;

/**
 * One cell of a CSV file opened in a spreadsheet: quoted when it holds a comma, quote or line break, and a value that
 * a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, carriage return first) gets a
 * leading apostrophe, so a user's self-chosen name cannot become a formula on an administrator's machine.
 */
final class CsvCell {

    private CsvCell() {
    }

    static String of(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String text = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
