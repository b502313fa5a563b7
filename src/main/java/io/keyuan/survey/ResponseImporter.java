package io.keyuan.survey;

import io.keyuan.customer.CustomerContact;
import io.keyuan.customer.CustomerContacts;
import io.keyuan.exchange.ChangeLog;
import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportContext;
import io.keyuan.exchange.ImportRow;
import io.keyuan.exchange.RecordedChange;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetImporter;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.exchange.UndoCounts;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.Roles;
import io.keyuan.survey.domain.SurveyCampaign;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Imports survey responses typed into a sheet (paper forms, answers a call centre collected): one row per answer of
 * a campaign's recipient — the campaign by its code ({@link CampaignCodes}) or its name when no other campaign has
 * it, the customer by code, the time it was given (blank: the moment of the import), then one column per question
 * in the survey's order, {@code Q1}…, named by its number or by the question's text in any of its languages.
 *
 * <p>Every row is recorded by {@link ResponseRecorder}, as phone and online answers are: the same checks, score
 * columns, respondent snapshot, recipient status and {@link ResponseRecorded} event (a detractor opens a
 * complaint once the import commits). A row of a customer the campaign did not go to, a required question left
 * blank or a value a question does not take is an error on its cell; a recipient who answered already is skipped
 * and says when; the rows of a campaign that takes no answers now (not sent, closed, outside its period) are all
 * errors.
 *
 * <p>Undo removes the imported responses and gives their recipients back the status they had (not answered, no
 * answer, refused), and removes the complaints those responses opened automatically as long as nobody worked on
 * them. A response whose complaint was changed or commented since is kept, with its complaint and its recipient's
 * answered status, and counted as kept: the complaint's history and its link to the answers stay whole. The change
 * log holds responses by id and, for a recipient who was not simply pending, the recipient by negated id with its
 * previous status.
 */
@Component
class ResponseImporter implements SheetImporter {
    static final String NAME = "survey-responses";
    /** One column per question a survey may have. */
    static final int QUESTION_COLUMNS = SurveyService.MAX_QUESTIONS;
    /** A recipient who has not answered may answer through a sheet, whatever the phone calls found. */
    static final Set<RecipientStatus> ANSWERABLE =
            EnumSet.of(RecipientStatus.PENDING, RecipientStatus.NO_ANSWER, RecipientStatus.REFUSED);

    static final SheetSchema SCHEMA = buildSchema();

    private static final MathContext SHOWN = new MathContext(15, RoundingMode.HALF_UP);
    private static final Pattern SEPARATORS = Pattern.compile("\\s*[;；,，、\\n]\\s*");
    /** "Q3", "Q3*", "第3题", "题3", "问题 3", "Question 3" at the start of a header, with anything after it. */
    private static final Pattern NUMBERED = Pattern.compile("^(?:question|q|第|题|題|问题|問題)\\s*(\\d{1,3})(?!\\d)");
    /** "3.", "3、", "3)" at the start of a header. */
    private static final Pattern LISTED = Pattern.compile("^(\\d{1,3})\\s*[.、):]");

    private final NamedParameterJdbcTemplate jdbc;
    private final ResponseRecorder recorder;
    private final SurveyQuestions questions;
    private final CustomerContacts contacts;
    private final Clock clock;
    /** Per import run: the recipients its rows answered so far and the row of each (a file names one once). */
    private final Map<ImportContext, Map<Long, Integer>> answeredInRun =
            Collections.synchronizedMap(new WeakHashMap<>());

    ResponseImporter(
            NamedParameterJdbcTemplate jdbc,
            ResponseRecorder recorder,
            SurveyQuestions questions,
            CustomerContacts contacts,
            Clock clock) {
        this.jdbc = jdbc;
        this.recorder = recorder;
        this.questions = questions;
        this.contacts = contacts;
        this.clock = clock;
    }

