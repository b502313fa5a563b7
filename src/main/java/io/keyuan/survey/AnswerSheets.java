package io.keyuan.survey;

import io.keyuan.customer.CustomerContact;
import io.keyuan.customer.CustomerContacts;
import io.keyuan.exchange.ColumnType;
import io.keyuan.exchange.ExchangeService;
import io.keyuan.exchange.SheetColumn;
import io.keyuan.exchange.SheetSchema;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.i18n.KeyuanI18NProvider;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A campaign's answer sheet: the workbook staff fill in with answers collected on paper or by phone and import
 * back as {@code survey-responses} ({@link ResponseImporter}) unchanged. Its first tab has one row per recipient
 * who has not answered — the campaign's code and the customer's code filled in, name and phone to find them by, an
 * empty answer time and one column per question headed by its number and text ({@code Q1* 您向朋友推荐我们的可能性有多大？
 * (0–10)}, * for required); a second tab says what each question takes. Written through the exchange module,
 * a page of recipients at a time.
 */
@Service
public class AnswerSheets {
    static final int PAGE = 500;

    private final NamedParameterJdbcTemplate jdbc;
    private final ExchangeService exchange;
    private final CustomerContacts contacts;
    private final SurveyQuestions questions;
    private final KeyuanI18NProvider i18n;

    AnswerSheets(
            NamedParameterJdbcTemplate jdbc,
            ExchangeService exchange,
            CustomerContacts contacts,
            SurveyQuestions questions,
            KeyuanI18NProvider i18n) {
        this.jdbc = jdbc;
        this.exchange = exchange;
        this.contacts = contacts;
        this.questions = questions;
        this.i18n = i18n;
    }

