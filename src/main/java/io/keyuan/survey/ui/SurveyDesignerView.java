package io.keyuan.survey.ui;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.NotFoundException;
import io.keyuan.shared.Roles;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.shared.ui.Notifications;
import io.keyuan.survey.QuestionDraft;
import io.keyuan.survey.QuestionKind;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.SurveyDraft;
import io.keyuan.survey.SurveyForm;
import io.keyuan.survey.SurveyService;
import io.keyuan.survey.SurveyStatus;
import io.keyuan.survey.domain.Survey;
import jakarta.annotation.security.RolesAllowed;
import java.util.ArrayList;
import java.util.List;

/**
 * Designs one survey ({@code surveys/new} or {@code surveys/<id>}): code, name, status and the ordered questions.
 * Keyboard: Ctrl+S saves, Alt+Q adds a question, Alt+P previews. A survey with responses is shown read-only with
 * "copy to edit"; a save over someone else's newer save is refused and names them.
 */
@Route("surveys/:id")
@RolesAllowed(Roles.MANAGER)
public class SurveyDesignerView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {
    private final SurveyService surveys;
    final TextField code = new TextField();
    final TextField name = new TextField();
    final Select<SurveyStatus> status = new Select<>();
    final VerticalLayout questionList = new VerticalLayout();
    final List<QuestionEditor> editors = new ArrayList<>();
    final Button addQuestion = new Button();
    final Button save = new Button();
    final Button preview = new Button();
    final Button copy = new Button();
    final Button delete = new Button();
    final Span frozenNote = new Span();
    private SurveyDetail loaded;

