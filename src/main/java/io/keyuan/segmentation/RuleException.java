package io.keyuan.segmentation;

import io.keyuan.shared.KeyuanException;
import java.util.List;

/** A rule refused with every problem found; the field is the first problem's path. */
public class RuleException extends KeyuanException {
    private final transient List<RuleProblem> problems;

    public RuleException(List<RuleProblem> problems) {
        super(
                problems.getFirst().path(),
                problems.getFirst().key(),
                problems.getFirst().args());
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