    /** How many rows the campaign's answer sheet has: its recipients who have not answered. */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long rows(long campaignId) {
        Long n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_recipient WHERE campaign_id = :campaign AND status <> 'ANSWERED'",
                Map.of("campaign", campaignId),
                Long.class);
        return n == null ? 0 : n;
    }

    /**
     * Writes the campaign's answer sheet, headers and notes in {@code locale}; reports rows written a page at a time
     * and stops with a {@link CancellationException} once {@code cancelled}. Returns the rows written.
     */
    @PreAuthorize(Roles.HAS_STAFF)
    @Transactional(readOnly = true)
    public long write(
            long campaignId, Locale locale, OutputStream out, LongConsumer progress, BooleanSupplier cancelled) {
        Locale lang = KeyuanI18NProvider.supported(locale);
        List<Map<String, Object>> found =
                jdbc.queryForList("SELECT id, survey_id FROM survey_campaign WHERE id = :id", Map.of("id", campaignId));
        if (found.isEmpty()) {
            throw new NotFoundException("survey-campaign", campaignId);
        }
        long surveyId = ((Number) found.getFirst().get("survey_id")).longValue();
        List<SurveyForm.Question> qs = questions.load(surveyId);
        String code = CampaignCodes.of(campaignId);
        SheetSchema answers = answerSchema(qs, lang);
        SheetSchema notes = notesSchema(lang);
        int width = answers.columns().size();
        long[] written = {0};
        exchange.writeAll(
                List.of(
                        new ExchangeService.SheetPart(answers, sink -> {
                            long after = 0;
                            while (true) {
                                if (cancelled.getAsBoolean()) {
                                    throw new CancellationException("answer sheet cancelled");
                                }
                                List<long[]> page = jdbc.query(
                                        """
                                        SELECT id, customer_id FROM survey_recipient
                                        WHERE campaign_id = :campaign AND status <> 'ANSWERED' AND id > :after
                                        ORDER BY id LIMIT :limit""",
                                        new MapSqlParameterSource("campaign", campaignId)
                                                .addValue("after", after)
                                                .addValue("limit", PAGE),
                                        (rs, i) -> new long[] {rs.getLong("id"), rs.getLong("customer_id")});
                                if (page.isEmpty()) {
                                    break;
                                }
                                Map<Long, CustomerContact> who = contacts.byIds(
                                        page.stream().map(r -> r[1]).toList());
                                for (long[] r : page) {
                                    CustomerContact c = who.get(r[1]);
                                    if (c == null) {
                                        continue; // a customer deleted since the campaign was sent
                                    }
                                    Object[] row = new Object[width];
                                    row[0] = code;
                                    row[1] = c.code();
                                    row[2] = c.name();
                                    row[3] = c.phone();
                                    sink.accept(row);
                                    written[0]++;
                                }
                                after = page.getLast()[0];
                                progress.accept(written[0]);
                            }
                        }),
                        new ExchangeService.SheetPart(
                                notes, sink -> notes(qs, lang).forEach(sink))),
                lang,
                out);
        return written[0];
    }

    /** The answers tab: the importer's campaign and customer columns, name and phone, answer time, the questions. */
    private SheetSchema answerSchema(List<SurveyForm.Question> qs, Locale lang) {
        SheetSchema schema = ResponseImporter.SCHEMA;
        List<SheetColumn> columns = new ArrayList<>();
        columns.add(schema.column("campaign"));
        columns.add(schema.column("customer"));
        columns.add(text("name", t("survey.sheet.customer-name", lang)));
        columns.add(text("phone", t("survey.sheet.phone", lang)));
        columns.add(schema.column("answeredAt"));
        for (int i = 0; i < qs.size(); i++) {
            columns.add(text(ResponseImporter.key(i + 1), header(i + 1, qs.get(i), lang)));
        }
        return new SheetSchema(t("survey.sheet.answers-tab", lang), columns, List.of());
    }

    /** A question's header: its number (with * when required), its text, and what it takes in brackets. */
    String header(int position, SurveyForm.Question q, Locale lang) {
        String hint = switch (q.kind()) {
            case NPS, CSAT, CES -> q.kind().min() + "–" + q.kind().max();
            case SINGLE_CHOICE -> t("survey.sheet.hint.single", lang);
            case MULTIPLE_CHOICE -> t("survey.sheet.hint.multiple", lang);
            case FREE_TEXT -> null;
        };
        return "Q" + position + (q.required() ? "*" : "") + " " + q.text().in(lang)
                + (hint == null ? "" : " (" + hint + ")");
    }

    private SheetSchema notesSchema(Locale lang) {
        return new SheetSchema(
                t("survey.sheet.notes-tab", lang),
                List.of(
                        text("question", t("survey.sheet.notes.question", lang)),
                        text("text", t("survey.sheet.notes.text", lang)),
                        text("kind", t("survey.sheet.notes.kind", lang)),
                        text("required", t("survey.sheet.notes.required", lang)),
                        text("takes", t("survey.sheet.notes.takes", lang))),
                List.of());
    }

    /** One row per question saying what its cells take, then how the sheet is filled and imported. */
    private List<Object[]> notes(List<SurveyForm.Question> qs, Locale lang) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < qs.size(); i++) {
            SurveyForm.Question q = qs.get(i);
            String takes = switch (q.kind()) {
                case NPS, CSAT, CES ->
                    t("survey.sheet.takes.score", lang, q.kind().min(), q.kind().max());
                case SINGLE_CHOICE -> t("survey.sheet.takes.single", lang, options(q, lang));
                case MULTIPLE_CHOICE -> t("survey.sheet.takes.multiple", lang, options(q, lang));
                case FREE_TEXT -> t("survey.sheet.takes.text", lang, ResponseRecorder.MAX_TEXT);
            };
            rows.add(new Object[] {
                "Q" + (i + 1),
                q.text().in(lang),
                t("enum.QuestionKind." + q.kind().name(), lang),
                t(q.required() ? "import.value.yes" : "import.value.no", lang),
                takes
            });
        }
        rows.add(new Object[] {null});
        for (String key : List.of("survey.sheet.how.rows", "survey.sheet.how.time", "survey.sheet.how.import")) {
            rows.add(new Object[] {t(key, lang)});
        }
        return rows;
    }

    private static String options(SurveyForm.Question q, Locale lang) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < q.options().size(); i++) {
            all.add((i + 1) + " " + q.options().get(i).text().in(lang));
        }
        return String.join("; ", all);
    }

    private static SheetColumn text(String key, String header) {
        return SheetColumn.of(key, header, header, header, ColumnType.TEXT, false, 32_767);
    }

    private String t(String key, Locale lang, Object... args) {
        return i18n.getTranslation(key, lang, args);
    }
}
