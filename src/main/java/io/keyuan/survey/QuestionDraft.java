package io.keyuan.survey;

import java.util.List;

/** One question as the designer edits it; options only for the choice kinds. */
public record QuestionDraft(QuestionKind kind, boolean required, LocalizedText text, List<LocalizedText> options) {
    public QuestionDraft {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
