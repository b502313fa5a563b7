package io.keyuan.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static testsupport.sheets.ExcelSheets.row;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.channel.AcquisitionMethod;
import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.exchange.ImportAction;
import io.keyuan.exchange.ImportContext;
import io.keyuan.exchange.ImportListener;
import io.keyuan.exchange.ImportMode;
import io.keyuan.exchange.ImportPreview;
import io.keyuan.exchange.ImportReport;
import io.keyuan.exchange.ImportService;
import io.keyuan.exchange.ImportStatus;
import io.keyuan.exchange.RowError;
import io.keyuan.exchange.UndoCounts;
import io.keyuan.exchange.WorkbookRows;
import io.keyuan.shared.BusinessTime;
import io.keyuan.shared.SystemActor;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import testsupport.sheets.ExcelSheets;

/**
 * Survey responses imported from sheets as people fill them in Excel: through the recorder phone and online answers
 * take (scores, respondent, recipient, detractor complaint), with a dry run, errors on their cells, skips of those
 * who answered, refusal of campaigns that take no answers, undo, and the campaign's answer sheet round trip.
 */
@KeyuanIntegrationTest
@WithMockUser(
        username = "response-import-staff",
        roles = {"STAFF"})
class ResponseImportTests {
    private static final String SCHEMA = ResponseImporter.NAME;
    private static final List<String> HEADERS_ZH_CN =
            List.of("调查活动", "客户编号", "答卷时间", "第1题", "第2题", "3. 您从哪里知道我们？", "您买过哪些？", "Anything else?");

    @Autowired
    ImportService imports;

    @Autowired
    CustomerService customers;

    @Autowired
    ResponseService responses;

    @Autowired
    SurveyResultsService results;

    @Autowired
    FeedbackService feedback;

    @Autowired
    AnswerSheets answerSheets;

    @Autowired
    ResponseImporter importer;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcTemplate jdbc;

    @TempDir
    Path dir;

    private TestSurveys t;

    @BeforeEach
    void helpers() {
        t = TestSurveys.from(context);
    }

    // ---- helpers ----