    private static SheetSchema buildSchema() {
        List<SheetColumn> columns = new ArrayList<>();
        columns.add(SheetColumn.of(
                        "campaign", "调查活动", "調查活動", "Campaign", ColumnType.TEXT, true, SurveyCampaign.NAME_LENGTH)
                .alsoCalled(
                        "活动",
                        "活动编号",
                        "活动名称",
                        "调查活动编号",
                        "活動",
                        "活動編號",
                        "活動名稱",
                        "調查活動編號",
                        "Campaign code",
                        "Campaign name"));
        columns.add(SheetColumn.of("customer", "客户编号", "客戶編號", "Customer code", ColumnType.TEXT, true, 32)
                .alsoCalled("客户代码", "会员编号", "客戶代碼", "會員編號", "Customer"));
        columns.add(SheetColumn.of("answeredAt", "答卷时间", "答卷時間", "Answered at", ColumnType.DATE_TIME, false, 19)
                .alsoCalled(
                        "回答时间",
                        "作答时间",
                        "填写时间",
                        "答题时间",
                        "回答時間",
                        "作答時間",
                        "填寫時間",
                        "答題時間",
                        "Answer time",
                        "Date",
                        "日期",
                        "时间",
                        "時間"));
        for (int i = 1; i <= QUESTION_COLUMNS; i++) {
            columns.add(SheetColumn.of(
                            key(i),
                            "第" + i + "题",
                            "第" + i + "題",
                            "Q" + i,
                            ColumnType.TEXT,
                            false,
                            ResponseRecorder.MAX_TEXT)
                    .alsoCalled(
                            i + ".",
                            i + "、",
                            String.valueOf(i),
                            "题" + i,
                            "題" + i,
                            "问题" + i,
                            "問題" + i,
                            "Question " + i));
        }
        return new SheetSchema(NAME, columns, List.of("campaign", "customer"));
    }

    /** The schema column of the survey's question at {@code position} (from 1). */
    static String key(int position) {
        return "q" + position;
    }

    @Override
    public SheetSchema schema() {
        return SCHEMA;
    }

    @Override
    public String requiredRole() {
        return Roles.STAFF;
    }

    @Override
    public String naturalKey(ImportRow row) {
        String campaign = row.text("campaign");
        String customer = row.text("customer");
        if (campaign == null || customer == null) {
            return null;
        }
        OptionalLong id = CampaignCodes.parse(campaign);
        String c = id.isPresent() ? "#" + id.getAsLong() : lookup(campaign);
        return "response:" + c + "|" + customer.strip().toLowerCase(Locale.ROOT);
    }

    // ---- columns named by the data ----

    /**
     * Question columns the schema's own headers do not name: a header that starts with the question's number
     * ({@code Q3 您满意吗？ (1–5)}, {@code 3. …}, {@code 第3题…}), else one that is a question's text in any of its
     * languages — of the survey of the campaign the first rows name, when they all name campaigns of one survey.
     */
    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public List<String> guessMapping(List<String> headers, List<String> guessed, List<List<String>> sample) {
        List<String> mapping = new ArrayList<>(guessed);
        Set<String> used = new HashSet<>();
        guessed.stream().filter(k -> k != null).forEach(used::add);
        for (int i = 0; i < mapping.size() && i < headers.size(); i++) {
            Integer position = position(headers.get(i));
            if (mapping.get(i) == null
                    && position != null
                    && position >= 1
                    && position <= QUESTION_COLUMNS
                    && used.add(key(position))) {
                mapping.set(i, key(position));
            }
        }
        int campaignColumn = guessed.indexOf("campaign");
        if (campaignColumn < 0 || !mapping.contains(null)) {
            return mapping;
        }
        Set<String> cells = new LinkedHashSet<>();
        for (List<String> row : sample) {
            if (campaignColumn < row.size()
                    && row.get(campaignColumn) != null
                    && !row.get(campaignColumn).isBlank()) {
                cells.add(row.get(campaignColumn));
            }
        }
        Set<Long> surveys = new HashSet<>();
        for (Object found : campaigns(cells).values()) {
            if (found instanceof Campaign c) {
                surveys.add(c.surveyId());
            }
        }
        if (surveys.size() != 1) {
            return mapping;
        }
        List<SurveyForm.Question> qs = questions.load(surveys.iterator().next());
        for (int i = 0; i < mapping.size() && i < headers.size(); i++) {
            if (mapping.get(i) != null) {
                continue;
            }
            String header = questionText(headers.get(i));
            if (header.isEmpty()) {
                continue;
            }
            for (int q = 0; q < qs.size(); q++) {
                LocalizedText text = qs.get(q).text();
                boolean same = header.equals(questionText(text.zhCn()))
                        || header.equals(questionText(text.zhTw()))
                        || header.equals(questionText(text.en()));
                if (same && used.add(key(q + 1))) {
                    mapping.set(i, key(q + 1));
                    break;
                }
            }
        }
        return mapping;
    }

