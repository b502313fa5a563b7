package io.keyuan.cli;

import io.keyuan.customer.CustomerRef;
import io.keyuan.customer.CustomerService;
import io.keyuan.segmentation.SegmentMembershipRefreshed;
import io.keyuan.segmentation.SegmentMembershipService;
import io.keyuan.segmentation.SegmentOverviewRow;
import io.keyuan.shared.SystemActor;
import io.keyuan.survey.CampaignChannel;
import io.keyuan.survey.CampaignDetail;
import io.keyuan.survey.CampaignDraft;
import io.keyuan.survey.CampaignRow;
import io.keyuan.survey.CampaignService;
import io.keyuan.survey.CampaignStatus;
import io.keyuan.survey.LocalizedText;
import io.keyuan.survey.QuestionDraft;
import io.keyuan.survey.QuestionKind;
import io.keyuan.survey.SurveyDetail;
import io.keyuan.survey.SurveyDraft;
import io.keyuan.survey.SurveyService;
import io.keyuan.survey.SurveyStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A demo satisfaction survey (NPS, CSAT, CES, choices, free text in three languages) and two campaigns: a phone
 * campaign to 30 customers, open at once for the phone entry form, and an online one to the demo segment 活跃客户,
 * sent as soon as the demo's first membership refresh has filled that segment (before it, the segment is empty).
 */
@Component
class SurveyDemoSeeder {
    static final String SEGMENT = "活跃客户";
    static final String ONLINE_NAME = "2026 冬季满意度调查（在线 · 活跃客户）";
    private static final Logger log = LoggerFactory.getLogger(SurveyDemoSeeder.class);

    private final SurveyService surveys;
    private final CampaignService campaigns;
    private final CustomerService customers;
    private final SegmentMembershipService membership;
    private final TransactionTemplate newTransaction;
    private final Clock clock;

    SurveyDemoSeeder(
            SurveyService surveys,
            CampaignService campaigns,
            CustomerService customers,
            SegmentMembershipService membership,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.surveys = surveys;
        this.campaigns = campaigns;
        this.customers = customers;
        this.membership = membership;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    /** Adds the demo survey and campaigns unless any survey exists; returns the number of campaigns created. */
    int seed() {
        if (!surveys.list().isEmpty()) {
            return 0;
        }
        SurveyDetail survey = surveys.save(new SurveyDraft(
                null,
                0,
                "DEMO-CSAT-2026",
                "客户满意度调查（示例）",
                SurveyStatus.ACTIVE,
                List.of(
                        new QuestionDraft(
                                QuestionKind.NPS,
                                true,
                                new LocalizedText(
                                        "您向亲友推荐我们的可能性有多大？",
                                        "您向親友推薦我們的可能性有多大？",
                                        "How likely are you to recommend us to friends and family?"),
                                List.of()),
                        new QuestionDraft(
                                QuestionKind.CSAT,
                                true,
                                new LocalizedText(
                                        "您对最近一次购物的整体满意度？",
                                        "您對最近一次購物的整體滿意度？",
                                        "How satisfied were you with your last purchase?"),
                                List.of()),
                        new QuestionDraft(
                                QuestionKind.CES,
                                false,
                                new LocalizedText(
                                        "解决您的问题有多容易？", "解決您的問題有多容易？", "How easy was it to get your issue solved?"),
                                List.of()),
                        new QuestionDraft(
                                QuestionKind.SINGLE_CHOICE,
                                false,
                                new LocalizedText("您主要在哪里购买？", "您主要在哪裡購買？", "Where do you mostly buy?"),
                                List.of(
                                        new LocalizedText("门店", "門市", "In store"),
                                        new LocalizedText("官网", "官網", "Our website"),
                                        new LocalizedText("电商平台", "電商平台", "Marketplaces"),
                                        new LocalizedText("电话订购", "電話訂購", "By phone"))),
                        new QuestionDraft(
                                QuestionKind.MULTIPLE_CHOICE,
                                false,
                                new LocalizedText("您最看重哪些方面？", "您最看重哪些方面？", "What matters most to you?"),
                                List.of(
                                        new LocalizedText("价格", "價格", "Price"),
                                        new LocalizedText("质量", "品質", "Quality"),
                                        new LocalizedText("服务", "服務", "Service"),
                                        new LocalizedText("配送速度", "配送速度", "Delivery speed"))),
                        new QuestionDraft(
                                QuestionKind.FREE_TEXT,
                                false,
                                new LocalizedText(
                                        "还有什么想告诉我们的？", "還有什麼想告訴我們的？", "Anything else you would like to tell us?"),
                                List.of()))));
        Instant now = clock.instant();
        Instant opens = now.minus(1, ChronoUnit.DAYS);
        Instant closes = now.plus(30, ChronoUnit.DAYS);
        List<Long> picked =
                customers.findRefs("", 0, 30).stream().map(CustomerRef::id).toList();
        CampaignDetail phone = campaigns.save(new CampaignDraft(
                null, 0, "2026 冬季满意度回访（电话）", survey.id(), CampaignChannel.PHONE, null, picked, opens, closes));
        if (!picked.isEmpty()) {
            campaigns.send(phone.id(), phone.version());
        }
        Optional<SegmentOverviewRow> active = membership.overview().stream()
                .filter(s -> SEGMENT.equals(s.segmentName()))
                .findFirst();
        if (active.isEmpty()) {
            return 1;
        }
        CampaignDetail online = campaigns.save(new CampaignDraft(
                null,
                0,
                ONLINE_NAME,
                survey.id(),
                CampaignChannel.ONLINE,
                active.get().segmentId(),
                List.of(),
                opens,
                closes));
        // the first refresh may have ended already (its event came before this draft existed)
        if (membership.memberCount(active.get().segmentId()) > 0) {
            sendOnline(online);
        }
        return 2;
    }

    private void sendOnline(CampaignDetail c) {
        try {
            // after a refresh's commit its transaction is still bound: the send needs a fresh one
            newTransaction.executeWithoutResult(tx -> campaigns.send(c.id(), c.version()));
            log.info("Demo campaign {} sent to segment {}", c.name(), SEGMENT);
        } catch (io.keyuan.shared.KeyuanException e) {
            log.info("Demo campaign {} not sent: {}", c.name(), e.getMessage()); // sent already, by the other path
        }
    }

    /** Sends the demo's online campaign once a refresh has given its segment members. */
    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void membershipRefreshed(SegmentMembershipRefreshed event) {
        SystemActor.run(() -> {
            for (CampaignRow row : campaigns.list()) {
                if (!ONLINE_NAME.equals(row.name()) || row.status() != CampaignStatus.DRAFT) {
                    continue;
                }
                CampaignDetail c = campaigns.get(row.id());
                boolean filled = event.segments().stream()
                        .anyMatch(s -> c.segmentId() != null && s.segmentId() == c.segmentId() && s.members() > 0);
                if (filled) {
                    sendOnline(c);
                }
            }
        });
    }
}
