package io.keyuan.survey;

import java.util.List;

/**
 * One question's answers: for a score question a count per score (every score of its scale, zeros included), for
 * a choice question a count per option, for free text the number of answers and the latest few texts as typed
 * (views show them as text, never as markup).
 */
public record QuestionResult(
        SurveyForm.Question question, long answers, List<Bucket> buckets, List<String> latestTexts) {
    public QuestionResult {
        buckets = List.copyOf(buckets);
        latestTexts = List.copyOf(latestTexts);
    }

    /** A score (key "0".."10") or an option (key its id, with its text). */
    public record Bucket(String key, LocalizedText option, long count) {}
}
