package dev.jcompose.runtime.container;

import java.util.Locale;

/** Docker's restart policies: no, always, unless-stopped, on-failure[:max-retries] (0 = no limit). */
public record RestartPolicy(Mode mode, int maxRetries) {
    public static final RestartPolicy NO = new RestartPolicy(Mode.NO, 0);

    public enum Mode { NO, ALWAYS, UNLESS_STOPPED, ON_FAILURE }

    public RestartPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maximum retry count cannot be negative: " + maxRetries);
        }
        if (maxRetries > 0 && mode != Mode.ON_FAILURE) {
            throw new IllegalArgumentException("maximum retry count applies to on-failure only");
        }
    }

    /** {@code no}, {@code always}, {@code unless-stopped}, {@code on-failure}, {@code on-failure:3}; "" = no. */
    public static RestartPolicy parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        int colon = t.indexOf(':');
        String name = colon < 0 ? t : t.substring(0, colon);
        Mode mode = switch (name) {
            case "", "no" -> Mode.NO;
            case "always" -> Mode.ALWAYS;
            case "unless-stopped" -> Mode.UNLESS_STOPPED;
            case "on-failure" -> Mode.ON_FAILURE;
            default -> throw new IllegalArgumentException("invalid restart policy: \"" + text + "\"");
        };
        if (colon < 0) {
            return new RestartPolicy(mode, 0);
        }
        if (mode != Mode.ON_FAILURE) {
            throw new IllegalArgumentException("invalid restart policy \"" + text
                    + "\": maximum retry count can only be used with on-failure");
        }
        try {
            return new RestartPolicy(mode, Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid restart policy \"" + text + "\": bad retry count");
        }
    }

    /** Whether a container with this policy is started again when the daemon starts. */
    public boolean startsOnDaemonBoot(boolean manuallyStopped) {
        return mode == Mode.ALWAYS || (mode == Mode.UNLESS_STOPPED && !manuallyStopped);
    }

    @Override
    public String toString() {
        String name = mode.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return maxRetries > 0 ? name + ":" + maxRetries : name;
    }
}
