package io.keyuan.survey;

import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.StaleEditException;
import io.keyuan.shared.db.StaleEdits;
import io.keyuan.survey.domain.Survey;
import io.keyuan.survey.domain.SurveyRepository;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The survey designer's service (managers only): surveys with their ordered questions, saved whole. A survey with
 * responses is frozen — its edits are refused and {@link #copy} makes a new draft to edit; a survey a campaign
 * uses cannot be deleted.
 */
@Service
@Transactional
public class SurveyService {
    public static final int MAX_QUESTIONS = 50;
    public static final int MIN_OPTIONS = 2;
    public static final int MAX_OPTIONS = 20;
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final SurveyRepository surveys;
    private final SurveyQuestions questions;
    private final StaleEdits staleEdits;
    private final NamedParameterJdbcTemplate jdbc;
    private final java.time.Clock clock;

    SurveyService(
            SurveyRepository surveys,
            SurveyQuestions questions,
            StaleEdits staleEdits,
            NamedParameterJdbcTemplate jdbc,
            java.time.Clock clock) {
        this.surveys = surveys;
        this.questions = questions;
        this.staleEdits = staleEdits;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String currentUser() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return auth == null ? io.keyuan.shared.SystemActor.NAME : auth.getName();
    }

    /** Every survey, the latest changed first (surveys number in the hundreds at most). */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public List<SurveyRow> list() {
        return jdbc.query(
                """
                SELECT s.id, s.code, s.name, s.status, s.updated_at,
                       (SELECT COUNT(*) FROM survey_question q WHERE q.survey_id = s.id) AS questions,
                       (SELECT COUNT(*) FROM survey_campaign c WHERE c.survey_id = s.id) AS campaigns,
                       (SELECT COUNT(*) FROM survey_response r WHERE r.survey_id = s.id) AS responses
                FROM survey s ORDER BY s.updated_at DESC, s.id DESC LIMIT 1000""",
                (rs, i) -> new SurveyRow(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getString("name"),
                        SurveyStatus.valueOf(rs.getString("status")),
                        rs.getInt("questions"),
                        rs.getLong("campaigns"),
                        rs.getLong("responses"),
                        rs.getTimestamp("updated_at").toLocalDateTime().toInstant(java.time.ZoneOffset.UTC)));
    }

    /** The active surveys a new campaign may use, by code. */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public List<SurveyRow> activeSurveys() {
        return list().stream()
                .filter(s -> s.status() == SurveyStatus.ACTIVE)
                .sorted(java.util.Comparator.comparing(SurveyRow::code))
                .toList();
    }

    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public SurveyDetail get(long id) {
        return detail(find(id));
    }

    /** The survey as a respondent sees it, for the designer's preview. */
    @PreAuthorize(Roles.HAS_MANAGER)
    @Transactional(readOnly = true)
    public SurveyForm form(long id) {
        Survey s = find(id);
        return new SurveyForm(s.getId(), s.getName(), questions.load(s.getId()));
    }

    /**
     * Creates or updates a survey with its questions. Refused when the survey has responses ({@code
     * survey.error.frozen}), when it was saved by someone else since {@code draft.version()} (stale), or with the
     * field at fault.
     */
    @PreAuthorize(Roles.HAS_MANAGER)
    public SurveyDetail save(SurveyDraft draft) {
        validate(draft);
        Survey s;
        if (draft.id() == null) {
            s = new Survey();
        } else {
            s = surveys.findById(draft.id()).orElseThrow(StaleEditException::deleted);
            if (s.getVersion() != draft.version()) {
                throw new StaleEditException(s.getUpdatedBy(), s.getUpdatedAt());
            }
            if (questions.hasResponsesLocked(s.getId())) {
                throw new KeyuanException("survey.error.frozen");
            }
        }
        String code = draft.code().strip();
        if ((s.isNew() || !code.equals(s.getCode())) && surveys.existsByCode(code)) {
            throw KeyuanException.onField("code", "survey.error.code-taken", code);
        }
        s.setCode(code);
        s.setName(draft.name().strip());
        s.setStatus(draft.status() == null ? SurveyStatus.DRAFT : draft.status());
        try {
            s = surveys.saveAndFlush(s);
            // the questions are rows of their own: a save that changed only them moves the head's version (and
            // who/when) too, so that an editor holding the older version is refused
            if (draft.id() != null
                    && jdbc.update(
                                    "UPDATE survey SET version = version + 1, updated_at = :at, updated_by = :by"
                                            + " WHERE id = :id AND version = :v",
                                    new org.springframework.jdbc.core.namedparam.MapSqlParameterSource("id", s.getId())
                                            .addValue("v", s.getVersion())
                                            .addValue(
                                                    "at",
                                                    java.sql.Timestamp.valueOf(java.time.LocalDateTime.ofInstant(
                                                            clock.instant(), java.time.ZoneOffset.UTC)))
                                            .addValue("by", currentUser()))
                            != 1) {
                throw staleEdits.latest("survey", draft.id());
            }
        } catch (ObjectOptimisticLockingFailureException e) {
            throw staleEdits.latest("survey", draft.id());
        } catch (DataIntegrityViolationException e) {
            throw KeyuanException.onField("code", "survey.error.code-taken", code);
        }
        questions.replace(s.getId(), draft.questions());
        return detailFresh(s.getId());
    }

    /** A new draft with the survey's questions, for editing a frozen survey; its code gets a free suffix. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public SurveyDetail copy(long id) {
        Survey original = find(id);
        Survey copy = new Survey();
        copy.setCode(freeCode(original.getCode()));
        copy.setName(original.getName());
        copy.setStatus(SurveyStatus.DRAFT);
        copy.setCopiedFromId(original.getId());
        copy = surveys.saveAndFlush(copy);
        questions.replace(copy.getId(), SurveyQuestions.drafts(questions.load(original.getId())));
        return detailFresh(copy.getId());
    }

    /** Deletes a survey no campaign uses; refused with {@code survey.error.in-use} otherwise. */
    @PreAuthorize(Roles.HAS_MANAGER)
    public void delete(long id, long expectedVersion) {
        Survey s = surveys.findById(id).orElseThrow(StaleEditException::deleted);
        if (s.getVersion() != expectedVersion) {
            throw new StaleEditException(s.getUpdatedBy(), s.getUpdatedAt());
        }
        long campaigns = questions.campaignCount(id);
        if (campaigns > 0) {
            throw new KeyuanException("survey.error.in-use", campaigns);
        }
        surveys.delete(s);
        try {
            surveys.flush();
        } catch (DataIntegrityViolationException e) {
            // a campaign created meanwhile holds the survey by its foreign key
            throw new KeyuanException("survey.error.in-use", 1);
        }
    }

    private String freeCode(String code) {
        for (int n = 2; ; n++) {
            String suffix = "-" + n;
            String base = code.length() + suffix.length() > Survey.CODE_LENGTH
                    ? code.substring(0, Survey.CODE_LENGTH - suffix.length())
                    : code;
            String candidate = base.replaceAll("-\\d+$", "") + suffix;
            if (candidate.length() <= Survey.CODE_LENGTH && !surveys.existsByCode(candidate)) {
                return candidate;
            }
        }
    }

    private Survey find(long id) {
        return surveys.findById(id).orElseThrow(() -> new NotFoundException("survey", id));
    }

    private SurveyDetail detailFresh(long id) {
        surveys.flush();
        Survey s = surveys.findById(id).orElseThrow();
        // the head was bumped with JDBC; read the version the database holds
        Long version = jdbc.queryForObject(
                "SELECT version FROM survey WHERE id = :id", java.util.Map.of("id", id), Long.class);
        SurveyDetail d = detail(s);
        return new SurveyDetail(
                d.id(),
                version == null ? d.version() : version,
                d.code(),
                d.name(),
                d.status(),
                d.questions(),
                d.frozen(),
                d.campaigns(),
                d.responses(),
                d.updatedBy(),
                d.updatedAt());
    }

    private SurveyDetail detail(Survey s) {
        long responses = questions.responseCount(s.getId());
        return new SurveyDetail(
                s.getId(),
                s.getVersion(),
                s.getCode(),
                s.getName(),
                s.getStatus(),
                SurveyQuestions.drafts(questions.load(s.getId())),
                responses > 0,
                questions.campaignCount(s.getId()),
                responses,
                s.getUpdatedBy(),
                s.getUpdatedAt());
    }

    /** The draft's problems, the first one thrown with its field. */
    static void validate(SurveyDraft d) {
        String code = d.code() == null ? "" : d.code().strip();
        if (code.isEmpty()) {
            throw KeyuanException.onField("code", "survey.error.code-required");
        }
        if (code.length() > Survey.CODE_LENGTH) {
            throw KeyuanException.onField("code", "survey.error.too-long", Survey.CODE_LENGTH);
        }
        if (!CODE.matcher(code).matches()) {
            throw KeyuanException.onField("code", "survey.error.code-format");
        }
        String name = d.name() == null ? "" : d.name().strip();
        if (name.isEmpty()) {
            throw KeyuanException.onField("name", "survey.error.name-required");
        }
        if (name.length() > Survey.NAME_LENGTH) {
            throw KeyuanException.onField("name", "survey.error.too-long", Survey.NAME_LENGTH);
        }
        if (d.questions().size() > MAX_QUESTIONS) {
            throw KeyuanException.onField("questions", "survey.error.too-many-questions", MAX_QUESTIONS);
        }
        if (d.status() == SurveyStatus.ACTIVE && d.questions().isEmpty()) {
            throw KeyuanException.onField("questions", "survey.error.no-questions");
        }
        for (int i = 0; i < d.questions().size(); i++) {
            QuestionDraft q = d.questions().get(i);
            String field = "q" + i;
            int n = i + 1;
            if (q.kind() == null) {
                throw KeyuanException.onField(field, "survey.error.kind-required", n);
            }
            if (q.text() == null || q.text().isEmpty()) {
                throw KeyuanException.onField(field, "survey.error.question-text", n);
            }
            if (q.text().longest() > Survey.QUESTION_LENGTH) {
                throw KeyuanException.onField(field, "survey.error.question-too-long", n, Survey.QUESTION_LENGTH);
            }
            if (q.kind().choice()) {
                if (q.options().size() < MIN_OPTIONS || q.options().size() > MAX_OPTIONS) {
                    throw KeyuanException.onField(field, "survey.error.options-count", n, MIN_OPTIONS, MAX_OPTIONS);
                }
                for (LocalizedText o : q.options()) {
                    if (o == null || o.isEmpty()) {
                        throw KeyuanException.onField(field, "survey.error.option-text", n);
                    }
                    if (o.longest() > Survey.OPTION_LENGTH) {
                        throw KeyuanException.onField(field, "survey.error.option-too-long", n, Survey.OPTION_LENGTH);
                    }
                }
            } else if (!q.options().isEmpty()) {
                throw KeyuanException.onField(field, "survey.error.no-options", n);
            }
        }
    }
}
