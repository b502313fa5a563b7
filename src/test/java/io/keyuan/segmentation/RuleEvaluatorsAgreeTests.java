package io.keyuan.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.TestData;
import io.keyuan.channel.ChannelCategory;
import io.keyuan.pipeline.PipelineSegmentFields;
import io.keyuan.shared.db.TestDatabases;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The property that makes the in-memory evaluator trustworthy: for random rules over random customers (nulls,
 * birthdays, equal amounts, today and tomorrow, empty and padded text, quotes, purchases at window edges, open and
 * won deals, referrals), the compiled SQL selects exactly the customers the compiled predicate accepts, in MariaDB.
 * jqwik draws a seed per try; each try inserts its own population and checks its own rules against it, so a failure
 * names the seed and the rule that reproduce it. jqwik has no Spring test context: the property runs against a
 * database of its own, migrated as the application's ({@link TestDatabases}).
 */
class RuleEvaluatorsAgreeTests {
    private static final int CUSTOMERS = 150;
    private static final int RULES = 300;
    /** The application's fields, and probes of the kinds of provided fields the pipeline does not have. */
    private static final SegmentFieldCatalogue CATALOGUE = SegmentFieldCatalogue.of(
            () -> List.of(PipelineSegmentFields.OPEN_DEAL_STAGE),
            new ProbeFields(),
            new io.keyuan.survey.SurveySegmentFields());

    private static final Set<CatalogueField> COVERED = new HashSet<>();
    /** Fields of single-condition rules that selected some but not all customers. */
    private static final Set<CatalogueField> SPLIT = new HashSet<>();

    private static NamedParameterJdbcTemplate jdbc;
    private static CustomerFactsLoader loader;

    @BeforeContainer
    static void database() {
        jdbc = new NamedParameterJdbcTemplate(TestDatabases.migrated("rules"));
        loader = new CustomerFactsLoader(jdbc, CATALOGUE);
    }

    @AfterContainer
    static void everyFieldWasReached() {
        assertThat(COVERED)
                .as("fields the random rules reached")
                .containsExactlyInAnyOrderElementsOf(CATALOGUE.fields());
        assertThat(COVERED)
                .as("provided fields among them")
                .contains(PipelineSegmentFields.OPEN_DEAL_STAGE)
                .contains(io.keyuan.survey.SurveySegmentFields.LAST_NPS_SCORE)
                .contains(io.keyuan.survey.SurveySegmentFields.COMPLAINTS_IN_WINDOW);
        assertThat(SPLIT)
                .as("fields whose conditions alone split the customers")
                .contains(SegmentField.RETURN_RATE, SegmentField.TOTAL_SPEND);
    }

    @Property(tries = 20)
    void sql_and_in_memory_evaluators_agree_on_random_rules_and_customers(@ForAll long seed) {
        Random random = new Random(seed);
        String marker = "SEG" + TestData.unique();
        List<ChannelCategory> categories = List.of(ChannelCategory.ONLINE, ChannelCategory.REFERRAL);
        List<Long> channels = new ArrayList<>();
        for (ChannelCategory category : categories) {
            channels.add(insertChannel(marker, category));
        }
        // Two open stages rules may name, and a won stage whose deals are not open.
        List<Long> open = jdbc.queryForList(
                "SELECT id FROM pipeline_stage WHERE pipeline_id = 1 AND kind = 'OPEN' ORDER BY position LIMIT 2",
                new MapSqlParameterSource(),
                Long.class);
        long won = jdbc.queryForObject(
                "SELECT MIN(id) FROM pipeline_stage WHERE pipeline_id = 1 AND kind = 'WON'",
                new MapSqlParameterSource(),
                Long.class);
        RandomRules gen = new RandomRules(random, channels, categories, open, CATALOGUE);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            ids.add(insert(marker + "-" + i, gen.customer(), ids, random, won));
        }
        List<CustomerFacts> facts = loader.byCodePrefix(marker);
        assertThat(facts).hasSize(CUSTOMERS);