    public SurveyDesignerView(SurveyService surveys) {
        this.surveys = surveys;
        addClassName("keyuan-view");
        setPadding(false);

        code.setLabel(getTranslation("survey.field.code"));
        code.setId("survey-code");
        code.setMaxLength(Survey.CODE_LENGTH);
        code.setRequiredIndicatorVisible(true);
        name.setLabel(getTranslation("survey.field.name"));
        name.setId("survey-name");
        name.setMaxLength(Survey.NAME_LENGTH);
        name.setRequiredIndicatorVisible(true);
        status.setLabel(getTranslation("survey.field.status"));
        status.setId("survey-status");
        status.setItems(SurveyStatus.values());
        status.setItemLabelGenerator(EnumLabels.generator(this));
        FormLayout head = new FormLayout(code, name, status);

        frozenNote.setId("survey-frozen");
        frozenNote.setText(getTranslation("survey.designer.frozen"));
        frozenNote.getStyle().set("color", "var(--lumo-warning-text-color, var(--lumo-error-text-color))");
        frozenNote.setVisible(false);

        questionList.setId("survey-questions");
        questionList.setPadding(false);

        addQuestion.setText(getTranslation("survey.designer.add-question"));
        addQuestion.setIcon(VaadinIcon.PLUS.create());
        addQuestion.setId("survey-add-question");
        addQuestion.addClickShortcut(Key.KEY_Q, KeyModifier.ALT);
        addQuestion.addClickListener(e -> {
            QuestionEditor ed = addEditor(new QuestionDraft(QuestionKind.NPS, true, null, List.of()));
            ed.zhCn.focus();
        });
        save.setText(getTranslation("survey.designer.save"));
        save.setId("survey-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickShortcut(Key.KEY_S, KeyModifier.CONTROL);
        save.addClickListener(e -> save());
        preview.setText(getTranslation("survey.designer.preview"));
        preview.setIcon(VaadinIcon.EYE.create());
        preview.setId("survey-preview");
        preview.addClickShortcut(Key.KEY_P, KeyModifier.ALT);
        preview.addClickListener(e -> preview());
        copy.setText(getTranslation("survey.designer.copy"));
        copy.setIcon(VaadinIcon.COPY.create());
        copy.setId("survey-copy");
        copy.addClickListener(e -> copy());
        delete.setText(getTranslation("survey.designer.delete"));
        delete.setIcon(VaadinIcon.TRASH.create());
        delete.setId("survey-delete");
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
        delete.addClickListener(e -> confirmDelete());
        Button back = new Button(
                getTranslation("survey.designer.back"), e -> getUI().ifPresent(ui -> ui.navigate("surveys")));
        back.setIcon(VaadinIcon.ARROW_LEFT.create());
        back.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout actions = new HorizontalLayout(save, addQuestion, preview, copy, delete, back);
        actions.addClassName("keyuan-toolbar");
        actions.getStyle().set("flex-wrap", "wrap");
        add(actions, frozenNote, head, questionList);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String id = event.getRouteParameters().get("id").orElse("new");
        if ("new".equals(id)) {
            show(null);
            return;
        }
        long surveyId;
        try {
            surveyId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundException("survey", id);
        }
        show(surveys.get(surveyId));
    }

    void show(SurveyDetail d) {
        loaded = d;
        editors.clear();
        questionList.removeAll();
        code.setValue(d == null ? "" : d.code());
        name.setValue(d == null ? "" : d.name());
        status.setValue(d == null ? SurveyStatus.DRAFT : d.status());
        if (d != null) {
            d.questions().forEach(this::addEditor);
        }
        boolean frozen = d != null && d.frozen();
        frozenNote.setVisible(frozen);
        code.setReadOnly(frozen);
        name.setReadOnly(frozen);
        status.setReadOnly(frozen);
        editors.forEach(ed -> ed.readOnly(frozen));
        save.setEnabled(!frozen);
        addQuestion.setEnabled(!frozen);
        copy.setVisible(d != null);
        delete.setVisible(d != null);
        clearErrors();
    }

    private QuestionEditor addEditor(QuestionDraft q) {
        QuestionEditor ed = new QuestionEditor(q);
        ed.up.addClickListener(e -> move(ed, -1));
        ed.down.addClickListener(e -> move(ed, 1));
        ed.remove.addClickListener(e -> {
            editors.remove(ed);
            renumber();
        });
        editors.add(ed);
        renumber();
        return ed;
    }

    private void move(QuestionEditor ed, int by) {
        int i = editors.indexOf(ed);
        int j = i + by;
        if (j < 0 || j >= editors.size()) {
            return;
        }
        editors.remove(i);
        editors.add(j, ed);
        renumber();
    }

    private void renumber() {
        questionList.removeAll();
        for (int i = 0; i < editors.size(); i++) {
            editors.get(i).number(i + 1);
            questionList.add(editors.get(i));
        }
    }

    SurveyDraft draft() {
        return new SurveyDraft(
                loaded == null ? null : loaded.id(),
                loaded == null ? 0 : loaded.version(),
                code.getValue(),
                name.getValue(),
                status.getValue(),
                editors.stream().map(QuestionEditor::draft).toList());
    }

    void save() {
        clearErrors();
        try {
            SurveyDetail saved = surveys.save(draft());
            Notifications.success(this, "survey.designer.saved", saved.code());
            if (loaded == null) {
                getUI().ifPresent(ui -> ui.navigate("surveys/" + saved.id()));
            }
            show(saved);
        } catch (KeyuanException e) {
            showError(e);
        } catch (org.springframework.security.access.AccessDeniedException e) {
            Notifications.error(this, Notifications.describe(this, e));
        }
    }

    private void showError(KeyuanException e) {
        String text = Notifications.describe(this, e);
        String f = e.field();
        if ("code".equals(f)) {
            code.setErrorMessage(text);
            code.setInvalid(true);
            code.focus();
        } else if ("name".equals(f)) {
            name.setErrorMessage(text);
            name.setInvalid(true);
            name.focus();
        } else if (f != null && f.matches("q\\d+") && Integer.parseInt(f.substring(1)) < editors.size()) {
            QuestionEditor ed = editors.get(Integer.parseInt(f.substring(1)));
            ed.zhCn.setErrorMessage(text);
            ed.zhCn.setInvalid(true);
            ed.zhCn.focus();
            Notifications.error(this, text);
        } else {
            Notifications.error(this, text);
        }
    }

    private void clearErrors() {
        code.setInvalid(false);
        name.setInvalid(false);
        editors.forEach(ed -> ed.zhCn.setInvalid(false));
    }

    /** The survey as it stands in the editor (saved or not), shown with the public page's own component. */
    void preview() {
        SurveyDraft d = draft();
        List<SurveyForm.Question> qs = new ArrayList<>();
        long optionId = 1;
        for (int i = 0; i < d.questions().size(); i++) {
            QuestionDraft q = d.questions().get(i);
            List<SurveyForm.Option> opts = new ArrayList<>();
            for (var o : q.options()) {
                opts.add(new SurveyForm.Option(optionId++, o));
            }
            qs.add(new SurveyForm.Question(
                    i + 1, q.kind() == null ? QuestionKind.FREE_TEXT : q.kind(), q.required(), q.text(), opts));
        }
        SurveyForm form = new SurveyForm(loaded == null ? 0 : loaded.id(), d.name(), qs);
        Dialog dialog = new Dialog();
        dialog.setId("survey-preview-dialog");
        dialog.setHeaderTitle(getTranslation("survey.designer.preview-title", d.name()));
        Div phone = new Div(new SurveyFormPanel(form, getLocale(), false));
        // about a phone's width, as most respondents see it
        phone.getStyle().set("width", "min(24rem, 80vw)");
        dialog.add(phone);
        dialog.getFooter().add(new Button(getTranslation("survey.designer.preview-close"), e -> dialog.close()));
        dialog.open();
    }

    private void copy() {
        if (loaded == null) {
            return;
        }
        SurveyDetail[] made = new SurveyDetail[1];
        if (Notifications.attempt(this, () -> made[0] = surveys.copy(loaded.id()))) {
            Notifications.success(this, "survey.designer.copied", made[0].code());
            getUI().ifPresent(ui -> ui.navigate("surveys/" + made[0].id()));
        }
    }

    private void confirmDelete() {
        if (loaded == null) {
            return;
        }
        ConfirmDialog confirm = new ConfirmDialog();
        confirm.setId("survey-delete-confirm");
        confirm.setHeader(getTranslation("survey.designer.delete-title", loaded.code()));
        confirm.setText(getTranslation("survey.designer.delete-text"));
        confirm.setCancelable(true);
        confirm.setCancelText(getTranslation("survey.designer.delete-cancel"));
        confirm.setConfirmText(getTranslation("survey.designer.delete"));
        confirm.setConfirmButtonTheme("error primary");
        confirm.addConfirmListener(e -> {
            if (Notifications.attempt(this, () -> surveys.delete(loaded.id(), loaded.version()))) {
                Notifications.success(this, "survey.designer.deleted", loaded.code());
                getUI().ifPresent(ui -> ui.navigate("surveys"));
            }
        });
        confirm.open();
    }

    SurveyDetail loaded() {
        return loaded;
    }

    @Override
    public String getPageTitle() {
        return loaded == null
                ? getTranslation("survey.designer.title-new")
                : getTranslation("survey.designer.title", loaded.code());
    }
}
