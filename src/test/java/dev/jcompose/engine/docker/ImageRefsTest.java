package dev.jcompose.engine.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefsTest {
    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "busybox,busybox,null", "busybox:1.36,busybox,1.36", "reg:5000/a/b,reg:5000/a/b,null",
            "reg:5000/a/b:2,reg:5000/a/b,2", "a@sha256:abc,a,sha256:abc", "jcompose/busybox:latest,jcompose/busybox,latest"})
    void splitsRepositoryFromTagOrDigest(String reference, String repository, String tag) {
        assertArrayEquals(new String[] {repository, tag}, ImageRefs.splitTag(reference));
    }
}
