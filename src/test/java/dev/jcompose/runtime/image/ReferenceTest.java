package dev.jcompose.runtime.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.runtime.RuntimeError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReferenceTest {
    private static final String D = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            busybox                              | docker.io/library/busybox:latest            | busybox:latest
            busybox:1.36                         | docker.io/library/busybox:1.36              | busybox:1.36
            library/busybox                      | docker.io/library/busybox:latest            | busybox:latest
            docker.io/busybox                    | docker.io/library/busybox:latest            | busybox:latest
            index.docker.io/library/busybox:1    | docker.io/library/busybox:1                 | busybox:1
            docker.io/library/busybox:latest     | docker.io/library/busybox:latest            | busybox:latest
            user/app                             | docker.io/user/app:latest                   | user/app:latest
            user/library/app                     | docker.io/user/library/app:latest           | user/library/app:latest
            localhost/app                        | localhost/app:latest                        | localhost/app:latest
            localhost:5000/app:v1                | localhost:5000/app:v1                       | localhost:5000/app:v1
            127.0.0.1:5000/a/b-c/d_e:1.0-rc.1    | 127.0.0.1:5000/a/b-c/d_e:1.0-rc.1           | 127.0.0.1:5000/a/b-c/d_e:1.0-rc.1
            Registry.Example.com/app             | Registry.Example.com/app:latest             | Registry.Example.com/app:latest
            my__app                              | docker.io/library/my__app:latest            | my__app:latest
            a.b-c                                | docker.io/library/a.b-c:latest              | a.b-c:latest
            """)
    void normalisesLikeDocker(String input, String normalised, String familiar) {
        Reference reference = Reference.parse(input).withDefaultTag();
        assertEquals(normalised, reference.toString());
        assertEquals(familiar, reference.familiarString());
        assertEquals(reference, Reference.parse(reference.toString()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            busybox@DIGEST              | docker.io/library/busybox@DIGEST       | busybox@DIGEST
            busybox:1@DIGEST            | docker.io/library/busybox:1@DIGEST     | busybox:1@DIGEST
            localhost:5000/x@DIGEST     | localhost:5000/x@DIGEST                | localhost:5000/x@DIGEST
            """)
    void digestReferencesGetNoDefaultTag(String input, String normalised, String familiar) {
        Reference reference = Reference.parse(input.replace("DIGEST", D)).withDefaultTag();
        assertEquals(normalised.replace("DIGEST", D), reference.toString());
        assertEquals(familiar.replace("DIGEST", D), reference.familiarString());
        assertEquals(D, reference.digest().toString());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", "Busybox", "example.com/App", "busybox:", ":tag", "a//b", "-a", "a-", "a..b",
            "busybox@sha256:abc", "busybox@md5:d41d8cd98f00b204e9800998ecf8427e", "busybox:tag with space",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "a:b:c", "/busybox", "busybox/"})
    void rejectsWhatDockerRejects(String input) {
        RuntimeError error = assertThrows(RuntimeError.class, () -> Reference.parse(input));
        assertEquals(400, error.status());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            busybox            | busybox
            docker.io/user/app | user/app
            ghcr.io/o/app      | ghcr.io/o/app
            """)
    void familiarNameDropsOnlyDockerHubDefaults(String input, String familiarName) {
        assertEquals(familiarName, Reference.parse(input).familiarName());
    }
}