    private List<Customer> customers(int n) {
        String u = TestData.unique();
        List<Customer> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            made.add(TestCustomers.create(
                    customers, "RI" + u + i, "答卷人" + i + u, c -> c.setAcquisitionMethod(AcquisitionMethod.REFERRAL)));
        }
        return made;
    }

    private TestSurveys.Sent campaign(CampaignChannel channel, List<Customer> to) {
        SurveyDetail survey = t.activeSurvey();
        return t.send(t.draft(
                survey.id(), channel, null, to.stream().map(Customer::getId).toList()));
    }

    /** A workbook as Excel saves one: an instructions tab first, the data tab active, 17-digit numbers. */
    private Path excel(List<String> headers, List<?>... rows) {
        return ExcelSheets.excel()
                .sheet("填写说明", row("请在“答卷”表中填写，每行一位受访者"), row("第1题必答"))
                .dataSheet("答卷", headers, rows)
                .active(1)
                .write(dir.resolve("responses-" + TestData.unique() + ".xlsx"));
    }

    private ImportPreview inspect(Path file) {
        return imports.inspect(SCHEMA, file.toFile(), file.getFileName().toString());
    }

    private ImportReport commit(Path file, ImportMode mode) {
        ImportPreview p = inspect(file);
        return imports.commit(
                p.request(SCHEMA, file.toFile(), file.getFileName().toString(), Locale.SIMPLIFIED_CHINESE),
                mode,
                ImportListener.NONE);
    }

    private ImportReport dryRun(Path file) {
        ImportPreview p = inspect(file);
        return imports.dryRun(
                p.request(SCHEMA, file.toFile(), file.getFileName().toString(), Locale.SIMPLIFIED_CHINESE),
                ImportListener.NONE);
    }

    private long responseOf(TestSurveys.Sent sent, Customer c) {
        return jdbc.queryForObject(
                "SELECT id FROM survey_response WHERE campaign_id = ? AND customer_id = ?",
                Long.class,
                sent.campaign().id(),
                c.getId());
    }

    private long responsesOf(TestSurveys.Sent sent) {
        return jdbc.queryForObject(
                "SELECT COUNT(*) FROM survey_response WHERE campaign_id = ?",
                Long.class,
                sent.campaign().id());
    }

    private String statusOf(TestSurveys.Sent sent, Customer c) {
        return jdbc.queryForObject(
                "SELECT status FROM survey_recipient WHERE campaign_id = ? AND customer_id = ?",
                String.class,
                sent.campaign().id(),
                c.getId());
    }

    private long recipientOf(TestSurveys.Sent sent, Customer c) {
        return jdbc.queryForObject(
                "SELECT id FROM survey_recipient WHERE campaign_id = ? AND customer_id = ?",
                Long.class,
                sent.campaign().id(),
                c.getId());
    }

    private FeedbackDetail awaitComplaint(long responseId) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Optional<FeedbackDetail> f = SystemActor.call(() -> feedback.ofResponse(responseId));
            if (f.isPresent()) {
                return f.get();
            }
            if (System.nanoTime() > until) {
                throw new AssertionError("no complaint for response " + responseId);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static List<String> located(ImportReport r) {
        return r.errors().stream()
                .map(e -> e.rowNumber() + " " + e.cell() + " " + e.messageKey())
                .toList();
    }

    private static LocalDateTime minutesAgo(int minutes) {
        return LocalDateTime.now(BusinessTime.ZONE).minusMinutes(minutes).truncatedTo(ChronoUnit.MINUTES);
    }

    // ---- tests ----

    @Test
    void a_sheet_written_like_excel_imports_with_the_right_nps_through_the_recorder_phone_answers_take()
            throws Exception {
        List<Customer> who = customers(4);
        TestSurveys.Sent sent = campaign(CampaignChannel.PHONE, who);
        CampaignDetail c = sent.campaign();
        LocalDateTime at = minutesAgo(30);
        Path file = excel(
                HEADERS_ZH_CN,
                // 9 and 4 as Excel stores them; an English option text; two options with 、; markup as text
                row(
                        c.code(),
                        who.get(0).getCode(),
                        at,
                        8.999999999999998,
                        4.000000000000001,
                        "A friend",
                        "甲、丙",
                        "<b>好</b>"),
                // by its name, no time (the import's), a detractor, options by number
                row(c.name(), who.get(1).getCode(), null, 3, null, 2, "2;3", null),
                row(c.code().toLowerCase(Locale.ROOT), who.get(2).getCode(), null, 10.0, 5, "朋友", "乙", "  "));
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String xml = new String(
                    zip.getInputStream(zip.getEntry("xl/worksheets/sheet2.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(xml).contains("<v>8.9999999999999982</v>").contains("<v>4.0000000000000009</v>");
        }
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        ImportPreview preview = inspect(file);
        assertThat(preview.sheet().name()).isEqualTo("答卷");
        assertThat(preview.mapping())
                .containsExactly("campaign", "customer", "answeredAt", "q1", "q2", "q3", "q4", "q5");
        ImportReport r = commit(file, ImportMode.ALL_OR_NOTHING);

        assertThat(r.errors()).isEmpty();
        assertThat(r.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(r.created()).isEqualTo(3);
        Scores scores = SystemActor.call(
                        () -> results.overview(ResultFilter.all().withCampaign(c.id())))
                .scores();
        assertThat(scores.npsAnswers()).isEqualTo(3);
        assertThat(scores.promoters()).isEqualTo(2);
        assertThat(scores.detractors()).isEqualTo(1);
        assertThat(scores.nps()).isEqualByComparingTo("33.3");
        assertThat(scores.csatAnswers()).isEqualTo(2);

        long a = responseOf(sent, who.get(0));
        List<AnswerView> answers = responses.answers(a);
        assertThat(answers.get(0).score()).isEqualTo(9);
        assertThat(answers.get(1).score()).isEqualTo(4);
        assertThat(answers.get(2).options()).extracting(LocalizedText::zhCn).containsExactly("朋友");
        assertThat(answers.get(3).options()).extracting(LocalizedText::zhCn).containsExactly("甲", "丙");
        assertThat(answers.get(4).text()).isEqualTo("<b>好</b>");
        assertThat(jdbc.queryForObject("SELECT answered_at FROM survey_response WHERE id = ?", LocalDateTime.class, a))
                .isEqualTo(LocalDateTime.ofInstant(at.atZone(BusinessTime.ZONE).toInstant(), ZoneOffset.UTC));
        long b = responseOf(sent, who.get(1));
        assertThat(responses.answers(b).get(2).options())
                .extracting(LocalizedText::zhCn)
                .containsExactly("广告");
        assertThat(responses.answers(b).get(3).options())
                .extracting(LocalizedText::zhCn)
                .containsExactly("乙", "丙");
        Instant bAt = jdbc.queryForObject(
                        "SELECT answered_at FROM survey_response WHERE id = ?", LocalDateTime.class, b)
                .toInstant(ZoneOffset.UTC);
        assertThat(bAt).as("no time given: the import's").isBetween(before, Instant.now());

        // the rest as a phone answer: the same snapshot, recipient status and complaint
        SurveyForm form = responses.campaignForm(c.id());
        long phone = responses.recordPhone(
                recipientOf(sent, who.get(3)),
                List.of(AnswerInput.score(form.questions().getFirst().id(), 2)));
        assertThat(jdbc.queryForList("""
                        SELECT r.channel, r.entered_by, r.nps_score, r.csat_score,
                               r.acquisition_method <=> cu.acquisition_method AS same_method,
                               r.source_channel_id <=> cu.source_channel_id AS same_channel, rc.status,
                               rc.answered_at = r.answered_at AS same_time
                        FROM survey_response r JOIN customer cu ON cu.id = r.customer_id
                        JOIN survey_recipient rc ON rc.id = r.recipient_id
                        WHERE r.campaign_id = ? ORDER BY r.id""", c.id()))
                .extracting(m -> m.get("channel") + " " + m.get("entered_by") + " " + m.get("nps_score") + " "
                        + m.get("csat_score") + " " + m.get("same_method") + " " + m.get("same_channel") + " "
                        + m.get("status") + " " + m.get("same_time"))
                .containsExactly(
                        "PHONE response-import-staff 9 4 1 1 ANSWERED 1",
                        "PHONE response-import-staff 3 null 1 1 ANSWERED 1",
                        "PHONE response-import-staff 10 5 1 1 ANSWERED 1",
                        "PHONE response-import-staff 2 null 1 1 ANSWERED 1");
        assertThat(jdbc.queryForObject("SELECT acquisition_method FROM survey_response WHERE id = ?", String.class, a))
                .isEqualTo("REFERRAL");
        FeedbackDetail imported = awaitComplaint(b);
        FeedbackDetail phoned = awaitComplaint(phone);
        assertThat(imported.kind()).isEqualTo(phoned.kind()).isEqualTo(FeedbackKind.COMPLAINT);
        assertThat(imported.status()).isEqualTo(phoned.status()).isEqualTo(FeedbackStatus.OPEN);
        assertThat(imported.severity()).isEqualTo(phoned.severity()).isEqualTo(FeedbackSeverity.HIGH);
        assertThat(imported.customerId()).isEqualTo(who.get(1).getId());
        assertThat(imported.description()).contains("NPS 3");
        assertThat(SystemActor.call(() -> feedback.ofResponse(a)))
                .as("a promoter opens nothing")
                .isEmpty();
    }

    @Test
    void a_dry_run_writes_nothing_and_says_what_each_row_would_do() {
        List<Customer> who = customers(3);
        TestSurveys.Sent sent = campaign(CampaignChannel.ONLINE, who);
        CampaignDetail c = sent.campaign();
        SurveyForm form = responses.campaignForm(c.id());
        TestSurveys.forgetRateLimits(context);
        context.getBean(PublicAnswerService.class)
                .submit(
                        sent.tokens().get(2),
                        "127.0.0.1",
                        List.of(AnswerInput.score(form.questions().getFirst().id(), 7)));
        long jobs = jdbc.queryForObject("SELECT COUNT(*) FROM import_job", Long.class);
        Path file = excel(
                List.of("调查活动", "客户编号", "第1题"),
                row(c.code(), who.get(0).getCode(), 6),
                row(c.code(), who.get(1).getCode(), 12),
                row(c.code(), who.get(2).getCode(), 9));

        ImportReport dry = dryRun(file);

        assertThat(dry.status()).isEqualTo(ImportStatus.DRY_RUN);
        assertThat(dry.created()).isEqualTo(1);
        assertThat(dry.errorRows()).isEqualTo(1);
        assertThat(dry.unchanged()).as("answered online already: skipped").isEqualTo(1);
        assertThat(dry.outcomes().action(0)).isEqualTo(ImportAction.CREATE);
        assertThat(dry.outcomes().action(1)).isEqualTo(ImportAction.ERROR);
        assertThat(dry.outcomes().action(2)).isEqualTo(ImportAction.UNCHANGED);
        assertThat(dry.outcomes().warnings(2)).singleElement().satisfies(w -> {
            assertThat(w.messageKey()).isEqualTo("survey.import.skip.answered");
            assertThat(w.cell()).isEqualTo("B4");
        });
        assertThat(located(dry)).containsExactly("3 C3 survey.import.error.score-range");
        assertThat(responsesOf(sent)).isEqualTo(1);
        assertThat(statusOf(sent, who.get(0))).isEqualTo("PENDING");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM import_job", Long.class))
                .isEqualTo(jobs);
    }

    @Test
    void each_bad_row_is_an_error_on_its_cell_naming_the_question_and_all_or_nothing_writes_none() {
        List<Customer> who = customers(7);
        List<Customer> recipients = who.subList(0, 6);
        TestSurveys.Sent sent = campaign(CampaignChannel.PHONE, recipients);
        CampaignDetail c = sent.campaign();
        Customer outsider = who.get(6);
        Path file = excel(
                List.of("活动编号", "客户编号", "第1题", "第2题", "第3题", "第4题", "第5题"),
                row(c.code(), who.get(0).getCode(), 11, null, null, null, null),
                row(c.code(), who.get(1).getCode(), null, 3, null, null, null),
                row(c.code(), who.get(2).getCode(), 8, 2.5, "邮件", null, null),
                row(c.code(), who.get(3).getCode(), 8, null, "朋友、广告", "甲", null),
                row(c.code(), outsider.getCode(), 8, null, null, null, null),
                row(c.code(), "NO-SUCH-" + TestData.unique(), 8, null, null, null, null),
                row(c.code(), who.get(4).getCode(), "九", null, null, null, null),
                row(c.code(), who.get(5).getCode(), 7, 4, 1, "1、3", "ok"));

        ImportReport r = commit(file, ImportMode.ALL_OR_NOTHING);

        assertThat(r.status()).isEqualTo(ImportStatus.REFUSED);
        assertThat(located(r))
                .containsExactlyInAnyOrder(
                        "2 C2 survey.import.error.score-range",
                        "3 C3 survey.import.error.required",
                        "4 D4 survey.import.error.score-not-whole",
                        "4 E4 survey.import.error.unknown-option",
                        "5 E5 survey.import.error.one-choice",
                        "6 B6 survey.import.error.not-recipient",
                        "7 B7 survey.import.error.unknown-customer",
                        "8 C8 survey.import.error.score-not-number");
        RowError range =
                r.errors().stream().filter(e -> e.rowNumber() == 2).findFirst().orElseThrow();
        assertThat(range.args()).containsExactly(1, "11", 0, 10);
        assertThat(responsesOf(sent)).isZero();

        ImportReport skipping = commit(file, ImportMode.SKIP_BAD);
        assertThat(skipping.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(skipping.created()).isEqualTo(1);
        assertThat(responsesOf(sent)).isEqualTo(1);
        assertThat(responses.answers(responseOf(sent, who.get(5))).get(3).options())
                .extracting(LocalizedText::zhCn)
                .containsExactly("甲", "丙");
    }

    @Test
    void a_required_question_without_its_column_and_answers_beyond_the_survey_are_errors() {
        List<Customer> who = customers(1);
        TestSurveys.Sent sent = campaign(CampaignChannel.PHONE, who);
        String code = sent.campaign().code();
        Path noNps =
                excel(List.of("调查活动", "客户编号", "第2题"), row(code, who.getFirst().getCode(), 4));
        Path beyond = excel(
                List.of("调查活动", "客户编号", "Q1", "Q9"), row(code, who.getFirst().getCode(), 9, 1));

        assertThat(located(dryRun(noNps))).containsExactly("2 null survey.import.error.question-missing");
        assertThat(located(dryRun(beyond))).containsExactly("2 D2 survey.import.error.no-such-question");
    }

    @Test
    void every_row_of_a_closed_campaign_or_one_outside_its_period_is_refused_with_the_reason() {
        List<Customer> who = customers(3);
        TestSurveys.Sent closed = campaign(CampaignChannel.PHONE, who.subList(0, 2));
        SystemActor.call(() ->
                t.campaigns.close(closed.campaign().id(), closed.campaign().version()));
        SurveyDetail survey = t.activeSurvey();
        Instant now = Instant.now();
        CampaignDraft later = new CampaignDraft(
                null,
                0,
                "下周活动 " + TestData.unique(),
                survey.id(),
                CampaignChannel.PHONE,
                null,
                List.of(who.get(2).getId()),
                now.plus(7, ChronoUnit.DAYS),
                now.plus(14, ChronoUnit.DAYS));
        TestSurveys.Sent notYet = t.send(later);
        Path file = excel(
                List.of("调查活动", "客户编号", "第1题"),
                row(closed.campaign().code(), who.get(0).getCode(), 9),
                row(closed.campaign().name(), who.get(1).getCode(), 9),
                row(notYet.campaign().code(), who.get(2).getCode(), 9));

        ImportReport r = commit(file, ImportMode.SKIP_BAD);

        assertThat(located(r))
                .containsExactly(
                        "2 A2 survey.import.error.campaign-closed",
                        "3 A3 survey.import.error.campaign-closed",
                        "4 A4 survey.import.error.campaign-not-open-yet");
        assertThat(r.errors().getFirst().args())
                .containsExactly(closed.campaign().name());
        assertThat(r.created()).isZero();
        assertThat(responsesOf(closed) + responsesOf(notYet)).isZero();
    }

    @Test
    void a_name_several_campaigns_share_or_none_has_is_an_error_asking_for_the_code() {
        List<Customer> who = customers(2);
        TestSurveys.Sent first = campaign(CampaignChannel.PHONE, who);
        SurveyDetail survey = t.activeSurvey();
        CampaignDraft same = t.draft(
                survey.id(), CampaignChannel.PHONE, null, List.of(who.get(0).getId()));
        same = new CampaignDraft(
                null,
                0,
                first.campaign().name(),
                survey.id(),
                same.channel(),
                null,
                same.customerIds(),
                same.opensAt(),
                same.closesAt());
        TestSurveys.Sent second = t.send(same);
        Path file = excel(
                List.of("调查活动", "客户编号", "第1题"),
                row(first.campaign().name(), who.get(0).getCode(), 9),
                row("没有这个活动" + TestData.unique(), who.get(1).getCode(), 9));

        ImportReport r = dryRun(file);

        assertThat(located(r))
                .containsExactly(
                        "2 A2 survey.import.error.campaign-ambiguous", "3 A3 survey.import.error.unknown-campaign");
        assertThat(r.errors().getFirst().args()[1].toString())
                .contains(first.campaign().code())
                .contains(second.campaign().code());
    }

    @Test
    void importing_the_same_sheet_again_skips_every_recipient_who_answered() {
        List<Customer> who = customers(2);
        TestSurveys.Sent sent = campaign(CampaignChannel.EMAIL, who);
        String code = sent.campaign().code();
        Path file = excel(
                List.of("调查活动", "客户编号", "第1题"),
                row(code, who.get(0).getCode(), 9),
                row(code, who.get(1).getCode(), 8));
        assertThat(commit(file, ImportMode.ALL_OR_NOTHING).created()).isEqualTo(2);

        ImportReport again = commit(file, ImportMode.ALL_OR_NOTHING);

        assertThat(again.status()).isEqualTo(ImportStatus.COMMITTED);
        assertThat(again.created()).isZero();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(again.warningRows()).isEqualTo(2);
        assertThat(again.outcomes().warnings(0))
                .extracting(RowError::messageKey)
                .containsExactly("survey.import.skip.answered");
        assertThat(responsesOf(sent)).isEqualTo(2);
        // named twice in one file: the second row is an error, whatever names the campaign
        List<Customer> more = customers(1);
        TestSurveys.Sent other = campaign(CampaignChannel.PHONE, more);
        Path twice = excel(
                List.of("调查活动", "客户编号", "第1题"),
                row(other.campaign().code(), more.getFirst().getCode(), 9),
                row(other.campaign().name(), more.getFirst().getCode(), 8));
        assertThat(located(dryRun(twice))).containsExactly("3 B3 survey.import.error.twice-in-file");
    }

    @Test
    void undo_removes_the_imported_responses_and_untouched_complaints_and_keeps_a_complaint_staff_worked_on() {
        List<Customer> who = customers(4);
        TestSurveys.Sent sent = campaign(CampaignChannel.PHONE, who);
        CampaignDetail c = sent.campaign();
        responses.markCall(recipientOf(sent, who.get(1)), RecipientStatus.NO_ANSWER);
        responses.markCall(recipientOf(sent, who.get(2)), RecipientStatus.REFUSED);
        Path file = excel(
                List.of("调查活动", "客户编号", "第1题"),
                row(c.code(), who.get(0).getCode(), 10),
                row(c.code(), who.get(1).getCode(), 1),
                row(c.code(), who.get(2).getCode(), 5));
        ImportReport r = commit(file, ImportMode.ALL_OR_NOTHING);
        assertThat(r.created()).isEqualTo(3);
        assertThat(statusOf(sent, who.get(2))).isEqualTo("ANSWERED");
        long worked = responseOf(sent, who.get(2));
        FeedbackDetail untouched = awaitComplaint(responseOf(sent, who.get(1)));
        FeedbackDetail commented = awaitComplaint(worked);
        feedback.comment(commented.id(), "已电话联系，客户同意回访");
        // a later phone answer is work of its own: undo leaves it alone
        SurveyForm form = responses.campaignForm(c.id());
        long phone = responses.recordPhone(
                recipientOf(sent, who.get(3)),
                List.of(AnswerInput.score(form.questions().getFirst().id(), 8)));

        UndoCounts preview = SystemActor.call(() -> imports.undoPreview(r.jobId()));
        assertThat(preview.removed()).isEqualTo(2);
        assertThat(preview.keptInUse()).isEqualTo(1);
        assertThat(responsesOf(sent)).as("the preview changes nothing").isEqualTo(4);
        assertThatThrownBy(() -> imports.undo(r.jobId()))
                .as("staff import, managers undo")
                .isInstanceOf(AccessDeniedException.class);
        ImportService.UndoReport undone = SystemActor.call(() -> imports.undo(r.jobId()));

        assertThat(undone.counts().removed()).isEqualTo(2);
        assertThat(undone.kept()).isEqualTo(1);
        assertThat(statusOf(sent, who.get(0))).isEqualTo("PENDING");
        assertThat(statusOf(sent, who.get(1)))
                .as("its status before the import")
                .isEqualTo("NO_ANSWER");
        assertThat(jdbc.queryForObject(
                        "SELECT answered_at FROM survey_recipient WHERE id = ?",
                        LocalDateTime.class,
                        recipientOf(sent, who.get(0))))
                .isNull();
        assertThat(SystemActor.call(() -> feedback.ofResponse(untouched.responseId())))
                .isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM feedback WHERE id = ?", Long.class, untouched.id()))
                .isZero();
        assertThat(SystemActor.call(() -> feedback.ofResponse(worked)))
                .as("a complaint someone worked on stays, with its response")
                .isPresent();
        assertThat(statusOf(sent, who.get(2))).isEqualTo("ANSWERED");
        assertThat(jdbc.queryForList(
                        "SELECT id FROM survey_response WHERE campaign_id = ? ORDER BY id", Long.class, c.id()))
                .containsExactly(worked, phone);
        Scores scores = SystemActor.call(
                        () -> results.overview(ResultFilter.all().withCampaign(c.id())))
                .scores();
        assertThat(scores.npsAnswers()).isEqualTo(2);
        // the sheet imports again: the removed ones answer anew, the kept one is skipped
        ImportReport again = commit(file, ImportMode.ALL_OR_NOTHING);
        assertThat(again.created()).isEqualTo(2);
        assertThat(again.unchanged()).isEqualTo(1);
    }

    @Test
    void question_columns_are_found_by_number_or_by_their_text_in_any_language() {
        List<Customer> who = customers(1);
        TestSurveys.Sent sent = campaign(CampaignChannel.PHONE, who);
        Path file = excel(
                List.of(
                        "Campaign",
                        "客戶編號",
                        "您向朋友推薦我們的可能性有多大？",
                        "Q2 (1–5)",
                        "3、您从哪里知道我们",
                        "您买过哪些",
                        "anything else",
                        "备注"),
                row(sent.campaign().code(), who.getFirst().getCode(), 9, 5, "广告", "甲", "no", "x"));

        ImportPreview p = inspect(file);

        assertThat(p.mapping()).containsExactly("campaign", "customer", "q1", "q2", "q3", "q4", "q5", null);
        assertThat(commit(file, ImportMode.ALL_OR_NOTHING).created()).isEqualTo(1);
        assertThat(ResponseImporter.position("第12题 满意度")).isEqualTo(12);
        assertThat(ResponseImporter.position("Question 7")).isEqualTo(7);
        assertThat(ResponseImporter.position("QQ号")).isNull();
        assertThat(ResponseImporter.position("2024年")).isNull();
    }

    @Test
    void staff_see_and_may_run_the_response_import() {
        assertThat(imports.importers()).extracting(i -> i.schema().name()).contains(SCHEMA);
        assertThat(importer.requiredRole()).isEqualTo("STAFF");
        importer.plan(List.of(), CONTEXT);
        importer.apply(List.of(), CONTEXT, null);
        assertThatThrownBy(() -> importer.undo(List.of(), true)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    @WithAnonymousUser
    void anonymous_callers_may_neither_import_responses_nor_call_the_importer() {
        Path file = excel(List.of("调查活动", "客户编号", "第1题"), row("SC000001", "C1", 9));
        assertThatThrownBy(() -> inspect(file)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> importer.plan(List.of(), CONTEXT)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> importer.apply(List.of(), CONTEXT, null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> importer.guessMapping(List.of(), List.of(), List.of()))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> answerSheets.rows(1)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void the_answer_sheet_lists_the_unanswered_recipients_and_imports_back_once_filled_in() throws Exception {
        List<Customer> who = customers(3);
        TestSurveys.Sent sent = campaign(CampaignChannel.PHONE, who);
        CampaignDetail c = sent.campaign();
        SurveyForm form = responses.campaignForm(c.id());
        responses.recordPhone(
                recipientOf(sent, who.get(2)),
                List.of(AnswerInput.score(form.questions().getFirst().id(), 9)));
        Path sheet = dir.resolve("answer-sheet.xlsx");
        try (OutputStream out = Files.newOutputStream(sheet)) {
            assertThat(answerSheets.write(c.id(), Locale.SIMPLIFIED_CHINESE, out, n -> {}, () -> false))
                    .isEqualTo(2);
        }
        assertThat(answerSheets.rows(c.id())).isEqualTo(2);
        List<String[]> rows = new ArrayList<>();
        WorkbookRows.read(sheet, rows::add);
        assertThat(rows.getFirst())
                .containsExactly(
                        "调查活动",
                        "客户编号",
                        "客户名称",
                        "电话",
                        "答卷时间",
                        "Q1* 您向朋友推荐我们的可能性有多大？ (0–10)",
                        "Q2 对服务满意吗？ (1–5)",
                        "Q3 您从哪里知道我们？ (单选)",
                        "Q4 您买过哪些？ (多选)",
                        "Q5 Anything else?");
        assertThat(rows.subList(1, rows.size()))
                .extracting(r -> r[0] + " " + r[1] + " " + r[2])
                .containsExactly(
                        c.code() + " " + who.get(0).getCode() + " " + who.get(0).getName(),
                        c.code() + " " + who.get(1).getCode() + " " + who.get(1).getName());

        // filled in as someone does in Excel: numbers, an option's text, a time typed as a date-time
        LocalDateTime at = minutesAgo(10);
        try (InputStream in = Files.newInputStream(sheet);
                var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in)) {
            var answers = workbook.getSheetAt(0);
            var style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat("yyyy/m/d h:mm"));
            var first = answers.getRow(1);
            first.createCell(4).setCellValue(at);
            first.getCell(4).setCellStyle(style);
            first.createCell(5).setCellValue(0.1 * 3 * 10); // 3.0000000000000004: a detractor's 3
            first.createCell(7).setCellValue("广告");
            var second = answers.getRow(2);
            second.createCell(5).setCellValue(10);
            second.createCell(8).setCellValue("甲、乙");
            second.createCell(9).setCellValue("服务很好 & 快");
            try (OutputStream out = Files.newOutputStream(sheet)) {
                workbook.write(out);
            }
        }
        ImportPreview preview = inspect(sheet);
        assertThat(preview.mapping())
                .containsExactly("campaign", "customer", null, null, "answeredAt", "q1", "q2", "q3", "q4", "q5");
        ImportReport r = commit(sheet, ImportMode.ALL_OR_NOTHING);

        assertThat(r.errors()).isEmpty();
        assertThat(r.created()).isEqualTo(2);
        long a = responseOf(sent, who.get(0));
        assertThat(responses.answers(a).getFirst().score()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT answered_at FROM survey_response WHERE id = ?", LocalDateTime.class, a))
                .isEqualTo(LocalDateTime.ofInstant(at.atZone(BusinessTime.ZONE).toInstant(), ZoneOffset.UTC));
        assertThat(responses.answers(responseOf(sent, who.get(1))).get(4).text())
                .isEqualTo("服务很好 & 快");
        awaitComplaint(a);
        assertThat(answerSheets.rows(c.id())).as("everyone answered").isZero();
        // the same sheet once more: everyone skipped, nothing new
        assertThat(commit(sheet, ImportMode.ALL_OR_NOTHING).unchanged()).isEqualTo(2);
    }

    @Test
    void the_answer_sheet_speaks_the_readers_language_and_says_what_each_question_takes() throws Exception {
        List<Customer> who = customers(1);
        TestSurveys.Sent sent = campaign(CampaignChannel.ONLINE, who);
        Path sheet = dir.resolve("answer-sheet-en.xlsx");
        try (OutputStream out = Files.newOutputStream(sheet)) {
            answerSheets.write(sent.campaign().id(), Locale.ENGLISH, out, n -> {}, () -> false);
        }
        List<String[]> rows = new ArrayList<>();
        WorkbookRows.read(sheet, rows::add);
        assertThat(rows.getFirst()[0]).isEqualTo("Campaign");
        assertThat(rows.getFirst()[5]).isEqualTo("Q1* How likely are you to recommend us? (0–10)");
        ImportPreview p = inspect(sheet);
        assertThat(p.sheet().name()).isEqualTo("Answers");
        assertThat(p.sheets())
                .extracting(io.keyuan.exchange.SheetInfo::name)
                .containsExactly("Answers", "Instructions");
    }

    private static final ImportContext CONTEXT = new ImportContext() {
        @Override
        public boolean dryRun() {
            return true;
        }

        @Override
        public boolean earlierInFile(String naturalKey, int rowNumber) {
            return false;
        }
    };
}
