package io.keyuan.survey.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import io.keyuan.shared.ui.EnumLabels;
import io.keyuan.survey.LocalizedText;
import io.keyuan.survey.QuestionDraft;
import io.keyuan.survey.QuestionKind;
import io.keyuan.survey.domain.Survey;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One question in the designer: kind, required, its text in the three languages, and for choices one option per
 * line, each written {@code 简体 | 繁體 | English} (any of the three may be left out).
 */
class QuestionEditor extends VerticalLayout {
    final Select<QuestionKind> kind = new Select<>();
    final Checkbox required = new Checkbox();
    final TextField zhCn = new TextField();
    final TextField zhTw = new TextField();
    final TextField en = new TextField();
    final TextArea options = new TextArea();
    final Button up = new Button(VaadinIcon.ARROW_UP.create());
    final Button down = new Button(VaadinIcon.ARROW_DOWN.create());
    final Button remove = new Button(VaadinIcon.TRASH.create());
    private final Span number = new Span();

    QuestionEditor(QuestionDraft q) {
        addClassName("keyuan-survey-question-editor");
        setPadding(false);
        setSpacing(false);
        getStyle().set("border-top", "1px solid var(--lumo-contrast-10pct)").set("padding-top", "var(--lumo-space-s)");
        kind.setLabel(getTranslation("survey.question.kind"));
        kind.setItems(QuestionKind.values());
        kind.setItemLabelGenerator(EnumLabels.generator(this));
        kind.addValueChangeListener(
                e -> options.setVisible(e.getValue() != null && e.getValue().choice()));
        required.setLabel(getTranslation("survey.question.required"));
        zhCn.setLabel(getTranslation("survey.question.text-zh-cn"));
        zhTw.setLabel(getTranslation("survey.question.text-zh-tw"));
        en.setLabel(getTranslation("survey.question.text-en"));
        for (TextField f : List.of(zhCn, zhTw, en)) {
            f.setMaxLength(Survey.QUESTION_LENGTH);
            f.setWidthFull();
        }
        options.setLabel(getTranslation("survey.question.options"));
        options.setHelperText(getTranslation("survey.question.options-help"));
        options.setWidthFull();
        up.setAriaLabel(getTranslation("survey.question.up"));
        down.setAriaLabel(getTranslation("survey.question.down"));
        remove.setAriaLabel(getTranslation("survey.question.remove"));
        for (Button b : List.of(up, down, remove)) {
            b.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        }
        number.getStyle().set("font-weight", "600");
        HorizontalLayout head = new HorizontalLayout(number, kind, required, up, down, remove);
        head.setAlignItems(Alignment.BASELINE);
        FormLayout texts = new FormLayout(zhCn, zhTw, en);
        texts.setWidthFull();
        add(head, texts, options);
        setWidthFull();

        kind.setValue(q.kind() == null ? QuestionKind.NPS : q.kind());
        required.setValue(q.required());
        LocalizedText t = q.text() == null ? new LocalizedText(null, null, null) : q.text();
        zhCn.setValue(t.zhCn() == null ? "" : t.zhCn());
        zhTw.setValue(t.zhTw() == null ? "" : t.zhTw());
        en.setValue(t.en() == null ? "" : t.en());
        options.setValue(q.options().stream().map(QuestionEditor::line).collect(Collectors.joining("\n")));
        options.setVisible(kind.getValue().choice());
    }

    void number(int n) {
        number.setText(n + ".");
        setId("question-editor-" + (n - 1));
    }

    void readOnly(boolean readOnly) {
        kind.setReadOnly(readOnly);
        required.setReadOnly(readOnly);
        zhCn.setReadOnly(readOnly);
        zhTw.setReadOnly(readOnly);
        en.setReadOnly(readOnly);
        options.setReadOnly(readOnly);
        up.setVisible(!readOnly);
        down.setVisible(!readOnly);
        remove.setVisible(!readOnly);
    }

    QuestionDraft draft() {
        List<LocalizedText> opts = kind.getValue() != null && kind.getValue().choice()
                ? options.getValue()
                        .lines()
                        .filter(l -> !l.isBlank())
                        .map(QuestionEditor::parse)
                        .toList()
                : List.of();
        return new QuestionDraft(
                kind.getValue(),
                required.getValue(),
                new LocalizedText(zhCn.getValue(), zhTw.getValue(), en.getValue()),
                opts);
    }

    static LocalizedText parse(String line) {
        String[] parts = Arrays.copyOf(line.split("\\|", -1), 3);
        return new LocalizedText(parts[0], parts[1], parts[2]);
    }

    static String line(LocalizedText t) {
        String zhTw = t.zhTw() == null ? "" : t.zhTw();
        String en = t.en() == null ? "" : t.en();
        String zhCn = t.zhCn() == null ? "" : t.zhCn();
        if (zhTw.isEmpty() && en.isEmpty()) {
            return zhCn;
        }
        return zhCn + " | " + zhTw + (en.isEmpty() ? "" : " | " + en);
    }
}
