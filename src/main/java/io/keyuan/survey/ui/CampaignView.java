package io.keyuan.survey.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import io.keyuan.customer.CustomerContacts;
import io.keyuan.customer.CustomerService;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.shared.Roles;
import io.keyuan.shared.jobs.JobId;
import io.keyuan.shared.jobs.JobService;
import io.keyuan.shared.jobs.JobView;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.ExportDialog;
import io.keyuan.shared.ui.Formats;
import io.keyuan.shared.ui.JobDownloads;
import io.keyuan.shared.ui.JobWatch;
import io.keyuan.shared.ui.Notifications;
import io.keyuan.survey.AnswerSheetJob;
import io.keyuan.survey.AnswerView;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.CampaignDetail;
import io.keyuan.survey.CampaignService;
import io.keyuan.survey.CampaignStatus;
import io.keyuan.survey.RecipientLink;
import io.keyuan.survey.RecipientRow;
import io.keyuan.survey.RecipientStatus;
import io.keyuan.survey.ResponseService;
import io.keyuan.survey.SurveyService;
import jakarta.annotation.security.RolesAllowed;
import java.util.stream.Collectors;

/**
 * One campaign: its survey, audience, period and status; for managers edit / send / close, and while sending the
 * job's progress; the recipients (answered or not), each answered one's answers (shown as text, markup and all),
 * and for an online recipient a fresh link to copy. A phone campaign leads staff to its phone entry form.
 */