    /** The question number a header starts with, or null. */
    static Integer position(String header) {
        String h = lookup(header);
        Matcher m = NUMBERED.matcher(h);
        if (!m.find()) {
            m = LISTED.matcher(h);
            if (!m.find()) {
                return null;
            }
        }
        return Integer.parseInt(m.group(1));
    }

    /** A header or question text as compared: no case, spaces, "*", remark in brackets or closing punctuation. */
    private static String questionText(String text) {
        if (text == null) {
            return "";
        }
        String t = lookup(text);
        t = t.replaceAll("\\([^()]*\\)$", "").replace("*", "").replaceAll("\\s+", "");
        return t.replaceAll("[?.:!。]+$", "");
    }

    // ---- plan ----

    private record Campaign(
            long id,
            String name,
            long surveyId,
            CampaignChannel channel,
            CampaignStatus status,
            Instant opensAt,
            Instant closesAt) {}

    /** Why a campaign cell names no campaign that takes answers: a message key and its arguments. */
    private record Refusal(String messageKey, Object... args) {}

    private record Recipient(long id, RecipientStatus status, Instant answeredAt) {}

    /** What apply records for a row. */
    private record Planned(
            ResponseRecorder.Target target, List<AnswerInput> answers, Instant answeredAt, RecipientStatus before) {}

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public void plan(List<ImportRow> rows, ImportContext context) {
        Instant now = clock.instant();
        Map<Long, Integer> inRun = answeredInRun.computeIfAbsent(context, k -> new HashMap<>());
        Set<String> campaignCells = new HashSet<>();
        Set<String> codes = new HashSet<>();
        for (ImportRow row : rows) {
            if (row.text("campaign") == null) {
                row.error("campaign", "exchange.error.required");
            }
            if (row.text("customer") == null) {
                row.error("customer", "exchange.error.required");
            }
            if (!row.hasErrors()) {
                campaignCells.add(row.text("campaign"));
                codes.add(row.text("customer").strip());
            }
        }
        Map<String, Object> campaigns = campaigns(campaignCells);
        Map<String, CustomerContact> customers = customers(codes);
        Map<String, Recipient> recipients = recipients(campaigns.values(), customers.values());
        Map<Long, List<SurveyForm.Question>> surveyQuestions = new HashMap<>();
        for (ImportRow row : rows) {
            if (row.hasErrors()) {
                continue;
            }
            Object found = campaigns.get(lookup(row.text("campaign")));
            if (found instanceof Refusal r) {
                row.error("campaign", r.messageKey(), r.args());
                continue;
            }
            Campaign campaign = (Campaign) found;
            Refusal closed = closed(campaign, now);
            if (closed != null) {
                row.error("campaign", closed.messageKey(), closed.args());
                continue;
            }
            String code = row.text("customer").strip();
            CustomerContact customer = customers.get(code.toLowerCase(Locale.ROOT));
            if (customer == null) {
                row.error("customer", "survey.import.error.unknown-customer", code);
                continue;
            }
            Recipient recipient = recipients.get(campaign.id() + ":" + customer.id());
            if (recipient == null) {
                row.error("customer", "survey.import.error.not-recipient", code, campaign.name());
                continue;
            }
            Integer earlier = inRun.get(recipient.id());
            if (earlier != null && earlier != row.rowNumber()) {
                row.error("customer", "survey.import.error.twice-in-file", code, earlier);
                continue;
            }
            if (recipient.status() == RecipientStatus.ANSWERED) {
                row.warn("customer", "survey.import.skip.answered", code, recipient.answeredAt());
                row.plan(ImportAction.UNCHANGED, recipient.id());
                continue;
            }
            Instant answeredAt = null;
            if (row.value("answeredAt") instanceof LocalDateTime at) {
                answeredAt = at.atZone(BusinessTime.ZONE).toInstant();
                if (answeredAt.isAfter(now)) {
                    row.error(
                            "answeredAt",
                            "survey.import.error.answered-in-future",
                            at.toString().replace('T', ' '));
                } else if (answeredAt.isBefore(campaign.opensAt())) {
                    row.error("answeredAt", "survey.import.error.answered-before-campaign", campaign.opensAt());
                }
            }
            List<SurveyForm.Question> qs = surveyQuestions.computeIfAbsent(campaign.surveyId(), questions::load);
            List<AnswerInput> answers = answers(row, qs);
            if (row.hasErrors()) {
                continue;
            }
            try {
                // the recorder's own checks, so that a row planned here is one it records
                ResponseRecorder.check(qs, answers);
            } catch (KeyuanException e) {
                row.error(columnOf(qs, e.field()), e.messageKey(), e.args());
                continue;
            }
            inRun.put(recipient.id(), row.rowNumber());
            row.setState(new Planned(
                    new ResponseRecorder.Target(
                            recipient.id(), campaign.id(), campaign.surveyId(), customer.id(), campaign.channel()),
                    answers,
                    answeredAt,
                    recipient.status()));
            row.plan(ImportAction.CREATE, 0);
        }
    }

