package io.ordertriage.rules;

import io.ordertriage.RulePack;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
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
 * What the engine assumes of the default rules' files: the index lists every rule file, each pack is
 * one DRL file whose package matches its folder (the status pack has its decision table of normal
 * combinations beside it, in the same package), rule names are unique and start with what they
 * decide, and no rule plays with salience or prints.
 */
class DefaultRulesLayoutTest {
    private static final Path RULES = Path.of("src/main/resources/io/ordertriage/rules");

    private static List<Path> drlFiles() throws IOException {
        return files(".drl");
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(RULES)) {
            return s.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** A rule file as DRL: a decision table as the DRL Drools makes of it. */
    private static String drl(Path f) throws IOException {
        if (!f.toString().endsWith(".drl.csv")) {
            return Files.readString(f);
        }
        try (var in = Files.newInputStream(f)) {
            return new SpreadsheetCompiler().compile(in, InputType.CSV);
        }
    }

    @Test
    void theIndexListsExactlyTheRuleFiles() throws IOException {
        String index = new String(Objects.requireNonNull(getClass().getClassLoader()
                .getResourceAsStream("io/ordertriage/rules/default-rules.txt")).readAllBytes(), StandardCharsets.UTF_8);
        List<String> listed = index.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).sorted().toList();
        List<String> onDisk = Stream.concat(drlFiles().stream(), files(".drl.csv").stream()).sorted().map(p -> "io/ordertriage/rules/" + RULES.relativize(p).toString().replace('\\', '/')).toList();
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
        assertThat(files(".drl.csv")).containsExactly(RULES.resolve("status/normal-combinations.drl.csv"));
        assertThat(drl(RULES.resolve("status/normal-combinations.drl.csv"))).startsWith("package " + RulePack.STATUS.packageName() + ";");
    }

    @Test
    void ruleNamesAreUniqueAndNoRuleUsesSalienceOrPrints() throws IOException {
        Pattern ruleName = Pattern.compile("^rule \"([^\"]+)\"", Pattern.MULTILINE);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Path f : Stream.concat(drlFiles().stream(), files(".drl.csv").stream()).toList()) {
            String drl = drl(f);
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
