package io.keyuan.survey.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.customer.CustomerService;
import io.keyuan.customer.domain.Customer;
import io.keyuan.customer.ui.TestCustomers;
import io.keyuan.exchange.WorkbookRows;
import io.keyuan.shared.SystemActor;
import io.keyuan.shared.jobs.JobStatus;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.ui.AsStaff;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.KeyuanViewTest;
import io.keyuan.survey.AnswerSheetJob;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.TestSurveys;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The campaign page's answer sheet: offered on an open campaign, written as an export job the page follows. */
@AsStaff
class CampaignAnswerSheetViewTest extends KeyuanViewTest {
    @Autowired
    CustomerService customers;

    @TempDir
    Path dir;

    private TestSurveys t;

    @BeforeEach
    void helpers() {
        t = TestSurveys.from(applicationContext);
    }

    @Test
    void staff_download_the_answer_sheet_of_an_open_campaign_with_its_code_and_unanswered_recipients()
            throws Exception {
        SurveyDetail s = t.activeSurvey();
        Customer a = TestCustomers.create(customers, "AS" + unique(), "答卷甲" + unique());
        TestSurveys.Sent sent = t.send(t.draft(s.id(), CampaignChannel.PHONE, null, List.of(a.getId())));
        CampaignView view = (CampaignView) open("campaigns/" + sent.campaign().id());

        assertThat(view.answerSheet.isVisible()).isTrue();
        assertThat(view.answerSheet.getText()).isEqualTo(t("survey.sheet.download"));
        assertThat(view.code.getText())
                .isEqualTo(t("survey.sheet.code", sent.campaign().code()));
        test(view.answerSheet).click();

        ExportDialog dialog = view.answerSheetDialog();
        assertThat(dialog).isNotNull();
        assertThat(dialog.isOpened()).isTrue();
        JobView done = t.jobs().await(dialog.job(), Duration.ofMinutes(1));
        assertThat(done.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(done.kind()).isEqualTo(AnswerSheetJob.KIND);
        Path file = dir.resolve("sheet.xlsx");
        try (OutputStream out = Files.newOutputStream(file)) {
            t.jobs().download(dialog.job()).transferTo(out);
        }
        List<String[]> rows = new ArrayList<>();
        WorkbookRows.read(file, rows::add);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1)[0]).isEqualTo(sent.campaign().code());
        assertThat(rows.get(1)[1]).isEqualTo(a.getCode());
        assertThat(t.jobs().download(dialog.job()).fileName())
                .isEqualTo("answer-sheet-" + sent.campaign().code() + ".xlsx");
    }

    @Test
    void a_closed_campaign_offers_no_answer_sheet() {
        SurveyDetail s = t.activeSurvey();
        Customer a = TestCustomers.create(customers, "AS" + unique(), "答卷乙" + unique());
        TestSurveys.Sent sent = t.send(t.draft(s.id(), CampaignChannel.ONLINE, null, List.of(a.getId())));
        SystemActor.call(
                () -> t.campaigns.close(sent.campaign().id(), sent.campaign().version()));

        CampaignView view = (CampaignView) open("campaigns/" + sent.campaign().id());

        assertThat(view.answerSheet.isVisible()).isFalse();
        assertThat(view.code.getText()).contains(sent.campaign().code());
    }
}
