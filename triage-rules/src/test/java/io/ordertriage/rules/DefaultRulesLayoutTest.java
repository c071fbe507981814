package io.ordertriage.rules;

import io.ordertriage.RulePack;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the engine assumes of the default rules' files: the index lists every DRL, each pack is
 * one file whose package matches its folder, rule names are unique and start with what they
 * decide, and no rule plays with salience or prints.
 */
class DefaultRulesLayoutTest {
    private static final Path RULES = Path.of("src/main/resources/io/ordertriage/rules");

    private static List<Path> drlFiles() throws IOException {
        try (Stream<Path> s = Files.walk(RULES)) {
            return s.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
    }

    @Test
    void theIndexListsExactlyTheDrlFiles() throws IOException {
        String index = new String(Objects.requireNonNull(getClass().getClassLoader()
                .getResourceAsStream("io/ordertriage/rules/default-rules.txt")).readAllBytes(), StandardCharsets.UTF_8);
        List<String> listed = index.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
        List<String> onDisk = drlFiles().stream().map(p -> "io/ordertriage/rules/" + RULES.relativize(p).toString().replace('\\', '/')).toList();
        assertThat(listed).isEqualTo(onDisk);
    }

    @Test
    void eachPackIsOneFileInItsOwnPackage() throws IOException {
        for (RulePack pack : RulePack.values()) {
            Path file = RULES.resolve(pack.key()).resolve(pack.key() + ".drl");
            assertThat(file).exists();
            assertThat(Files.readString(file)).startsWith("package " + pack.packageName() + ";");
        }
        assertThat(drlFiles()).hasSize(RulePack.values().length);
    }

    @Test
    void ruleNamesAreUniqueAndNoRuleUsesSalienceOrPrints() throws IOException {
        Pattern ruleName = Pattern.compile("^rule \"([^\"]+)\"", Pattern.MULTILINE);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Path f : drlFiles()) {
            String drl = Files.readString(f);
            Matcher m = ruleName.matcher(drl);
            while (m.find()) {
                assertThat(names.add(m.group(1))).as("duplicate rule name %s", m.group(1)).isTrue();
                assertThat(m.group(1)).matches("[A-Z0-9_]+ .+");
            }
            assertThat(drl).doesNotContain("salience").doesNotContain("System.out").doesNotContain("modify(")
                    .doesNotContain("update(");
        }
        assertThat(names).hasSizeGreaterThan(30);
    }
}
