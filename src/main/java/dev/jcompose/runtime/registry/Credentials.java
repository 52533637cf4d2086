package dev.jcompose.runtime.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a client gave to log in to a registry (the Engine API's X-Registry-Auth): a user and password, or an
 * identity token (OAuth refresh token) for token servers. Anonymous when all are empty.
 */
public record Credentials(String username, String password, String identityToken) {
    public static final Credentials ANONYMOUS = new Credentials("", "", "");

    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        identityToken = identityToken == null ? "" : identityToken;
    }

    public static Credentials basic(String username, String password) {
        return new Credentials(username, password, "");
    }

    public boolean isAnonymous() {
        return username.isEmpty() && password.isEmpty() && identityToken.isEmpty();
    }

    public boolean hasPassword() {
        return !username.isEmpty() || !password.isEmpty();
    }

    /** The value of an {@code Authorization: Basic} header. */
    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return isAnonymous() ? "Credentials[anonymous]" : "Credentials[" + username + ", ***]";
    }
}
