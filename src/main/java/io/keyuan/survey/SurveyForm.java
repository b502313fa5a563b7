package io.keyuan.survey;

import java.util.List;

/** A survey as a respondent answers it: its questions with the ids answers name. */
public record SurveyForm(long surveyId, String name, List<Question> questions) {
    public SurveyForm {
        questions = List.copyOf(questions);
    }

    public record Question(long id, QuestionKind kind, boolean required, LocalizedText text, List<Option> options) {
        public Question {
            options = List.copyOf(options);
        }
    }

    public record Option(long id, LocalizedText text) {}
}
