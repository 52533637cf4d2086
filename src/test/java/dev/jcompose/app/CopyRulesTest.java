package dev.jcompose.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jcompose.error.ComposeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docker cp's placement rules and path helpers, as a table. */
class CopyRulesTest {
    @ParameterizedTest(name = "{0} {1} → {2} exists={3} dir={4}")
    @CsvSource(delimiter = '|', textBlock = """
            # src dir | source          | destination   | exists | isDir | directory | from  | to
            false     | /h/a.txt        | /c/tmp        | true   | true  | /c/tmp    | a.txt | a.txt
            false     | /h/a.txt        | /c/tmp/b.txt  | true   | false | /c/tmp    | a.txt | b.txt
            false     | /h/a.txt        | /c/tmp/new    | false  | false | /c/tmp    | a.txt | new
            true      | /h/dir          | /c/tmp        | true   | true  | /c/tmp    | dir   | dir
            true      | /h/dir/         | /c/tmp        | true   | true  | /c/tmp    | dir   | dir
            true      | /h/dir/.        | /c/tmp        | true   | true  | /c/tmp    | .     | .
            true      | /h/dir          | /c/tmp/copy   | false  | false | /c/tmp    | dir   | copy
            true      | /h/dir/.        | /c/tmp/copy   | false  | false | /c/tmp    | .     | copy
            true      | /h/dir          | /c/tmp/copy/  | false  | false | /c/tmp    | dir   | copy
            false     | /c/etc/hostname | out.txt       | false  | false | .         | hostname | out.txt
            """)
    void placement(boolean sourceIsDir, String source, String destination, boolean exists, boolean isDir,
            String directory, String from, String to) {
        CopyRules.Placement p = CopyRules.place(sourceIsDir, source, destination, exists, isDir);
        assertEquals(new CopyRules.Placement(directory, from, to), p);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            true  | /h/dir   | /c/file | true  | false | cannot copy directory
            false | /h/a.txt | /c/new/ | false | false | no such directory
            """)
    void refusedPlacements(boolean sourceIsDir, String source, String destination, boolean exists, boolean isDir,
            String message) {
        ComposeException e = assertThrows(ComposeException.class,
                () -> CopyRules.place(sourceIsDir, source, destination, exists, isDir));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            web:/tmp/x     | web | /tmp/x
            /abs/path      |     | /abs/path
            ./odd:name.txt |     | ./odd:name.txt
            relative.txt   |     | relative.txt
            web:           | web | ''
            """)
    void splitsServiceArguments(String arg, String service, String path) {
        String[] parts = CopyRules.split(arg);
        assertEquals(service == null ? "" : service, parts[0]);
        assertEquals(path, parts[1]);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /a/link | target   | /a/target
            /a/link | /abs     | /abs
            /link   | rel/x    | /rel/x
            """)
    void linkTargetsResolveFromTheLinksDirectory(String link, String target, String expected) {
        assertEquals(expected, CopyRules.linkTarget(link, target));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            dir/a      | dir | copy | copy/a
            dir/       | dir | copy | copy
            dir        | dir | dir  | dir
            ./a        | .   | copy | copy/a
            ./         | .   | copy | copy
            ./a        | .   | .    | a
            dirx/a     | dir | copy | dirx/a
            /dir/a     | dir | copy | copy/a
            """)
    void archiveRootsAreRenamed(String entry, String from, String to, String expected) {
        assertEquals(expected, LocalArchive.rename(entry, from, to));
    }
}