    /** Why the campaign takes no answers now, or null when it does (sent, open, inside its period). */
    private static Refusal closed(Campaign c, Instant now) {
        return switch (c.status()) {
            case DRAFT, SENDING -> new Refusal("survey.import.error.campaign-not-sent", c.name());
            case CLOSED -> new Refusal("survey.import.error.campaign-closed", c.name());
            case OPEN -> {
                if (now.isBefore(c.opensAt())) {
                    yield new Refusal("survey.import.error.campaign-not-open-yet", c.name(), c.opensAt());
                }
                if (!now.isBefore(c.closesAt())) {
                    yield new Refusal("survey.import.error.campaign-ended", c.name(), c.closesAt());
                }
                yield null;
            }
        };
    }

    /** The row's answers, one per question whose cell holds a value; errors on the cells that hold a wrong one. */
    private static List<AnswerInput> answers(ImportRow row, List<SurveyForm.Question> qs) {
        List<AnswerInput> answers = new ArrayList<>();
        for (int i = 0; i < qs.size(); i++) {
            SurveyForm.Question q = qs.get(i);
            int position = i + 1;
            String key = key(position);
            if (!row.has(key)) {
                if (q.required()) {
                    row.error(null, "survey.import.error.question-missing", position);
                }
                continue;
            }
            String text = row.text(key);
            if (text == null || text.isBlank()) {
                if (q.required()) {
                    row.error(key, "survey.import.error.required", position);
                }
                continue;
            }
            AnswerInput answer = answer(row, key, position, q, text);
            if (answer != null) {
                answers.add(answer);
            }
        }
        for (int position = qs.size() + 1; position <= QUESTION_COLUMNS; position++) {
            String key = key(position);
            if (row.has(key) && row.text(key) != null && !row.text(key).isBlank()) {
                row.error(key, "survey.import.error.no-such-question", position, qs.size());
            }
        }
        return answers;
    }

