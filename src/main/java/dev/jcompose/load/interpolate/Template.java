package dev.jcompose.load.interpolate;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compose's variable substitution on one string: {@code $$}, {@code $NAME}, {@code ${NAME}} and the operators of
 * {@link Operator}. Defaults, alternatives and error messages are substituted only when they are used, so an
 * unused branch neither warns nor fails. The result is not scanned again.
 */
public final class Template {
    private Template() {
    }

    /** The warning compose prints for a reference to an unset variable without an operator. */
    public static String unsetWarning(String name) {
        return "The \"" + name + "\" variable is not set. Defaulting to a blank string.";
    }

    /**
     * @param lookup        variable value, or null when unset
     * @param unsetVariable told the name of each unset variable referenced without an operator
     * @throws TemplateException for an invalid template or a missing required variable (the first one met)
     */
    public static String substitute(String template, Function<String, String> lookup,
            Consumer<String> unsetVariable) {
        StringBuilder out = new StringBuilder(template.length());
        int at = 0;
        for (TemplateScanner.Token t = TemplateScanner.next(template, at); t != null;
                t = TemplateScanner.next(template, at)) {
            switch (t.kind()) {
                case TEXT -> out.append(template, t.start(), t.end());
                case ESCAPED -> out.append('$');
                case INVALID -> throw new TemplateException.Invalid(template);
                case REFERENCE -> out.append(resolve(t, lookup, unsetVariable));
            }
            at = t.end();
        }
        return out.toString();
    }

    /** True when the text holds no construct that substitution would change. */
    public static boolean isLiteral(String text) {
        TemplateScanner.Token t = TemplateScanner.next(text, 0);
        return t == null || (t.kind() == TemplateScanner.Kind.TEXT && t.end() == text.length());
    }

    private static String resolve(TemplateScanner.Token ref, Function<String, String> lookup,
            Consumer<String> unsetVariable) {
        String value = lookup.apply(ref.name());
        Operator op = ref.operator();
        if (op == null) {
            if (value == null) {
                unsetVariable.accept(ref.name());
                return "";
            }
            return value;
        }
        boolean missing = value == null || (op.emptyCountsAsUnset() && value.isEmpty());
        if (op.isDefault()) {
            return missing ? substitute(ref.argument(), lookup, unsetVariable) : value;
        }
        if (op.isRequired()) {
            if (missing) {
                throw new TemplateException.MissingRequired(ref.name(),
                        substitute(ref.argument(), lookup, unsetVariable));
            }
            return value;
        }
        return missing ? "" : substitute(ref.argument(), lookup, unsetVariable);
    }
}
