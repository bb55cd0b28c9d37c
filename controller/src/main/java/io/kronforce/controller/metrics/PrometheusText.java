package io.kronforce.controller.metrics;

/** Writing the Prometheus text exposition format by hand: it is three kinds of line. */
public final class PrometheusText {
    private PrometheusText() {}

    public static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    public static void gauge(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }

    /** A label value with backslash, double quote and newline escaped, as the format requires. */
    public static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
