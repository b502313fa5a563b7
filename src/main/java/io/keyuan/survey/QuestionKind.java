package io.keyuan.survey;

/** What a question asks for; the score kinds carry their range. */
public enum QuestionKind {
    /** Net promoter score: how likely to recommend, 0–10. */
    NPS(0, 10),
    /** Customer satisfaction, 1–5. */
    CSAT(1, 5),
    /** Customer effort, 1–7. */
    CES(1, 7),
    SINGLE_CHOICE(0, 0),
    MULTIPLE_CHOICE(0, 0),
    FREE_TEXT(0, 0);

    private final int min;
    private final int max;

    QuestionKind(int min, int max) {
        this.min = min;
        this.max = max;
    }

    public boolean scored() {
        return this == NPS || this == CSAT || this == CES;
    }

    public boolean choice() {
        return this == SINGLE_CHOICE || this == MULTIPLE_CHOICE;
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }
}
