package io.keyuan.survey;

import java.util.List;

/**
 * One question of a recorded response with what was answered: the score, the chosen options' texts, or the text
 * exactly as typed (views show it as text, never as markup).
 */
public record AnswerView(
        long questionId,
        QuestionKind kind,
        LocalizedText question,
        Integer score,
        List<LocalizedText> options,
        String text) {
    public AnswerView {
        options = List.copyOf(options);
    }
}