@Route("campaigns/:id(\\d{1,18})")
@RolesAllowed(Roles.STAFF)
public class CampaignView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final CampaignService campaigns;
    private final SurveyService surveys;
    private final SegmentMembershipService membership;
    private final CustomerService customers;
    private final CustomerContacts contacts;
    private final ResponseService responses;
    private final JobService jobs;
    private final boolean manager;
    final H2 title = new H2();
    final Div facts = new Div();
    final Button edit = new Button();
    final Button send = new Button();
    final Button close = new Button();
    final Button remail = new Button();
    final Span remailOutcome = new Span();
    final Button delete = new Button();
    final Button phone = new Button();
    final Button answerSheet = new Button();
    final Span code = new Span();
    final ProgressBar progress = new ProgressBar();
    final Span progressText = new Span();
    final HorizontalLayout download = new HorizontalLayout();
    final Select<RecipientStatus> filter = new Select<>();
    final Grid<RecipientRow> grid = new Grid<>();
    private CampaignDetail campaign;
    private JobWatch watch;
    private JobWatch remailWatch;

    public CampaignView(
            CampaignService campaigns,
            SurveyService surveys,
            SegmentMembershipService membership,
            CustomerService customers,
            CustomerContacts contacts,
            ResponseService responses,
            JobService jobs,
            AuthenticationContext auth) {
        this.campaigns = campaigns;
        this.surveys = surveys;
        this.membership = membership;
        this.customers = customers;
        this.contacts = contacts;
        this.responses = responses;
        this.jobs = jobs;
        this.manager = auth.hasRole(Roles.MANAGER);
        addClassName("keyuan-view");
        setSizeFull();
        setPadding(false);

        title.setId("campaign-title");
        facts.setId("campaign-facts");
        edit.setText(getTranslation("survey.campaign.edit"));
        edit.setId("campaign-edit");
        edit.addClickListener(
                e -> new CampaignDialog(campaigns, surveys, membership, customers, contacts, campaign, c -> reload())
                        .open());
        send.setText(getTranslation("survey.campaign.send"));
        send.setIcon(VaadinIcon.PAPERPLANE.create());
        send.setId("campaign-send");
        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(e -> {
            if (Notifications.attempt(
                    this, () -> sentJob = campaigns.send(campaign.id(), campaign.version(), getLocale()))) {
                reload();
            }
        });
        close.setText(getTranslation("survey.campaign.close"));
        close.setIcon(VaadinIcon.STOP.create());
        close.setId("campaign-close");
        close.addClickListener(e -> confirmClose());
        remail.setIcon(VaadinIcon.ENVELOPE_O.create());
        remail.setId("campaign-remail");
        remail.addClickListener(e -> startRemail());
        remailOutcome.setId("campaign-remail-outcome");
        remailOutcome.setVisible(false);
        delete.setText(getTranslation("survey.campaign.delete"));
        delete.setId("campaign-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClickListener(e -> {
            if (Notifications.attempt(this, () -> campaigns.delete(campaign.id(), campaign.version()))) {
                getUI().ifPresent(ui -> ui.navigate("campaigns"));
            }
        });
        phone.setText(getTranslation("survey.campaign.phone-entry"));
        phone.setIcon(VaadinIcon.PHONE.create());
        phone.setId("campaign-phone");
        phone.addClickListener(e -> getUI().ifPresent(ui -> ui.navigate("campaigns/" + campaign.id() + "/phone")));
        answerSheet.setText(getTranslation("survey.sheet.download"));
        answerSheet.setIcon(VaadinIcon.FILE_TABLE.create());
        answerSheet.setId("campaign-answer-sheet");
        answerSheet.setTooltipText(getTranslation("survey.sheet.download-hint"));
        answerSheet.addClickListener(e -> downloadAnswerSheet());
        code.setId("campaign-code");
        Button back = new Button(
                getTranslation("survey.campaign.back"), e -> getUI().ifPresent(ui -> ui.navigate("campaigns")));
        back.setIcon(VaadinIcon.ARROW_LEFT.create());
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout actions = new HorizontalLayout(back, edit, send, close, remail, delete, phone, answerSheet);
        actions.addClassName("keyuan-toolbar");
        actions.getStyle().set("flex-wrap", "wrap");
        progress.setId("campaign-progress");
        progress.setVisible(false);
        progressText.setVisible(false);
        download.setId("campaign-links");
        download.setVisible(false);

        filter.setLabel(getTranslation("survey.campaign.recipient.filter"));
        filter.setId("recipient-filter");
        filter.setItems(RecipientStatus.values());
        filter.setEmptySelectionAllowed(true);
        filter.setEmptySelectionCaption(getTranslation("survey.campaign.recipient.all"));
        filter.setItemLabelGenerator(
                s -> s == null ? getTranslation("survey.campaign.recipient.all") : EnumLabels.label(this, s));
        filter.addValueChangeListener(e -> loadRecipients());

        grid.setId("recipient-grid");
        grid.setSizeFull();
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setEmptyStateText(getTranslation("survey.campaign.recipient.empty"));
        grid.addColumn(RecipientRow::code)
                .setHeader(getTranslation("survey.campaign.recipient.code"))
                .setAutoWidth(true);
        grid.addColumn(RecipientRow::name)
                .setHeader(getTranslation("survey.campaign.recipient.name"))
                .setFlexGrow(1);
        grid.addColumn(RecipientRow::phone)
                .setHeader(getTranslation("survey.campaign.recipient.phone"))
                .setAutoWidth(true);
        grid.addColumn(r -> EnumLabels.label(this, r.status()))
                .setHeader(getTranslation("survey.campaign.recipient.status"))
                .setAutoWidth(true);
        grid.addColumn(r -> r.answeredAt() == null ? "" : Formats.dateTime(r.answeredAt()))
                .setHeader(getTranslation("survey.campaign.recipient.answered-at"))
                .setAutoWidth(true);
        grid.addComponentColumn(this::rowActions)
                .setHeader(getTranslation("survey.campaign.recipient.actions"))
                .setAutoWidth(true);
        add(actions, title, code, facts, progress, progressText, download, remailOutcome, filter, grid);
    }

    private HorizontalLayout rowActions(RecipientRow r) {
        HorizontalLayout box = new HorizontalLayout();
        if (r.responseId() != null) {
            Button answers = new Button(getTranslation("survey.campaign.recipient.answers"), e -> showAnswers(r));
            answers.setId("answers-" + r.id());
            answers.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            box.add(answers);
        }
        if (manager
                && campaign.channel().linked()
                && campaign.status() == CampaignStatus.OPEN
                && r.status() == RecipientStatus.PENDING) {
            Button link = new Button(getTranslation("survey.campaign.recipient.link"), e -> issueLink(r));
            link.setId("link-" + r.id());
            link.setIcon(VaadinIcon.LINK.create());
            link.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            box.add(link);
        }
        return box;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        long id = event.getRouteParameters().getLong("id").orElseThrow();
        campaign = campaigns.get(id);
        show();
    }

    private JobId sentJob;

    /** The send job this page started (its id reaches the campaign row only once the job runs). */
    JobId sentJob() {
        return sentJob;
    }

    void reload() {
        campaign = campaigns.get(campaign.id());
        show();
    }

    private void show() {
        CampaignDetail c = campaign;
        title.setText(c.name());
        code.setText(getTranslation("survey.sheet.code", c.code()));
        facts.removeAll();
        facts.add(new Paragraph(getTranslation(
                "survey.campaign.facts",
                c.surveyCode() + " · " + c.surveyName(),
                EnumLabels.label(this, c.channel()),
                EnumLabels.label(this, c.status()),
                Formats.dateTime(c.opensAt()),
                Formats.dateTime(c.closesAt()),
                Formats.number(c.answered(), getLocale()),
                Formats.number(c.recipients(), getLocale()))));
        boolean draft = c.status() == CampaignStatus.DRAFT;
        if (c.channel() == CampaignChannel.EMAIL && draft) {
            // said before sending, so that a manager knows whether the send mails anyone
            Paragraph how = new Paragraph(
                    getTranslation(campaigns.mailConfigured() ? "survey.mail.will-mail" : "survey.mail.off-draft"));
            how.setId("campaign-mail-plan");
            facts.add(how);
        }
        edit.setVisible(manager && draft);
        send.setVisible(manager && draft);
        delete.setVisible(manager && draft);
        close.setVisible(manager && c.status() == CampaignStatus.OPEN);
        showRemail();
        phone.setVisible(c.channel() == CampaignChannel.PHONE && c.status() == CampaignStatus.OPEN);
        answerSheet.setVisible(c.status() == CampaignStatus.OPEN);
        followSend();
        loadRecipients();
    }

    private void followSend() {
        if (watch != null) {
            watch.remove();
            watch = null;
        }
        download.removeAll();
        download.setVisible(false);
        progress.setVisible(false);
        progressText.setVisible(false);
        // the job writes its id on the campaign once it runs; until then the id the send returned stands for it
        JobId sendJob = campaign.sendJob() != null ? campaign.sendJob() : sentJob;
        if (sendJob == null || !manager) {
            return;
        }
        JobView job;
        try {
            job = jobs.get(sendJob);
        } catch (RuntimeException e) {
            return; // a job of another manager's, or expired: nothing to follow
        }
        if (job.active()) {
            watch = JobWatch.follow(this, jobs, job.id(), this::showJob);
        } else {
            showJob(job);
        }
    }

    private void showJob(JobView job) {
        boolean active = job.active();
        progress.setVisible(active);
        progressText.setVisible(active);
        if (active) {
            progress.setValue(job.fraction());
            progressText.setText(getTranslation(
                    "survey.campaign.sending",
                    Formats.number(job.progressDone(), getLocale()),
                    Formats.number(job.progressTotal(), getLocale())));
            return;
        }
        if (campaign.status() == CampaignStatus.SENDING) {
            // the job ended: show the campaign as it is now (open, or a draft again after a failure)
            campaign = campaigns.get(campaign.id());
            if (campaign.status() != CampaignStatus.SENDING) {
                show();
            }
            return;
        }
        download.removeAll();
        if (campaign.status() == CampaignStatus.DRAFT && job.errorKey() != null) {
            Span failed = new Span(getTranslation(
                    "survey.campaign.send-failed",
                    getTranslation(job.errorKey(), job.errorArgs().toArray())));
            failed.setId("campaign-send-failed");
            failed.getStyle().set("color", "var(--lumo-error-text-color)");
            download.add(failed);
            download.setVisible(true);
            return;
        }
        if (job.resultAvailable()) {
            Anchor a = JobDownloads.anchor(this, jobs, job.id());
            a.setText(getTranslation("survey.mail.workbook-download"));
            a.setId("campaign-links-download");
            download.add(a, new Span(getTranslation("survey.campaign.links-note")));
            download.setVisible(true);
        }
        if (campaign.channel() == CampaignChannel.EMAIL) {
            download.add(mailOutcome(job));
            download.setVisible(true);
        }
    }

    /** What the send job mailed (its summary), or why nothing was mailed. */
    private Span mailOutcome(JobView job) {
        Object configured = job.summary().get("mailConfigured");
        Span mail = new Span();
        mail.setId("campaign-mail");
        if (Boolean.TRUE.equals(configured)) {
            mail.setText(getTranslation(
                    "survey.mail.outcome",
                    Formats.number(count(job, "mailSent"), getLocale()),
                    Formats.number(count(job, "mailFailed"), getLocale()),
                    Formats.number(count(job, "mailNoAddress"), getLocale())));
            if (count(job, "mailFailed") > 0) {
                mail.getStyle().set("color", "var(--lumo-error-text-color)");
            }
        } else {
            mail.setText(getTranslation("survey.mail.off"));
        }
        return mail;
    }

    private static long count(JobView job, String key) {
        return job.summary().get(key) instanceof Number n ? n.longValue() : 0;
    }

    void loadRecipients() {
        if (campaign == null) {
            return;
        }
        RecipientStatus s = filter.getValue();
        long id = campaign.id();
        grid.setItems(q -> campaigns.recipients(id, s, q.getOffset(), q.getLimit()).stream(), q ->
                (int) Math.min(Integer.MAX_VALUE, campaigns.countRecipients(id, s)));
    }

    void showAnswers(RecipientRow r) {
        Dialog d = new Dialog();
        d.setId("answers-dialog");
        d.setHeaderTitle(getTranslation("survey.campaign.answers-title", r.name() == null ? "" : r.name()));
        VerticalLayout list = new VerticalLayout();
        list.setPadding(false);
        for (AnswerView a : responses.answers(r.responseId())) {
            Span q = new Span(a.question().in(getLocale()));
            q.getStyle().set("font-weight", "600");
            // setText: whatever the respondent typed is shown as text, never interpreted as HTML
            Span value = new Span(value(a));
            value.setId("answer-value-" + a.questionId());
            value.getStyle().set("white-space", "pre-wrap");
            list.add(new Div(q), new Div(value));
        }
        d.add(list);
        d.getFooter().add(new Button(getTranslation("survey.campaign.answers-close"), e -> d.close()));
        d.open();
    }

    private String value(AnswerView a) {
        if (a.score() != null) {
            return String.valueOf(a.score());
        }
        if (!a.options().isEmpty()) {
            return a.options().stream().map(o -> o.in(getLocale())).collect(Collectors.joining("、"));
        }
        return a.text() == null ? getTranslation("survey.campaign.answers-none") : a.text();
    }

    void issueLink(RecipientRow r) {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("link-confirm");
        confirm.setHeader(getTranslation("survey.campaign.link-title", r.name() == null ? "" : r.name()));
        confirm.setText(getTranslation("survey.campaign.link-warning"));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("survey.campaign.answers-close"));
        confirm.setConfirmText(getTranslation("survey.campaign.link-issue"));
        confirm.addConfirmListener(e -> {
            RecipientLink[] link = new RecipientLink[1];
            if (Notifications.attempt(this, () -> link[0] = campaigns.issueLink(r.id()))) {
                showLink(link[0]);
            }
        });
        confirm.open();
    }

    void showLink(RecipientLink link) {
        Dialog d = new Dialog();
        d.setId("link-dialog");
        d.setHeaderTitle(getTranslation("survey.campaign.link-ready"));
        TextField field = new TextField();
        field.setId("link-value");
        field.setValue(link.link());
        field.setReadOnly(true);
        field.setWidth("min(36rem, 80vw)");
        Button copy = new Button(getTranslation("survey.campaign.link-copy"), VaadinIcon.COPY.create(), e -> {
            e.getSource()
                    .getUI()
                    .ifPresent(ui -> ui.getPage().executeJs("navigator.clipboard.writeText($0)", link.link()));
            Notifications.success(this, "survey.campaign.link-copied");
        });
        copy.setId("link-copy");
        copy.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        d.add(field);
        d.getFooter().add(new Button(getTranslation("survey.campaign.answers-close"), e -> d.close()), copy);
        d.open();
        loadRecipients();
    }

    /**
     * Offered to managers on an open e-mail campaign with SMTP configured while someone's mail failed or they had no
     * address, and has not answered; names how many.
     */
    private void showRemail() {
        CampaignDetail c = campaign;
        boolean offered = manager
                && c.channel() == CampaignChannel.EMAIL
                && c.status() == CampaignStatus.OPEN
                && (remailWatch == null)
                && campaigns.mailConfigured();
        long n = offered ? campaigns.toRemail(c.id()) : 0;
        remail.setVisible(n > 0);
        remail.setText(getTranslation("survey.mail.remail", Formats.number(n, getLocale())));
    }

    void startRemail() {
        JobId[] job = new JobId[1];
        if (!Notifications.attempt(this, () -> job[0] = campaigns.remail(campaign.id()))) {
            return;
        }
        remailJob = job[0];
        remail.setVisible(false);
        remailOutcome.setVisible(true);
        remailOutcome.setText(getTranslation("survey.mail.remailing"));
        remailWatch = JobWatch.follow(this, jobs, job[0], this::showRemailJob);
        if (remailFinished(jobs.get(job[0]))) {
            stopRemailWatch();
        }
    }

    private JobId remailJob;

    /** The re-mail job this page started last, for tests to follow. */
    JobId remailJob() {
        return remailJob;
    }

    private static boolean remailFinished(JobView job) {
        return !job.active();
    }

    private void showRemailJob(JobView job) {
        if (job.active()) {
            remailOutcome.setText(getTranslation(
                    "survey.mail.progress",
                    Formats.number(count(job, "mailSent"), getLocale()),
                    Formats.number(count(job, "mailFailed"), getLocale())));
            return;
        }
        if (job.errorKey() != null) {
            remailOutcome.setText(getTranslation(job.errorKey(), job.errorArgs().toArray()));
        } else {
            remailOutcome.setText(getTranslation(
                    "survey.mail.remail-outcome",
                    Formats.number(count(job, "mailSent"), getLocale()),
                    Formats.number(count(job, "mailFailed"), getLocale()),
                    Formats.number(count(job, "mailNoAddress"), getLocale())));
        }
        // called from follow() itself when the job ended at once: startRemail stops the watch then
        if (remailWatch != null) {
            stopRemailWatch();
        }
    }

    private void stopRemailWatch() {
        remailWatch.remove();
        remailWatch = null;
        showRemail();
        loadRecipients();
    }

    private ExportDialog answerSheetDialog;

    /** The answer sheet of the recipients who have not answered, written as an export job the dialog follows. */
    void downloadAnswerSheet() {
        answerSheetDialog = ExportDialog.start(this, jobs, AnswerSheetJob.request(campaign, getLocale()))
                .orElse(null);
    }

    /** The dialog of the answer sheet this page started last, for tests to follow. */
    ExportDialog answerSheetDialog() {
        return answerSheetDialog;
    }

    private void confirmClose() {
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("campaign-close-confirm");
        confirm.setHeader(getTranslation("survey.campaign.close-title", campaign.name()));
        confirm.setText(getTranslation("survey.campaign.close-text"));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("survey.campaign.answers-close"));
        confirm.setConfirmText(getTranslation("survey.campaign.close"));
        confirm.addConfirmListener(e -> {
            if (Notifications.attempt(this, () -> campaigns.close(campaign.id(), campaign.version()))) {
                reload();
            }
        });
        confirm.open();
    }

    CampaignDetail campaign() {
        return campaign;
    }

    @Override
    public String getPageTitle() {
        return campaign == null ? getTranslation("survey.nav.campaigns") : campaign.name();
    }
}
