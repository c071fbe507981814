package io.ordertriage;

import java.util.List;
import java.util.stream.Collectors;

/** Rule files did not compile; {@link #problems()} lists every problem as {@code file:line:column: message}. */
public class RuleCompilationException extends TriageException {
    private final List<RuleProblem> problems;

    public RuleCompilationException(List<RuleProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in rule files:\n"
                + problems.stream().map(RuleProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
