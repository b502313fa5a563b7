package io.keyuan.survey.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.radiobutton.RadioGroupVariant;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextArea;
import io.keyuan.shared.KeyuanException;
import io.keyuan.survey.AnswerInput;
import io.keyuan.survey.QuestionKind;
import io.keyuan.survey.SurveyForm;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A survey as the respondent sees it — the one component the public answer page, the designer's preview and the
 * phone entry form show. Texts are set as text (never HTML), in the given language with the author's fallback.
 * For phone entry ({@code keyboard}) scores are number fields, so that staff type the digit and move on with Tab.
 */
public class SurveyFormPanel extends Div {
    public static final int MAX_TEXT = 2000;

    private final Map<Long, Component> inputs = new LinkedHashMap<>();
    private final Map<Long, SurveyForm.Question> questions = new LinkedHashMap<>();
    private final boolean keyboard;

    public SurveyFormPanel(SurveyForm form, Locale locale, boolean keyboard) {
        this.keyboard = keyboard;
        addClassName("keyuan-survey-form");
        getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-m)");
        getStyle().set("width", "100%").set("box-sizing", "border-box");
        int n = 0;
        for (SurveyForm.Question q : form.questions()) {
            n++;
            questions.put(q.id(), q);
            Div block = new Div();
            block.addClassName("keyuan-survey-question");
            block.setId("question-" + q.id());
            Span text = new Span(n + ". " + q.text().in(locale) + (q.required() ? " *" : ""));
            text.getStyle().set("font-weight", "600").set("display", "block");
            Component input = input(q, locale);
            if (input instanceof com.vaadin.flow.component.HasSize sized) {
                sized.setWidthFull();
            }
            block.add(text, input);
            if (q.kind().scored() && !keyboard) {
                Span ends =
                        new Span(getTranslation("survey.form.ends." + q.kind().name()));
                ends.addClassName("keyuan-audit");
                ends.getStyle().set("font-size", "var(--lumo-font-size-s)");
                block.add(ends);
            }
            inputs.put(q.id(), input);
            add(block);
        }
    }

    private Component input(SurveyForm.Question q, Locale locale) {
        String id = "answer-" + q.id();
        if (q.kind().scored()) {
            if (keyboard) {
                IntegerField f = new IntegerField();
                f.setMin(q.kind().min());
                f.setMax(q.kind().max());
                f.setPlaceholder(q.kind().min() + "–" + q.kind().max());
                f.setId(id);
                return f;
            }
            RadioButtonGroup<Integer> g = new RadioButtonGroup<>();
            g.setItems(IntStream.rangeClosed(q.kind().min(), q.kind().max())
                    .boxed()
                    .toList());
            g.getStyle().set("flex-wrap", "wrap");
            g.setId(id);
            return g;
        }
        if (q.kind() == QuestionKind.SINGLE_CHOICE) {
            RadioButtonGroup<SurveyForm.Option> g = new RadioButtonGroup<>();
            g.setItems(q.options());
            g.setItemLabelGenerator(o -> o.text().in(locale));
            g.addThemeVariants(RadioGroupVariant.LUMO_VERTICAL);
            g.setId(id);
            return g;
        }
        if (q.kind() == QuestionKind.MULTIPLE_CHOICE) {
            CheckboxGroup<SurveyForm.Option> g = new CheckboxGroup<>();
            g.setItems(q.options());
            g.setItemLabelGenerator(o -> o.text().in(locale));
            g.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
            g.setId(id);
            return g;
        }
        if (keyboard) {
            // one line, so that Enter saves the call as everywhere else on the form
            com.vaadin.flow.component.textfield.TextField line = new com.vaadin.flow.component.textfield.TextField();
            line.setMaxLength(MAX_TEXT);
            line.setId(id);
            return line;
        }
        TextArea area = new TextArea();
        area.setMaxLength(MAX_TEXT);
        area.setId(id);
        return area;
    }

    /** The input of a question (for tests and for the phone entry form's focus). */
    public Component inputFor(long questionId) {
        return inputs.get(questionId);
    }

    /** The first input, where the cursor starts. */
    public Component firstInput() {
        return inputs.values().stream().findFirst().orElse(null);
    }

    /** What was answered, one entry per question answered. */
    @SuppressWarnings("unchecked")
    public List<AnswerInput> answers() {
        List<AnswerInput> answers = new ArrayList<>();
        inputs.forEach((id, input) -> {
            switch (input) {
                case IntegerField f when f.getValue() != null -> answers.add(AnswerInput.score(id, f.getValue()));
                case RadioButtonGroup<?> g
                when g.getValue() instanceof Integer score -> answers.add(AnswerInput.score(id, score));
                case RadioButtonGroup<?> g
                when g.getValue() instanceof SurveyForm.Option o -> answers.add(AnswerInput.choice(id, o.id()));
                case CheckboxGroup<?> g
                when !g.getValue().isEmpty() ->
                    answers.add(new AnswerInput(
                            id,
                            null,
                            ((java.util.Set<SurveyForm.Option>) g.getValue())
                                    .stream().map(SurveyForm.Option::id).toList(),
                            null));
                case TextArea a when !a.getValue().isBlank() -> answers.add(AnswerInput.text(id, a.getValue()));
                case com.vaadin.flow.component.textfield.TextField t
                when !t.getValue().isBlank() -> answers.add(AnswerInput.text(id, t.getValue()));
                default -> {}
            }
        });
        return answers;
    }

    /** Clears every answer and every error, for the next respondent. */
    public void clear() {
        inputs.values().forEach(input -> {
            if (input instanceof com.vaadin.flow.component.HasValue<?, ?> v) {
                v.clear();
            }
            if (input instanceof HasValidation h) {
                h.setInvalid(false);
            }
        });
    }

    /** Shows a refusal on the question it names; false when it names none of them (the caller shows it). */
    public boolean showOnQuestion(KeyuanException e, String text) {
        inputs.values().forEach(input -> {
            if (input instanceof HasValidation h) {
                h.setInvalid(false);
            }
        });
        if (e.field() == null || !e.field().startsWith("q-")) {
            return false;
        }
        try {
            Component input = inputs.get(Long.parseLong(e.field().substring(2)));
            if (input instanceof HasValidation h) {
                h.setErrorMessage(text);
                h.setInvalid(true);
                if (input instanceof com.vaadin.flow.component.Focusable<?> f) {
                    f.focus();
                }
                return true;
            }
        } catch (NumberFormatException ignored) {
            // not a question's field
        }
        return false;
    }

    boolean keyboard() {
        return keyboard;
    }

    Map<Long, SurveyForm.Question> questions() {
        return questions;
    }
}
