package dev.jcompose.cli;

import dev.jcompose.error.ComposeException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go templates that `--format` of ps and stats honours: plain {@code {{.Field}}} references to the
 * fields a view knows, filled with the row's text. Anything else is refused rather than printed wrong.
 */
final class FieldTemplate {
    private static final Pattern FIELD = Pattern.compile("\\{\\{\\s*\\.(\\w+)\\s*}}");
    private static final Pattern ANY_ACTION = Pattern.compile("\\{\\{.*?}}");

    private FieldTemplate() {
    }

    static void check(String template, Set<String> known) {
        Matcher any = ANY_ACTION.matcher(template);
        while (any.find()) {
            Matcher field = FIELD.matcher(any.group());
            if (!field.matches()) {
                throw ComposeException.usage("unsupported --format template action " + any.group()
                        + ": use table, json or {{.Field}} references");
            }
            if (!known.contains(field.group(1))) {
                throw ComposeException.usage("template: can't evaluate field " + field.group(1));
            }
        }
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = FIELD.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(b);
        return b.toString();
    }
}
