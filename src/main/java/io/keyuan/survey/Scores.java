package io.keyuan.survey;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a set of responses scored, as counted in SQL: NPS from each response's first NPS answer (promoters 9–10,
 * detractors 0–6), CSAT from its first CSAT answer (satisfied 4–5 of 1–5), CES from its first CES answer (1–7).
 * The figures are null where nobody answered that kind of question.
 */
public record Scores(
        long responses,
        long npsAnswers,
        long promoters,
        long detractors,
        long csatAnswers,
        long csatSatisfied,
        long cesAnswers,
        long cesSum) {

    public static final Scores NONE = new Scores(0, 0, 0, 0, 0, 0, 0, 0);

    /** The scores of both sets together (sets that share no response). */
    public Scores plus(Scores o) {
        return new Scores(
                responses + o.responses,
                npsAnswers + o.npsAnswers,
                promoters + o.promoters,
                detractors + o.detractors,
                csatAnswers + o.csatAnswers,
                csatSatisfied + o.csatSatisfied,
                cesAnswers + o.cesAnswers,
                cesSum + o.cesSum);
    }

    /** % promoters minus % detractors, −100 to 100, one decimal, half up. */
    public BigDecimal nps() {
        if (npsAnswers == 0) {
            return null;
        }
        return BigDecimal.valueOf(100 * (promoters - detractors))
                .divide(BigDecimal.valueOf(npsAnswers), 1, RoundingMode.HALF_UP);
    }

    /** % of CSAT answers of 4 or 5, one decimal, half up. */
    public BigDecimal csatPercent() {
        if (csatAnswers == 0) {
            return null;
        }
        return BigDecimal.valueOf(100 * csatSatisfied).divide(BigDecimal.valueOf(csatAnswers), 1, RoundingMode.HALF_UP);
    }

    /** The mean CES answer, two decimals, half up. */
    public BigDecimal cesAverage() {
        if (cesAnswers == 0) {
            return null;
        }
        return BigDecimal.valueOf(cesSum).divide(BigDecimal.valueOf(cesAnswers), 2, RoundingMode.HALF_UP);
    }

    public long passives() {
        return npsAnswers - promoters - detractors;
    }
}
