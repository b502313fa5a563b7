package io.keyuan.segmentation;

import io.keyuan.channel.ChannelService;
import io.keyuan.segmentation.domain.Segment;
import io.keyuan.segmentation.domain.SegmentRepository;
import io.keyuan.segmentation.domain.SegmentRuleSet;
import io.keyuan.segmentation.domain.SegmentRuleSetRepository;
import io.keyuan.segmentation.domain.SegmentRuleVersion;
import io.keyuan.segmentation.domain.SegmentRuleVersionRepository;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.DatabaseLocks;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rule sets, segments and their versioned rules, and what a rule selects now (live count and sample). Managers
 * write; staff read. A rule is saved only when {@link #check} finds nothing wrong with it.
 */
@Service
@Transactional
public class SegmentService {
    private static final Logger log = LoggerFactory.getLogger(SegmentService.class);

    public static final int MAX_SAMPLE = 100;
    private static final RuleNode EMPTY = new RuleNode.Group(RuleNode.GroupOp.AND, List.of());

    private final SegmentRuleSetRepository ruleSets;
    private final SegmentRepository segments;
    private final SegmentRuleVersionRepository versions;
    private final ChannelService channels;
    private final CustomerFactsLoader facts;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final SegmentCatalogueService catalogue;
    private final SegmentFieldCatalogue fields;
    private final DatabaseLocks locks;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;

    SegmentService(
            SegmentRuleSetRepository ruleSets,
            SegmentRepository segments,
            SegmentRuleVersionRepository versions,
            ChannelService channels,
            CustomerFactsLoader facts,
            NamedParameterJdbcTemplate jdbc,
            Clock clock,
            SegmentCatalogueService catalogue,
            SegmentFieldCatalogue fields,
            DatabaseLocks locks,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events) {
        this.locks = locks;
        this.transaction = new TransactionTemplate(transactions);
        this.events = events;
        this.ruleSets = ruleSets;
        this.segments = segments;
        this.versions = versions;
        this.channels = channels;
        this.facts = facts;
        this.jdbc = jdbc;
        this.clock = clock;
        this.catalogue = catalogue;
        this.fields = fields;
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<RuleSetSummary> ruleSets() {
        return ruleSets.findAllByOrderByNameAsc().stream()
                .map(SegmentService::summary)
                .toList();
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    public RuleSetSummary createRuleSet(String name, RuleSetMode mode) {
        String n = name(name, SegmentRuleSet.NAME_LENGTH);
        if (mode == null) {
            throw KeyuanException.onField("mode", "segment.error.mode-required");
        }
        if (ruleSets.existsByName(n)) {
            throw KeyuanException.onField("name", "segment.error.name-taken", n);
        }
        SegmentRuleSet set = new SegmentRuleSet();
        set.setName(n);
        set.setMode(mode);
        return summary(ruleSets.saveAndFlush(set));
    }

    /** Renames a rule set; names are unique. Refused over a newer edit of the set. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public RuleSetSummary renameRuleSet(long ruleSetId, long expectedVersion, String name) {
        SegmentRuleSet set =
                ruleSets.findById(ruleSetId).orElseThrow(() -> new NotFoundException("segment-rule-set", ruleSetId));
        String n = name(name, SegmentRuleSet.NAME_LENGTH);
        if (set.getVersion() != expectedVersion) {
            throw new StaleEditException(set.getUpdatedBy(), set.getUpdatedAt());
        }
        if (n.equals(set.getName())) {
            return summary(set);
        }
        if (ruleSets.existsByName(n)) {
            throw KeyuanException.onField("name", "segment.error.name-taken", n);
        }
        set.setName(n);
        return summary(ruleSets.saveAndFlush(set));
    }

    /**
     * Deletes a rule set with its segments, their versions, membership and history. Refused over a newer edit of
     * the set, and while a membership refresh runs (it would write members of segments that no longer exist).
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void deleteRuleSet(long ruleSetId, long expectedVersion) {
        whileNoRefreshRuns(() -> {
            SegmentRuleSet set = ruleSets.findById(ruleSetId)
                    .orElseThrow(() -> new NotFoundException("segment-rule-set", ruleSetId));
            if (set.getVersion() != expectedVersion) {
                throw new StaleEditException(set.getUpdatedBy(), set.getUpdatedAt());
            }
            for (Segment s : segments.findByRuleSetIdOrderByPriorityAscIdAsc(ruleSetId)) {
                deleteRows(s);
            }
            ruleSets.delete(set);
            ruleSets.flush();
        });
    }

    /**
     * Deletes a segment with its versions, membership and history; the set's other segments keep their order.
     * Refused over a newer edit of the segment, and while a membership refresh runs.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void deleteSegment(long segmentId, long expectedVersion) {
        whileNoRefreshRuns(() -> {
            Segment segment = load(segmentId);
            if (segment.getVersion() != expectedVersion) {
                throw new StaleEditException(segment.getUpdatedBy(), segment.getUpdatedAt());
            }
            deleteRows(segment);
        });
    }

    /** Renames a segment; names are unique within its rule set. Refused over a newer edit of the segment. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public SegmentSummary renameSegment(long segmentId, long expectedVersion, String name) {
        Segment segment = load(segmentId);
        String n = name(name, Segment.NAME_LENGTH);
        if (segment.getVersion() != expectedVersion) {
            throw new StaleEditException(segment.getUpdatedBy(), segment.getUpdatedAt());
        }
        if (n.equals(segment.getName())) {
            return summary(segment);
        }
        if (segments.existsByRuleSetIdAndName(segment.getRuleSetId(), n)) {
            throw KeyuanException.onField("name", "segment.error.name-taken", n);
        }
        segment.setName(n);
        return summary(segments.saveAndFlush(segment));
    }

    /**
     * Runs a delete in its own transaction while holding the membership refresh's lock, so that no refresh is
     * writing members of what is being deleted.
     */
    private void whileNoRefreshRuns(Runnable delete) {
        boolean ran = locks.runExclusively(
                MembershipRefresher.LOCK, () -> transaction.executeWithoutResult(t -> delete.run()));
        if (!ran) {
            throw new KeyuanException("segment.error.refresh-running");
        }
    }

    /** Membership and its history go first, in bulk, so the cascade from the segment row has little left to do. */
    private void deleteRows(Segment s) {
        Map<String, Long> id = Map.of("id", s.getId());
        jdbc.update("DELETE FROM segment_membership WHERE segment_id = :id", id);
        jdbc.update("DELETE FROM segment_membership_event WHERE segment_id = :id", id);
        jdbc.update("DELETE FROM segment_refresh_count WHERE segment_id = :id", id);
        segments.delete(s);
        segments.flush();
        events.publishEvent(new SegmentDeleted(s.getId(), s.getRuleSetId(), s.getName()));
    }

    /** The segments of a rule set in priority order (the order that decides an exclusive set). */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<SegmentSummary> segments(long ruleSetId) {
        Map<Long, SegmentRuleVersion> current = new HashMap<>();
        versions.findCurrentOfRuleSet(ruleSetId).forEach(v -> current.put(v.getSegmentId(), v));
        return segments.findByRuleSetIdOrderByPriorityAscIdAsc(ruleSetId).stream()
                .map(s -> summary(s, current.get(s.getId())))
                .toList();
    }

    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public SegmentSummary segment(long id) {
        return summary(load(id));
    }

    /** A new segment, last in its set's priority order, with its rule as version 1. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public SegmentSummary createSegment(long ruleSetId, String name, RuleNode rule, String changeNote) {
        ruleSets.findById(ruleSetId).orElseThrow(() -> new NotFoundException("segment-rule-set", ruleSetId));
        String n = name(name, Segment.NAME_LENGTH);
        if (segments.existsByRuleSetIdAndName(ruleSetId, n)) {
            throw KeyuanException.onField("name", "segment.error.name-taken", n);
        }
        requireValid(rule);
        Segment segment = new Segment();
        segment.setRuleSetId(ruleSetId);
        segment.setName(n);
        segment.setPriority(segments.findByRuleSetIdOrderByPriorityAscIdAsc(ruleSetId).stream()
                        .mapToInt(Segment::getPriority)
                        .max()
                        .orElse(0)
                + 1);
        segment.setCurrentVersion(1);
        Segment saved = segments.saveAndFlush(segment);
        versions.saveAndFlush(new SegmentRuleVersion(saved.getId(), 1, RuleText.write(rule), note(changeNote)));
        return summary(saved);
    }

    /**
     * Saves {@code rule} as the segment's next version. {@code expectedVersion} is the segment's version the
     * editor loaded; a save over someone else's newer save is refused.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public SegmentSummary saveRule(long segmentId, long expectedVersion, RuleNode rule, String changeNote) {
        Segment segment = load(segmentId);
        if (segment.getVersion() != expectedVersion) {
            throw new StaleEditException(segment.getUpdatedBy(), segment.getUpdatedAt());
        }
        requireValid(rule);
        int next = segment.getCurrentVersion() + 1;
        versions.saveAndFlush(new SegmentRuleVersion(segmentId, next, RuleText.write(rule), note(changeNote)));
        segment.setCurrentVersion(next);
        return summary(segments.saveAndFlush(segment));
    }

    /**
     * Puts a rule set's segments in the given order, which decides an exclusive set (first match wins).
     * {@code segmentIds} must name each of the set's segments once.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public List<SegmentSummary> reorder(long ruleSetId, List<Long> segmentIds) {
        List<Segment> current = segments.findByRuleSetIdOrderByPriorityAscIdAsc(ruleSetId);
        Map<Long, Segment> byId = new LinkedHashMap<>();
        current.forEach(s -> byId.put(s.getId(), s));
        if (segmentIds == null
                || segmentIds.size() != current.size()
                || !byId.keySet().containsAll(segmentIds)) {
            throw new KeyuanException("segment.error.reorder-mismatch");
        }
        for (int i = 0; i < segmentIds.size(); i++) {
            byId.get(segmentIds.get(i)).setPriority(i + 1);
        }
        segments.saveAllAndFlush(current);
        return segments(ruleSetId);
    }

    /**
     * Saves the rule of version {@code versionNo} as the segment's next version, noted as restored from it (the
     * note is stored as a marker and translated when shown, see {@link RuleDescriber#note}). Refused when the
     * editor is stale, when that version is the current one, and when the old rule no longer passes
     * {@link #check} (a channel it names was deleted, say), with the reason.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public SegmentSummary restore(long segmentId, long expectedVersion, int versionNo) {
        Segment segment = load(segmentId);
        if (segment.getVersion() != expectedVersion) {
            throw new StaleEditException(segment.getUpdatedBy(), segment.getUpdatedAt());
        }
        SegmentRuleVersion old = versions.findBySegmentIdAndVersionNo(segmentId, versionNo)
                .orElseThrow(() -> new NotFoundException("segment-rule-version", versionNo));
        if (versionNo == segment.getCurrentVersion()) {
            throw new KeyuanException("segment.error.restore-current", versionNo);
        }
        RuleNode rule = RuleText.read(old.getRuleText(), fields);
        requireValid(rule);
        int next = segment.getCurrentVersion() + 1;
        versions.saveAndFlush(
                new SegmentRuleVersion(segmentId, next, old.getRuleText(), RuleDescriber.RESTORED_NOTE + versionNo));
        segment.setCurrentVersion(next);
        return summary(segments.saveAndFlush(segment));
    }

    /**
     * Switches a rule set between exclusive (first match by priority wins) and overlapping segments.
     * {@code expectedVersion} is the rule set's version the editor loaded.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public RuleSetSummary changeMode(long ruleSetId, long expectedVersion, RuleSetMode mode) {
        SegmentRuleSet set =
                ruleSets.findById(ruleSetId).orElseThrow(() -> new NotFoundException("segment-rule-set", ruleSetId));
        if (mode == null) {
            throw KeyuanException.onField("mode", "segment.error.mode-required");
        }
        if (set.getVersion() != expectedVersion) {
            throw new StaleEditException(set.getUpdatedBy(), set.getUpdatedAt());
        }
        if (set.getMode() == mode) {
            return summary(set);
        }
        set.setMode(mode);
        return summary(ruleSets.saveAndFlush(set));
    }

    /** Every saved rule of a segment, newest first. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<RuleVersionRow> versions(long segmentId) {
        return versions.findBySegmentIdOrderByVersionNoDesc(segmentId).stream()
                .map(v -> new RuleVersionRow(
                        v.getVersionNo(),
                        Objects.requireNonNullElse(readable(v), EMPTY),
                        v.getChangeNote(),
                        v.getCreatedBy(),
                        v.getCreatedAt()))
                .toList();
    }

    /** What keeps {@code rule} from being saved, including channels it names that no longer exist. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<RuleProblem> check(RuleNode rule) {
        List<RuleProblem> problems = new ArrayList<>(RuleValidator.problems(rule));
        if (problems.isEmpty()) {
            Map<String, RuleNode.Condition> conditions = new LinkedHashMap<>();
            collect(rule, "", conditions);
            conditions.forEach((path, c) -> {
                if (!fields.knows(c.field())) {
                    problems.add(new RuleProblem(
                            path, "segment.rule.error.unknown-field", c.field().name()));
                    return;
                }
                if (c.field() == SegmentField.SOURCE_CHANNEL) {
                    for (String v : c.values()) {
                        long id = (Long) c.field().parse(c.operator(), v);
                        if (channels.summary(id).isEmpty()) {
                            problems.add(new RuleProblem(path, "segment.rule.error.channel-deleted", id));
                        }
                    }
                }
                if (c.field().type() == FieldType.STAGE) {
                    problems.addAll(catalogue.deletedChoices(path, c));
                }
            });
        }
        return problems;
    }

    /** How many customers {@code rule} selects today. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long count(RuleNode rule) {
        SqlRuleCompiler.CompiledRule sql = compile(rule);
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM " + SqlRuleCompiler.FROM + " WHERE " + sql.where(), sql.params(), Long.class);
        return n == null ? 0 : n;
    }

    /** Up to {@code n} customers {@code rule} selects today, the most recently added first. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public List<CustomerMatch> sample(RuleNode rule, int n) {
        SqlRuleCompiler.CompiledRule sql = compile(rule);
        int limit = Math.clamp(n, 0, MAX_SAMPLE);
        List<Long> ids = jdbc.queryForList(
                "SELECT c.id FROM " + SqlRuleCompiler.FROM + " WHERE " + sql.where()
                        + " ORDER BY c.id DESC LIMIT :limit",
                sql.params().addValue("limit", limit),
                Long.class);
        return facts.byIds(ids).stream()
                .sorted((a, b) -> Long.compare(b.id(), a.id()))
                .map(f -> new CustomerMatch(f.id(), f.name(), f.city()))
                .toList();
    }

    private SqlRuleCompiler.CompiledRule compile(RuleNode rule) {
        RuleValidator.validate(rule);
        // the whitelist: a field built in code but not in the catalogue never reaches the database
        Map<String, RuleNode.Condition> conditions = new LinkedHashMap<>();
        collect(rule, "", conditions);
        List<RuleProblem> unknown = new ArrayList<>();
        conditions.forEach((path, c) -> {
            if (!fields.knows(c.field())) {
                unknown.add(new RuleProblem(
                        path, "segment.rule.error.unknown-field", c.field().name()));
            }
        });
        if (!unknown.isEmpty()) {
            throw new RuleException(unknown);
        }
        return SqlRuleCompiler.compile(rule, today());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private void requireValid(RuleNode rule) {
        List<RuleProblem> problems = check(rule);
        if (!problems.isEmpty()) {
            throw new RuleException(problems);
        }
    }

    private static void collect(RuleNode node, String path, Map<String, RuleNode.Condition> into) {
        switch (node) {
            case RuleNode.Group g -> {
                for (int i = 0; i < g.children().size(); i++) {
                    collect(g.children().get(i), child(path, i + 1), into);
                }
            }
            case RuleNode.Not n -> collect(n.child(), child(path, 1), into);
            case RuleNode.Condition c -> into.put(path, c);
        }
    }

    private static String child(String path, int index) {
        return path.isEmpty() ? String.valueOf(index) : path + "." + index;
    }

    private Segment load(long id) {
        return segments.findById(id).orElseThrow(() -> new NotFoundException("segment", id));
    }

    private SegmentSummary summary(Segment s) {
        return summary(
                s,
                versions.findBySegmentIdAndVersionNo(s.getId(), s.getCurrentVersion())
                        .orElse(null));
    }

    private SegmentSummary summary(Segment s, SegmentRuleVersion v) {
        if (v == null) {
            throw new NotFoundException("segment-rule-version", s.getId());
        }
        RuleNode rule = readable(v);
        boolean unreadable = rule == null;
        return new SegmentSummary(
                s.getId(),
                s.getRuleSetId(),
                s.getName(),
                s.getPriority(),
                s.getCurrentVersion(),
                unreadable ? EMPTY : rule,
                s.getVersion(),
                unreadable);
    }

    /**
     * The stored rule, or null when it cannot be read (only a hand edit of the database does that): one bad row
     * must not hide its whole rule set or history from the editor, where a manager sees it and sets it again.
     */
    private RuleNode readable(SegmentRuleVersion v) {
        RuleNode rule = RuleText.tryRead(v.getRuleText(), fields).orElse(null);
        if (rule == null) {
            log.warn("Version {} of segment {} has a rule that cannot be read", v.getVersionNo(), v.getSegmentId());
        }
        return rule;
    }

    private static RuleSetSummary summary(SegmentRuleSet s) {
        return new RuleSetSummary(s.getId(), s.getName(), s.getMode(), s.getVersion());
    }

    private static String name(String name, int max) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw KeyuanException.onField("name", "segment.error.name-required");
        }
        if (n.length() > max) {
            throw KeyuanException.onField("name", "segment.error.name-too-long", max);
        }
        return n;
    }

    private static String note(String note) {
        String n = note == null ? null : note.strip();
        if (n != null && n.length() > SegmentRuleVersion.NOTE_LENGTH) {
            throw KeyuanException.onField("changeNote", "segment.error.note-too-long", SegmentRuleVersion.NOTE_LENGTH);
        }
        return n == null || n.isEmpty() ? null : n;
    }
}
