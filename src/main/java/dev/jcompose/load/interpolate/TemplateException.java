package dev.jcompose.load.interpolate;

/**
 * A template that cannot be substituted. Callers turn it into a located ComposeException (file:line:col and
 * key path for compose files, file and line for .env files).
 */
public sealed class TemplateException extends RuntimeException
        permits TemplateException.Invalid, TemplateException.MissingRequired {
    private TemplateException(String message) {
        super(message);
    }

    /** The text has a {@code ${} that does not open a valid reference. */
    public static final class Invalid extends TemplateException {
        private final String template;

        Invalid(String template) {
            super("Invalid template: \"" + template + "\"");
            this.template = template;
        }

        public String template() {
            return template;
        }
    }

    /** {@code ${NAME:?reason}} or {@code ${NAME?reason}} met an unset (or empty) variable. */
    public static final class MissingRequired extends TemplateException {
        private final String variable;
        private final String reason;

        MissingRequired(String variable, String reason) {
            super(reason.isEmpty() ? "required variable " + variable + " is missing a value"
                    : "required variable " + variable + " is missing a value: " + reason);
            this.variable = variable;
            this.reason = reason;
        }

        public String variable() {
            return variable;
        }

        public String reason() {
            return reason;
        }
    }
}
