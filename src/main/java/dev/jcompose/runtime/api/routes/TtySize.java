package dev.jcompose.runtime.api.routes;

import dev.jcompose.runtime.RuntimeError;
import dev.jcompose.runtime.api.ApiRequest;

/** The {@code h} and {@code w} parameters of the resize endpoints, parsed as dockerd does. */
final class TtySize {
    private TtySize() {
    }

    static int rows(ApiRequest req) {
        return number(req, "h");
    }

    static int columns(ApiRequest req) {
        return number(req, "w");
    }

    private static int number(ApiRequest req, String name) {
        String value = req.query(name, "");
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw RuntimeError.badRequest("strconv.Atoi: parsing \"" + value + "\": invalid syntax");
        }
    }
}
