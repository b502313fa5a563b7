package io.keyuan.segmentation;

import io.keyuan.channel.ChannelCategory;
import io.keyuan.pipeline.PipelineSegmentFields;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random rules and customers for the property tests, drawn from small pools that share their boundary values
 * (ages on the birthday, equal amounts, today and yesterday, empty text, trailing spaces, quotes) so that
 * random rules hit the edges often.
 */
final class RandomRules {
    static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    static final String[] TEXTS = {"上海", "北京", "上海市", "a", "A", "a ", "Ab", "x' OR '1'='1", "100%", "_"};
    static final String[] FRAGMENTS = {"上", "海", "a", "'", "%", "_", "A"};
    static final String[] INCOMES = {"0", "1000", "5000", "5000.01", "9999.99", "10000"};
    static final String[] AGES = {"-1", "0", "17", "18", "30", "45", "60"};
    static final String[] DAYS = {"0", "1", "7", "30", "31", "365"};
    static final String[] COUNTS = {"0", "1", "2", "3", "10"};
    static final String[] SPENDS = {"0", "100", "100.5", "1000", "5000", "99.99"};
    static final String[] AVERAGES = {"0", "33.33", "33.34", "50", "100", "100.5", "49.99"};
    static final int[] DATE_OFFSETS = {0, 1, 7, 30, 31, 365, -1};
    static final String[] WITHIN = {"0", "1", "7", "30", "365"};
    static final int[] WINDOWS = {1, 7, 30, 31, 365};
    static final String[] SCORES = {"0", "1", "2", "3", "4", "5", "6", "2.5"};
    static final String[] AMOUNTS = {"100", "100.5", "99.99", "0", "1000"};
    /**
     * Amounts returned, each kept within what the customer spent: with the spends above they give exact halves
     * (1.25 of 1000 is 0.125 %, rounded up to 0.13), repeating quotients (49.5 of 99.99 is 49.504950… %) and all of it.
     */
    static final String[] RETURNED = {"0", "1.25", "12.5", "25", "33.5", "49.5", "100"};

    static final String[] RETURN_RATES = {
        "-1", "0", "0.12", "0.13", "1.25", "12.44", "12.5", "25", "33.33", "33.34", "33.5", "49.5", "49.51", "100"
    };

    private final Random random;
    private final List<Long> channels;
    private final List<ChannelCategory> categories;
    private final List<Long> stages;
    private final List<CatalogueField> fields;

    /** {@code channels} are existing channel ids with their categories at the same positions. */
    RandomRules(Random random, List<Long> channels, List<ChannelCategory> categories) {
        this(random, channels, categories, List.of(101L, 102L), TestCatalogue.FIELDS);
    }

    /**
     * {@code stages} are ids of open pipeline stages customers may have deals in; rules name the fields of
     * {@code catalogue}.
     */
    RandomRules(
            Random random,
            List<Long> channels,
            List<ChannelCategory> categories,
            List<Long> stages,
            SegmentFieldCatalogue catalogue) {
        this.random = random;
        this.channels = channels;
        this.categories = categories;
        this.stages = stages;
        this.fields = catalogue.fields();
    }