    private static AnswerInput answer(ImportRow row, String key, int position, SurveyForm.Question q, String text) {
        if (q.kind().scored()) {
            String t = narrow(text);
            BigDecimal d;
            try {
                // as Excel shows it: 8.9999999999999982 is the 9 someone typed
                d = new BigDecimal(t).round(SHOWN).stripTrailingZeros();
            } catch (NumberFormatException e) {
                row.error(
                        key,
                        "survey.import.error.score-not-number",
                        position,
                        text,
                        q.kind().min(),
                        q.kind().max());
                return null;
            }
            if (d.scale() > 0) {
                row.error(key, "survey.import.error.score-not-whole", position, d.toPlainString());
                return null;
            }
            if (d.compareTo(BigDecimal.valueOf(q.kind().min())) < 0
                    || d.compareTo(BigDecimal.valueOf(q.kind().max())) > 0) {
                row.error(
                        key,
                        "survey.import.error.score-range",
                        position,
                        d.toPlainString(),
                        q.kind().min(),
                        q.kind().max());
                return null;
            }
            return AnswerInput.score(q.id(), d.intValueExact());
        }
        if (q.kind().choice()) {
            Long whole = option(q, text);
            List<Long> chosen = new ArrayList<>();
            if (whole != null) {
                chosen.add(whole);
            } else {
                for (String part : SEPARATORS.split(text.strip())) {
                    if (part.isEmpty()) {
                        continue;
                    }
                    Long option = option(q, part);
                    if (option == null) {
                        row.error(key, "survey.import.error.unknown-option", position, part, options(q));
                        return null;
                    }
                    if (!chosen.contains(option)) {
                        chosen.add(option);
                    }
                }
            }
            if (q.kind() == QuestionKind.SINGLE_CHOICE && chosen.size() > 1) {
                row.error(key, "survey.import.error.one-choice", position, text);
                return null;
            }
            return new AnswerInput(q.id(), null, chosen, null);
        }
        // free text as typed, markup and all: views show it as text
        return AnswerInput.text(q.id(), text);
    }

