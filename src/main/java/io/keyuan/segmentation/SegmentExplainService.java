package io.keyuan.segmentation;

import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Why": each segment's current rule evaluated for one customer with the in-memory predicate, which agrees with
 * the SQL that assigns segments (a property test keeps them agreeing), node by node with the customer's values.
 */
@Service
@Transactional(readOnly = true)
public class SegmentExplainService {
    private final SegmentService segments;
    private final CustomerFactsLoader facts;
    private final Clock clock;

    SegmentExplainService(SegmentService segments, CustomerFactsLoader facts, Clock clock) {
        this.segments = segments;
        this.facts = facts;
        this.clock = clock;
    }

    /** Every rule set (by name) and its segments (in priority order) for customer {@code customerId}. */
    @PreAuthorize(Roles.HAS_STAFF)
    public CustomerExplanation explain(long customerId) {
        List<CustomerFacts> found = facts.byIds(List.of(customerId));
        if (found.isEmpty()) {
            throw new NotFoundException("customer", customerId);
        }
        CustomerFacts customer = found.getFirst();
        LocalDate today = LocalDate.now(clock);
        List<RuleSetExplanation> sets = new ArrayList<>();
        for (RuleSetSummary set : segments.ruleSets()) {
            List<SegmentExplanation> explained = new ArrayList<>();
            Long assigned = null;
            for (SegmentSummary s : segments.segments(set.id())) {
                List<RuleNodeExplanation> nodes = new ArrayList<>();
                boolean matches = !s.unreadable() && explain(s.rule(), "", customer, today, nodes);
                if (matches && assigned == null && set.mode() == RuleSetMode.EXCLUSIVE) {
                    assigned = s.id();
                }
                explained.add(new SegmentExplanation(s.id(), s.name(), s.priority(), s.ruleVersion(), matches, nodes));
            }
            sets.add(new RuleSetExplanation(set.id(), set.name(), set.mode(), assigned, explained));
        }
        return new CustomerExplanation(customerId, today, sets);
    }

    /** Adds the node and then its descendants in tree order; returns the node's result. */
    static boolean explain(
            RuleNode node, String path, CustomerFacts customer, LocalDate today, List<RuleNodeExplanation> into) {
        int at = into.size();
        into.add(null);
        boolean result;
        Object value = null;
        switch (node) {
            case RuleNode.Group g -> {
                boolean and = g.op() == RuleNode.GroupOp.AND;
                result = and;
                for (int i = 0; i < g.children().size(); i++) {
                    boolean child = explain(g.children().get(i), child(path, i + 1), customer, today, into);
                    result = and ? result && child : result || child;
                }
            }
            case RuleNode.Not n -> result = !explain(n.child(), child(path, 1), customer, today, into);
            case RuleNode.Condition c -> {
                value = c.field().valueOf(customer, today, c.windowDays());
                if (value instanceof String text && text.isEmpty()) {
                    value = null;
                }
                result = PredicateCompiler.compile(c, today).test(customer);
            }
        }
        into.set(at, new RuleNodeExplanation(path, node, value, result));
        return result;
    }

    private static String child(String path, int index) {
        return path.isEmpty() ? String.valueOf(index) : path + "." + index;
    }
}
