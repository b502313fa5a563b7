package io.keyuan.survey;

import java.util.List;

/**
 * One answer as a respondent or staff member gave it: a score for the score kinds, chosen option ids for the
 * choice kinds, text for free text. Blank parts mean "not answered".
 */
public record AnswerInput(long questionId, Integer score, List<Long> optionIds, String text) {
    public AnswerInput {
        optionIds = optionIds == null ? List.of() : List.copyOf(optionIds);
    }

    public static AnswerInput score(long questionId, int score) {
        return new AnswerInput(questionId, score, List.of(), null);
    }

    public static AnswerInput choice(long questionId, Long... optionIds) {
        return new AnswerInput(questionId, null, List.of(optionIds), null);
    }

    public static AnswerInput text(long questionId, String text) {
        return new AnswerInput(questionId, null, List.of(), text);
    }

    boolean blank() {
        return score == null && optionIds.isEmpty() && (text == null || text.isBlank());
    }
}
