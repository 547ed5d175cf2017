package org.staffmfa.keycloak.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Every relative link of the README and the manual in {@code docs/} points to a file that exists, and every
 * {@code #anchor} to a heading of that file; the README stays the short front door.
 */
class DocumentationLinksTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    private static List<Path> pages() {
        List<Path> pages = new ArrayList<>(List.of(REPOSITORY.resolve("README.md"),
            REPOSITORY.resolve("integration-tests/README.md")));
        try (Stream<Path> docs = Files.walk(REPOSITORY.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndHeading() {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(read(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // http(s), mailto: not checked here
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(REPOSITORY.relativize(page) + ": " + target);
                } else if (anchor != null && !anchors(resolved).contains(anchor)) {
                    broken.add(REPOSITORY.relativize(page) + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
        assertThat(pages()).hasSizeGreaterThan(15);
    }

    @Test
    void theReadmeIsTheShortFrontDoorWithExactlyTwoCommands() {
        String readme = read(REPOSITORY.resolve("README.md"));

        assertThat(readme.lines().count()).isLessThanOrEqualTo(150);
        assertThat(readme).contains("./demo.sh     #", "./test.sh     #");
        assertThat(read(REPOSITORY.resolve(".ci/run"))).contains("./test.sh");
    }

    /** GitHub's anchors: headings in lower case, punctuation dropped, spaces as dashes. */
    private static List<String> anchors(Path markdown) {
        if (!markdown.toString().endsWith(".md")) {
            return List.of();
        }
        return read(markdown).lines()
            .filter(line -> line.startsWith("#"))
            .map(line -> line.replaceFirst("^#+\\s*", "").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
            .toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