    /** The option a cell part names: by its text in any language, else by its number (from 1). */
    private static Long option(SurveyForm.Question q, String part) {
        String wanted = lookup(part);
        for (SurveyForm.Option o : q.options()) {
            LocalizedText t = o.text();
            if (wanted.equals(lookup(t.zhCn())) || wanted.equals(lookup(t.zhTw())) || wanted.equals(lookup(t.en()))) {
                return o.id();
            }
        }
        try {
            BigDecimal n = new BigDecimal(narrow(part)).round(SHOWN).stripTrailingZeros();
            if (n.scale() <= 0
                    && n.signum() > 0
                    && n.compareTo(BigDecimal.valueOf(q.options().size())) <= 0) {
                return q.options().get(n.intValueExact() - 1).id();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // not a number: no option
        }
        return null;
    }

    /** The question's options as a cell may name them: "1=朋友; 2=广告". */
    private static String options(SurveyForm.Question q) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < q.options().size(); i++) {
            all.add((i + 1) + "=" + q.options().get(i).text().in(null));
        }
        return String.join("; ", all);
    }

    private static String columnOf(List<SurveyForm.Question> qs, String field) {
        for (int i = 0; i < qs.size(); i++) {
            if (ResponseRecorder.fieldOf(qs.get(i).id()).equals(field)) {
                return key(i + 1);
            }
        }
        return null;
    }

    /** Each distinct campaign cell (by its lookup key) to its Campaign, or to the Refusal that says why none. */
    private Map<String, Object> campaigns(Collection<String> cells) {
        Map<String, Object> byCell = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (String cell : cells) {
            if (cell == null) {
                continue;
            }
            OptionalLong id = CampaignCodes.parse(cell);
            if (id.isPresent()) {
                ids.add(id.getAsLong());
            }
            names.add(cell.strip());
        }
        if (names.isEmpty()) {
            return byCell;
        }
        Map<Long, Campaign> byId = new HashMap<>();
        Map<String, List<Campaign>> byName = new HashMap<>();
        jdbc.query(
                """
                SELECT id, name, survey_id, channel, status, opens_at, closes_at FROM survey_campaign
                WHERE id IN (:ids) OR name IN (:names)""",
                new MapSqlParameterSource("ids", ids.isEmpty() ? List.of(-1L) : ids).addValue("names", names),
                rs -> {
                    Campaign c = new Campaign(
                            rs.getLong("id"),
                            rs.getString("name"),
                            rs.getLong("survey_id"),
                            CampaignChannel.valueOf(rs.getString("channel")),
                            CampaignStatus.valueOf(rs.getString("status")),
                            CampaignService.utc(rs, "opens_at"),
                            CampaignService.utc(rs, "closes_at"));
                    byId.put(c.id(), c);
                    byName.computeIfAbsent(lookup(c.name()), k -> new ArrayList<>())
                            .add(c);
                });
        for (String cell : cells) {
            if (cell == null) {
                continue;
            }
            OptionalLong id = CampaignCodes.parse(cell);
            List<Campaign> named = byName.getOrDefault(lookup(cell), List.of());
            Object found;
            if (id.isPresent() && byId.containsKey(id.getAsLong())) {
                found = byId.get(id.getAsLong());
            } else if (named.size() == 1) {
                found = named.getFirst();
            } else if (named.size() > 1) {
                found = new Refusal(
                        "survey.import.error.campaign-ambiguous",
                        cell.strip(),
                        String.join(
                                ", ",
                                named.stream()
                                        .map(c -> CampaignCodes.of(c.id()))
                                        .sorted()
                                        .toList()));
            } else {
                found = new Refusal("survey.import.error.unknown-campaign", cell.strip());
            }
            byCell.put(lookup(cell), found);
        }
        return byCell;
    }

    /** Customers by lower-case code. */
    private Map<String, CustomerContact> customers(Set<String> codes) {
        Map<String, CustomerContact> byCode = new HashMap<>();
        List<String> all = new ArrayList<>(codes);
        for (int from = 0; from < all.size(); from += CustomerContacts.MAX_IDS) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + CustomerContacts.MAX_IDS));
            contacts.byCodes(chunk).values().forEach(c -> byCode.put(c.code().toLowerCase(Locale.ROOT), c));
        }
        return byCode;
    }

    /** The recipients of these campaigns among these customers, by "campaign id:customer id". */
    private Map<String, Recipient> recipients(Collection<Object> campaigns, Collection<CustomerContact> customers) {
        Map<String, Recipient> found = new HashMap<>();
        Set<Long> campaignIds = new HashSet<>();
        for (Object c : campaigns) {
            if (c instanceof Campaign campaign) {
                campaignIds.add(campaign.id());
            }
        }
        if (campaignIds.isEmpty() || customers.isEmpty()) {
            return found;
        }
        jdbc.query(
                """
                SELECT id, campaign_id, customer_id, status, answered_at FROM survey_recipient
                WHERE campaign_id IN (:campaigns) AND customer_id IN (:customers)""",
                new MapSqlParameterSource("campaigns", campaignIds)
                        .addValue(
                                "customers",
                                customers.stream().map(CustomerContact::id).toList()),
                rs -> {
                    found.put(
                            rs.getLong("campaign_id") + ":" + rs.getLong("customer_id"),
                            new Recipient(
                                    rs.getLong("id"),
                                    RecipientStatus.valueOf(rs.getString("status")),
                                    CampaignService.utc(rs, "answered_at")));
                });
        return found;
    }

    // ---- apply ----

    @Override
    @PreAuthorize(Roles.HAS_STAFF)
    public void apply(List<ImportRow> rows, ImportContext context, ChangeLog log) {
        Instant now = clock.instant();
        String who = currentUser();
        Map<Long, List<SurveyForm.Question>> locked = new HashMap<>();
        Set<Long> checked = new HashSet<>();
        for (ImportRow row : rows) {
            if (row.action() != ImportAction.CREATE) {
                continue;
            }
            Planned p = (Planned) row.state();
            long campaignId = p.target().campaignId();
            if (checked.add(campaignId)) {
                // held until the import commits: a manager's close waits for it, and one that came first is seen
                stillOpen(campaignId, now);
            }
            List<SurveyForm.Question> qs = locked.computeIfAbsent(p.target().surveyId(), recorder::lockQuestions);
            if (p.before() != RecipientStatus.PENDING) {
                log.updated(
                        -p.target().recipientId(), Map.of("status", p.before().name()));
            }
            long id = recorder.record(
                    p.target(), qs, p.answers(), who, ANSWERABLE, p.answeredAt() == null ? now : p.answeredAt());
            row.setTargetId(id);
            log.created(id);
        }
    }

    private void stillOpen(long campaignId, Instant now) {
        List<Campaign> rows = jdbc.query(
                """
                SELECT id, name, survey_id, channel, status, opens_at, closes_at FROM survey_campaign
                WHERE id = :id LOCK IN SHARE MODE""",
                Map.of("id", campaignId),
                (rs, i) -> new Campaign(
                        rs.getLong("id"),
                        rs.getString("name"),
                        rs.getLong("survey_id"),
                        CampaignChannel.valueOf(rs.getString("channel")),
                        CampaignStatus.valueOf(rs.getString("status")),
                        CampaignService.utc(rs, "opens_at"),
                        CampaignService.utc(rs, "closes_at")));
        Refusal closed = rows.isEmpty()
                ? new Refusal("survey.import.error.unknown-campaign", CampaignCodes.of(campaignId))
                : closed(rows.getFirst(), now);
        if (closed != null) {
            throw new KeyuanException(closed.messageKey(), closed.args());
        }
    }

    // ---- undo ----

    /**
     * Newest first: an imported response goes with its answers and with the complaint it opened unless someone
     * worked on that complaint since (a change or a comment), and its recipient is not answered again; a
     * recipient's earlier status (no answer, refused) comes back once its response is gone.
     */
    @Override
    @PreAuthorize(Roles.HAS_MANAGER)
    public UndoCounts undo(List<RecordedChange> changes, boolean preview) {
        int removed = 0;
        int kept = 0;
        for (RecordedChange change : changes) {
            if (change.targetId() < 0) {
                restoreRecipient(-change.targetId(), change.before().get("status"), preview);
                continue;
            }
            long responseId = change.targetId();
            List<Map<String, Object>> response = jdbc.queryForList(
                    "SELECT recipient_id FROM survey_response WHERE id = :id", Map.of("id", responseId));
            if (response.isEmpty()) {
                continue; // gone already
            }
            List<Map<String, Object>> complaint = jdbc.queryForList("""
                    SELECT f.id, f.version, (SELECT COUNT(*) FROM feedback_history h
                                             WHERE h.feedback_id = f.id AND h.change_kind <> 'CREATED') AS worked
                    FROM feedback f WHERE f.response_id = :id""", Map.of("id", responseId));
            boolean untouched = complaint.isEmpty()
                    || (((Number) complaint.getFirst().get("version")).longValue() == 0
                            && ((Number) complaint.getFirst().get("worked")).longValue() == 0);
            if (!untouched) {
                kept++;
                continue;
            }
            if (preview) {
                removed++;
                continue;
            }
            if (!complaint.isEmpty()) {
                int gone = jdbc.update("""
                        DELETE FROM feedback WHERE id = :id AND version = 0 AND NOT EXISTS
                        (SELECT 1 FROM feedback_history h WHERE h.feedback_id = :id AND h.change_kind <> 'CREATED')""", Map.of("id", complaint.getFirst().get("id")));
                if (gone == 0) {
                    kept++; // worked on this very moment
                    continue;
                }
            }
            jdbc.update("DELETE FROM survey_response WHERE id = :id", Map.of("id", responseId));
            Object recipient = response.getFirst().get("recipient_id");
            if (recipient != null) {
                jdbc.update(
                        "UPDATE survey_recipient SET status = 'PENDING', answered_at = NULL"
                                + " WHERE id = :id AND status = 'ANSWERED'",
                        Map.of("id", ((Number) recipient).longValue()));
            }
            removed++;
        }
        return new UndoCounts(removed, 0, 0, kept);
    }

    /** A recipient who had no answer or refused gets that status back once its imported response is gone. */
    private void restoreRecipient(long recipientId, String status, boolean preview) {
        if (preview || status == null) {
            return;
        }
        jdbc.update(
                """
                UPDATE survey_recipient SET status = :status WHERE id = :id AND status = 'PENDING'
                AND NOT EXISTS (SELECT 1 FROM survey_response r WHERE r.recipient_id = :id)""",
                new MapSqlParameterSource(
                                "status", RecipientStatus.valueOf(status).name())
                        .addValue("id", recipientId));
    }

    // ---- helpers ----

    /** How campaign names, codes, options and headers compare: NFKC, trimmed, no case. */
    static String lookup(String text) {
        if (text == null) {
            return "";
        }
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    private static String narrow(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }

    private static String currentUser() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