        int checked = 0;
        int nonTrivial = 0;
        Set<CatalogueField> covered = new HashSet<>();
        Set<CatalogueField> split = new HashSet<>();
        for (int i = 0; i < RULES; i++) {
            RuleNode rule = gen.rule(4);
            if (!RuleValidator.problems(rule).isEmpty()) {
                continue;
            }
            checked++;
            fields(rule, covered);
            SqlRuleCompiler.CompiledRule sql = SqlRuleCompiler.compile(rule, RandomRules.TODAY);
            MapSqlParameterSource params = sql.params().addValue("marker", marker);
            Set<Long> fromSql = new TreeSet<>(jdbc.queryForList(
                    "SELECT c.id FROM " + SqlRuleCompiler.FROM + " WHERE c.code LIKE CONCAT(:marker, '-%') AND "
                            + sql.where(),
                    params,
                    Long.class));
            Predicate<CustomerFacts> predicate = PredicateCompiler.compile(rule, RandomRules.TODAY);
            Set<Long> inMemory = new TreeSet<>();
            for (CustomerFacts f : facts) {
                if (predicate.test(f)) {
                    inMemory.add(f.id());
                }
            }
            if (!inMemory.isEmpty() && inMemory.size() < CUSTOMERS) {
                nonTrivial++;
                if (rule instanceof RuleNode.Condition c) {
                    split.add(c.field());
                }
            }
            Set<Long> onlySql = new HashSet<>(fromSql);
            onlySql.removeAll(inMemory);
            Set<Long> onlyMemory = new HashSet<>(inMemory);
            onlyMemory.removeAll(fromSql);
            assertThat(fromSql)
                    .as(
                            "seed %d, rule %s, where %s; only SQL: %s, only in memory: %s",
                            seed, RuleText.write(rule), sql.where(), onlySql, onlyMemory)
                    .isEqualTo(inMemory);
        }
        assertThat(checked).as("valid random rules").isGreaterThan(RULES / 2);
        assertThat(nonTrivial).as("rules that split the customers").isGreaterThan(checked / 4);
        synchronized (COVERED) {
            COVERED.addAll(covered);
            SPLIT.addAll(split);
        }
    }

    private static void fields(RuleNode node, Set<CatalogueField> into) {
        switch (node) {
            case RuleNode.Group g -> g.children().forEach(c -> fields(c, into));
            case RuleNode.Not n -> fields(n.child(), into);
            case RuleNode.Condition c -> into.add(c.field());
        }
    }

    private long insertChannel(String marker, ChannelCategory category) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                "INSERT INTO source_channel (name, category, acquisition_method, active, version, created_at,"
                        + " created_by, updated_at, updated_by) VALUES (:name, :category, 'ADVERTISING', TRUE, 0,"
                        + " UTC_TIMESTAMP(6), 'test', UTC_TIMESTAMP(6), 'test')",
                new MapSqlParameterSource("name", marker + category).addValue("category", category.name()),
                keys,
                new String[] {"id"});
        return keys.getKey().longValue();
    }

    private long insert(String code, CustomerFacts f, List<Long> earlier, Random random, long wonStage) {
        Long referrer = f.referred() && !earlier.isEmpty() ? earlier.get(random.nextInt(earlier.size())) : null;
        Timestamp now = Timestamp.from(Instant.now());
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("code", code)
                .addValue("name", f.name())
                .addValue("gender", f.gender())
                .addValue("birth", f.birthDate() == null ? null : java.sql.Date.valueOf(f.birthDate()))
                .addValue("occupation", f.occupation())
                .addValue("income", f.income())
                .addValue("province", f.province())
                .addValue("city", f.city())
                .addValue("channel", f.channelId())
                .addValue("method", f.acquisitionMethod())
                .addValue("referrer", referrer)
                .addValue("need", f.needType())
                .addValue("style", f.purchaseStyle())
                .addValue("loyalty", f.loyalty())
                .addValue("tags", f.tags())
                .addValue("now", now);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update(
                "INSERT INTO customer (code, name, kind, gender, birth_date, occupation, income, province, city,"
                        + " source_channel_id, acquisition_method, referred_by_id, need_type, purchase_style, loyalty,"
                        + " tags, version, created_at, created_by, updated_at, updated_by) VALUES (:code, :name,"
                        + " 'PERSON', :gender, :birth, :occupation, :income, :province, :city, :channel, :method,"
                        + " :referrer, :need, :style, :loyalty, :tags, 0, :now, 'test', :now, 'test')",
                p,
                keys,
                new String[] {"id"});
        long id = keys.getKey().longValue();
        if (f.lifecycle() != null) {
            jdbc.update(
                    "INSERT INTO customer_metrics (customer_id, first_purchase, last_purchase, frequency, monetary,"
                            + " returned_amount, recent_spend, lifecycle, value_level, r_score, f_score, m_score,"
                            + " refreshed_at) VALUES (:id, :first, :last, :count, :spend, :returned, 0, :lifecycle,"
                            + " :value, :r, :f, :m, :now)",
                    new MapSqlParameterSource("id", id)
                            .addValue(
                                    "first",
                                    f.firstPurchase() == null ? null : java.sql.Date.valueOf(f.firstPurchase()))
                            .addValue("last", f.lastPurchase() == null ? null : java.sql.Date.valueOf(f.lastPurchase()))
                            .addValue("count", f.purchaseCount())
                            .addValue("spend", f.totalSpend())
                            .addValue("returned", f.returnedAmount())
                            .addValue("lifecycle", f.lifecycle())
                            .addValue("value", f.valueLevel())
                            .addValue("r", f.rScore())
                            .addValue("f", f.fScore())
                            .addValue("m", f.mScore())
                            .addValue("now", now));
        }
        for (CustomerFacts.Purchase purchase : f.purchases()) {
            jdbc.update(
                    "INSERT INTO purchase (customer_id, purchase_date, product, quantity, amount, channel, version,"
                            + " created_at, created_by, updated_at, updated_by) VALUES (:id, :date, 'p', 1, :amount,"
                            + " 'STORE', 0, :now, 'test', :now, 'test')",
                    new MapSqlParameterSource("id", id)
                            .addValue("date", java.sql.Date.valueOf(purchase.date()))
                            .addValue("amount", purchase.amount())
                            .addValue("now", now));
        }
        Set<Long> open = f.provided(PipelineSegmentFields.OPEN_DEAL_STAGES);
        List<Long> dealStages = new ArrayList<>(open == null ? Set.of() : open);
        if (random.nextInt(4) == 0) {
            dealStages.add(wonStage);
        }
        insertSurveyRows(id, f.provided(io.keyuan.survey.SurveySegmentFields.FACTS), now, random);
        for (long stage : dealStages) {
            jdbc.update(
                    "INSERT INTO deal (pipeline_id, stage_id, title, customer_id, stage_entered_at, version,"
                            + " created_at, created_by, updated_at, updated_by) VALUES (1, :stage, 'd', :id, :now, 0,"
                            + " :now, 'test', :now, 'test')",
                    new MapSqlParameterSource("id", id).addValue("stage", stage).addValue("now", now));
        }
        return id;
    }

    /** The survey and campaign the random responses belong to (rows need them), made once per database. */
    private static long[] surveyAndCampaign;

    private static synchronized long[] surveyAndCampaign(Object now) {
        if (surveyAndCampaign == null) {
            GeneratedKeyHolder keys = new GeneratedKeyHolder();
            jdbc.update(
                    "INSERT INTO survey (code, name, status, version, created_at, created_by, updated_at, updated_by)"
                            + " VALUES (:code, 'rules', 'ACTIVE', 0, :now, 'test', :now, 'test')",
                    new MapSqlParameterSource("code", "RULES-" + TestData.unique()).addValue("now", now),
                    keys,
                    new String[] {"id"});
            long survey = keys.getKey().longValue();
            keys = new GeneratedKeyHolder();
            jdbc.update(
                    "INSERT INTO survey_campaign (name, survey_id, channel, status, opens_at, closes_at, version,"
                            + " created_at, created_by, updated_at, updated_by) VALUES ('rules', :survey, 'PHONE',"
                            + " 'OPEN', :now, DATE_ADD(:now, INTERVAL 1 DAY), 0, :now, 'test', :now, 'test')",
                    new MapSqlParameterSource("survey", survey).addValue("now", now),
                    keys,
                    new String[] {"id"});
            surveyAndCampaign = new long[] {survey, keys.getKey().longValue()};
        }
        return surveyAndCampaign;
    }

    /** Responses (in the drawn order, so ids increase as drawn) and complaints for the drawn survey facts. */
    private static void insertSurveyRows(
            long customerId, io.keyuan.survey.SurveySegmentFields.SurveyFacts facts, Object now, Random random) {
        if (facts == null) {
            return;
        }
        long[] sc = surveyAndCampaign(now);
        for (var r : facts.responses()) {
            jdbc.update(
                    "INSERT INTO survey_response (campaign_id, survey_id, customer_id, channel, answered_at, nps_score,"
                            + " csat_score) VALUES (:campaign, :survey, :customer, 'PHONE', :at, :nps, :csat)",
                    new MapSqlParameterSource("campaign", sc[1])
                            .addValue("survey", sc[0])
                            .addValue("customer", customerId)
                            .addValue(
                                    "at",
                                    java.sql.Timestamp.valueOf(
                                            java.time.LocalDateTime.ofInstant(r.at(), java.time.ZoneOffset.UTC)))
                            .addValue("nps", r.nps())
                            .addValue("csat", r.csat()));
        }
        int offset = io.keyuan.shared.BusinessTime.ZONE
                .getRules()
                .getOffset(java.time.Instant.now())
                .getTotalSeconds();
        for (var c : facts.complaints()) {
            // received at a random time of the drawn business day, kept as UTC like every DATETIME
            java.time.LocalDateTime local = c.day().atStartOfDay().plusMinutes(random.nextInt(24 * 60));
            jdbc.update(
                    "INSERT INTO feedback (kind, category, severity, status, title, customer_id, version, created_at,"
                            + " created_by, updated_at, updated_by) VALUES ('COMPLAINT', 'OTHER', 'LOW', :status, 't',"
                            + " :customer, 0, :at, 'test', :at, 'test')",
                    new MapSqlParameterSource("status", c.open() ? "OPEN" : "CLOSED")
                            .addValue("customer", customerId)
                            .addValue("at", java.sql.Timestamp.valueOf(local.minusSeconds(offset))));
        }
    }
}
