package dev.jcompose.runtime.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** WWW-Authenticate as registries send it: Docker Hub's bearer challenge, basic, several in one header. */
class AuthChallengeTest {
    @Test
    void dockerHubBearerChallenge() {
        AuthChallenge c = AuthChallenge.preferred(List.of("Bearer realm=\"https://auth.docker.io/token\","
                + "service=\"registry.docker.io\",scope=\"repository:samalba/my-app:pull,push\""));
        assertEquals("bearer", c.scheme());
        assertEquals(Map.of("realm", "https://auth.docker.io/token", "service", "registry.docker.io",
                "scope", "repository:samalba/my-app:pull,push"), c.params());
    }

    @Test
    void basicWithUnquotedValueAndOddSpacing() {
        AuthChallenge c = AuthChallenge.preferred(List.of("basic   Realm=registry ,charset=\"UTF-8\""));
        assertEquals("basic", c.scheme());
        assertEquals("registry", c.param("realm"));
        assertEquals("UTF-8", c.param("charset"));
    }

    @Test
    void bearerIsPreferredOverBasicAcrossChallenges() {
        List<AuthChallenge> all = AuthChallenge.parse(List.of("Basic realm=\"a\", Bearer realm=\"b\",error=\"invalid_token\""));
        assertEquals(2, all.size());
        assertEquals("a", all.get(0).param("realm"));
        AuthChallenge preferred = AuthChallenge.preferred(List.of("Basic realm=\"a\", Bearer realm=\"b\",error=\"invalid_token\""));
        assertEquals("b", preferred.param("realm"));
        assertEquals("invalid_token", preferred.param("error"));
    }

    @Test
    void escapedQuotesInsideValues() {
        AuthChallenge c = AuthChallenge.preferred(List.of("Bearer realm=\"x\\\"y\",service=s"));
        assertEquals("x\"y", c.param("realm"));
        assertEquals("s", c.param("service"));
    }

    @Test
    void unknownSchemesOrNothingGiveNull() {
        assertNull(AuthChallenge.preferred(List.of("Negotiate abc")));
        assertNull(AuthChallenge.preferred(List.of()));
    }
}