    RuleNode rule(int depth) {
        int kind = random.nextInt(depth <= 0 ? 1 : 5);
        if (kind == 0 || kind == 1) {
            return condition();
        }
        if (kind == 2) {
            return new RuleNode.Not(rule(depth - 1));
        }
        List<RuleNode> children = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            children.add(rule(depth - 1));
        }
        return new RuleNode.Group(kind == 3 ? RuleNode.GroupOp.AND : RuleNode.GroupOp.OR, children);
    }

    RuleNode.Condition condition() {
        CatalogueField field = fields.get(random.nextInt(fields.size()));
        List<Operator> ops = new ArrayList<>(field.type().operators());
        Operator op = ops.get(random.nextInt(ops.size()));
        List<String> values = new ArrayList<>();
        int n = switch (op) {
            case IS_EMPTY, IS_NOT_EMPTY -> 0;
            case BETWEEN -> 2;
            case IN, NOT_IN -> 1 + random.nextInt(3);
            default -> 1;
        };
        for (int i = 0; i < n; i++) {
            values.add(value(field, op));
        }
        if (op == Operator.BETWEEN && field.parse(op, values.get(0)) instanceof Comparable<?> lo) {
            @SuppressWarnings("unchecked")
            Comparable<Object> low = (Comparable<Object>) lo;
            if (low.compareTo(field.parse(op, values.get(1))) > 0) {
                values = List.of(values.get(1), values.get(0));
            }
        }
        Integer window = field.windowed() ? WINDOWS[random.nextInt(WINDOWS.length)] : null;
        if (random.nextInt(30) == 0) {
            // Now and then a window where it does not belong or out of range, which validation must refuse.
            window = pick(new Integer[] {null, 0, 3651, 30});
        }
        return new RuleNode.Condition(field, op, values, window);
    }

    private String value(CatalogueField catalogued, Operator op) {
        if (op == Operator.WITHIN_LAST_DAYS) {
            return pick(WITHIN);
        }
        if (op == Operator.CONTAINS) {
            return pick(FRAGMENTS);
        }
        if (catalogued.equals(PipelineSegmentFields.OPEN_DEAL_STAGE)) {
            return String.valueOf(random.nextInt(5) == 0 ? 0L : stages.get(random.nextInt(stages.size())));
        }
        if (catalogued.equals(io.keyuan.survey.SurveySegmentFields.LAST_NPS_SCORE)) {
            return pick(new String[] {"0", "6", "7", "8", "9", "10", "6.5"});
        }
        if (catalogued.equals(io.keyuan.survey.SurveySegmentFields.LAST_CSAT_SCORE)) {
            return pick(new String[] {"1", "3", "4", "5", "3.5"});
        }
        if (!(catalogued instanceof SegmentField field)) {
            return switch (catalogued.type()) {
                case NUMBER -> pick(random.nextBoolean() ? COUNTS : SPENDS);
                case BOOLEAN -> String.valueOf(random.nextBoolean());
                case ENUM -> pick(catalogued.enumType().getEnumConstants()).name();
                case DATE ->
                    TODAY.minusDays(DATE_OFFSETS[random.nextInt(DATE_OFFSETS.length)])
                            .toString();
                default -> pick(TEXTS);
            };
        }
        return switch (field) {
            case AGE -> pick(AGES);
            case INCOME -> pick(INCOMES);
            case DAYS_SINCE_LAST_PURCHASE -> pick(DAYS);
            case PURCHASE_COUNT, REFERRED_COUNT, PURCHASES_IN_WINDOW -> pick(COUNTS);
            case SPEND_IN_WINDOW -> pick(SPENDS);
            case R_SCORE, F_SCORE, M_SCORE -> pick(SCORES);
            case TOTAL_SPEND -> pick(SPENDS);
            case AVERAGE_ORDER_VALUE -> pick(AVERAGES);
            case RETURN_RATE -> pick(RETURN_RATES);
            case FIRST_PURCHASE, LAST_PURCHASE ->
                TODAY.minusDays(DATE_OFFSETS[random.nextInt(DATE_OFFSETS.length)])
                        .toString();
            case SOURCE_CHANNEL ->
                String.valueOf(random.nextInt(5) == 0 ? 0L : channels.get(random.nextInt(channels.size())));
            case REFERRED -> String.valueOf(random.nextBoolean());
            default ->
                field.type() == FieldType.ENUM
                        ? pick(field.enumType().getEnumConstants()).name()
                        : pick(TEXTS);
        };
    }

    /**
     * A customer; ids are 0, {@code referred} stands for a referrer the caller supplies and
     * {@code referredCount} follows from the referrals the caller makes.
     */
    CustomerFacts customer() {
        int channel = random.nextInt(channels.size() + 1) - 1;
        boolean metrics = random.nextInt(5) > 0;
        LocalDate first = null;
        LocalDate last = null;
        Integer count = null;
        BigDecimal spend = null;
        BigDecimal returned = null;
        if (metrics) {
            count = Integer.valueOf(pick(COUNTS));
            spend = count == 0
                    ? BigDecimal.ZERO
                    : new BigDecimal(pick(new String[] {"100", "100.5", "99.99", "1000", "0"}));
            if (count > 0) {
                last = date();
                first = random.nextBoolean() ? last : last.minusDays(random.nextInt(400));
            }
            // returns never give back more than was bought
            returned = random.nextInt(5) == 0 ? spend : new BigDecimal(pick(RETURNED)).min(spend);
        }
        List<CustomerFacts.Purchase> purchases = new ArrayList<>();
        int n = random.nextInt(3) == 0 ? 0 : random.nextInt(5);
        for (int i = 0; i < n; i++) {
            // Window edges: today, the first and the day before the first day of each window, tomorrow.
            int window = WINDOWS[random.nextInt(WINDOWS.length)];
            LocalDate date = TODAY.minusDays(window + random.nextInt(3) - 1);
            if (random.nextInt(8) == 0) {
                date = random.nextBoolean() ? TODAY : TODAY.plusDays(1);
            }
            purchases.add(new CustomerFacts.Purchase(date, new BigDecimal(pick(AMOUNTS))));
        }
        java.util.Set<Long> open = new java.util.HashSet<>();
        for (Long stage : stages) {
            if (random.nextInt(3) == 0) {
                open.add(stage);
            }
        }
        CustomerFacts drawn = new CustomerFacts(
                0,
                pick(TEXTS),
                enumName(io.keyuan.customer.Gender.class),
                random.nextInt(5) == 0 ? null : birthDate(),
                enumName(io.keyuan.customer.Occupation.class),
                random.nextInt(4) == 0 ? null : new BigDecimal(pick(INCOMES)),
                text(),
                text(),
                channel < 0 ? null : channels.get(channel),
                channel < 0 ? null : categories.get(channel).name(),
                enumName(io.keyuan.channel.AcquisitionMethod.class),
                random.nextBoolean(),
                enumName(io.keyuan.customer.NeedType.class),
                enumName(io.keyuan.customer.PurchaseStyle.class),
                enumName(io.keyuan.customer.Loyalty.class),
                text(),
                metrics ? pick(io.keyuan.customer.Lifecycle.values()).name() : null,
                metrics ? pick(io.keyuan.customer.ValueLevel.values()).name() : null,
                first,
                last,
                count,
                spend,
                returned,
                0,
                metrics ? score() : null,
                metrics ? score() : null,
                metrics ? score() : null,
                purchases,
                java.util.Map.of());
        // in memory the provided fields read what their sources would load from the rows inserted for these facts
        return drawn.with(PipelineSegmentFields.OPEN_DEAL_STAGES, open)
                .with(ProbeFields.PURCHASES, purchases)
                .with(io.keyuan.survey.SurveySegmentFields.FACTS, surveyFacts());
    }

    /**
     * Up to three responses (some without an NPS or CSAT score; two may share a time, when the later id wins) and up
     * to three complaints received on days around today, some still open. Ids are the database's, so the drawn ones
     * are placeholders; the rows inserted in this order get increasing ids.
     */
    private io.keyuan.survey.SurveySegmentFields.SurveyFacts surveyFacts() {
        List<io.keyuan.survey.SurveySegmentFields.SurveyFacts.Answered> responses = new java.util.ArrayList<>();
        int n = random.nextInt(4);
        java.time.Instant base = TODAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        for (int i = 0; i < n; i++) {
            java.time.Instant at = random.nextInt(4) == 0 && !responses.isEmpty()
                    ? responses.getLast().at()
                    : base.minusSeconds(3600L * random.nextInt(24 * 40));
            responses.add(new io.keyuan.survey.SurveySegmentFields.SurveyFacts.Answered(
                    at,
                    i,
                    random.nextInt(4) == 0 ? null : random.nextInt(11),
                    random.nextInt(3) == 0 ? null : 1 + random.nextInt(5)));
        }
        List<io.keyuan.survey.SurveySegmentFields.SurveyFacts.Complaint> complaints = new java.util.ArrayList<>();
        int m = random.nextInt(4);
        for (int i = 0; i < m; i++) {
            complaints.add(new io.keyuan.survey.SurveySegmentFields.SurveyFacts.Complaint(
                    TODAY.minusDays(DATE_OFFSETS[random.nextInt(DATE_OFFSETS.length)]), random.nextBoolean()));
        }
        return new io.keyuan.survey.SurveySegmentFields.SurveyFacts(responses, complaints);
    }

    /** A customer with nothing but an id and a name. */
    static CustomerFacts emptyCustomer() {
        return new CustomerFacts(
                1,
                "n",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                false,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                List.of(),
                java.util.Map.of());
    }

    private Integer score() {
        return random.nextInt(6) == 0 ? null : 1 + random.nextInt(5);
    }

    private LocalDate birthDate() {
        int years = Integer.parseInt(pick(AGES));
        LocalDate birthday = TODAY.minusYears(Math.max(years, 0));
        return switch (random.nextInt(3)) {
            case 0 -> birthday;
            case 1 -> birthday.plusDays(1);
            default -> birthday.minusDays(1 + random.nextInt(364));
        };
    }

    private LocalDate date() {
        int offset = Integer.parseInt(pick(DAYS));
        return TODAY.minusDays(offset + random.nextInt(3) - 1);
    }

    private String text() {
        int k = random.nextInt(6);
        return k == 0 ? null : k == 1 ? "" : pick(TEXTS);
    }

    private <E extends Enum<E>> String enumName(Class<E> type) {
        return random.nextInt(4) == 0 ? null : pick(type.getEnumConstants()).name();
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
