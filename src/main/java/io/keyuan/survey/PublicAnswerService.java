package io.keyuan.survey;

import io.keyuan.shared.KeyuanException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public answer page's service, for anyone holding a link: no sign-in and so no role to check (the token is
 * the credential; ArchitectureTests lists these methods as deliberately open). A link that is forged, used already, of a closed or ended campaign, or not yet open is refused
 * with one message ({@code survey.public.error.link}) by one path: the token's hash is looked up by its unique
 * index, compared in constant time against the row found (or a dummy), and every condition is evaluated before
 * the single refusal, so neither the message nor the work done tells whether a link ever existed. Requests are
 * rate-limited per client address and per link ({@link PublicAnswerLimits}).
 */
@Service
public class PublicAnswerService {
    private static final byte[] DUMMY = AnswerLinks.hash("no-such-link");
    private static final Set<RecipientStatus> ANSWERABLE = Set.of(RecipientStatus.PENDING);

    private final NamedParameterJdbcTemplate jdbc;
    private final ResponseRecorder recorder;
    private final PublicAnswerLimits limits;
    private final Clock clock;

    PublicAnswerService(
            NamedParameterJdbcTemplate jdbc, ResponseRecorder recorder, PublicAnswerLimits limits, Clock clock) {
        this.jdbc = jdbc;
        this.recorder = recorder;
        this.limits = limits;
        this.clock = clock;
    }

    /** The link's survey as the respondent answers it; refused as described above. */
    @Transactional(readOnly = true)
    public SurveyForm open(String token, String clientAddress) {
        Link link = valid(token, clientAddress);
        Map<String, Object> s = jdbc.queryForMap(
                "SELECT name FROM survey WHERE id = :id",
                Map.of("id", link.target().surveyId()));
        return new SurveyForm(
                link.target().surveyId(),
                (String) s.get("name"),
                recorder.questionsOf(link.target().surveyId()));
    }

    /**
     * Records the link's response; refused like {@link #open}, or with the answer at fault. A second submit through
     * the same link — even one racing the first — gets the link refusal.
     */
    @Transactional
    public void submit(String token, String clientAddress, List<AnswerInput> answers) {
        Link link = valid(token, clientAddress);
        try {
            recorder.record(link.target(), answers, null, ANSWERABLE);
        } catch (ResponseRecorder.AlreadyAnswered e) {
            throw refused();
        }
    }

    private record Link(ResponseRecorder.Target target) {}

    private Link valid(String token, String clientAddress) {
        byte[] hash = AnswerLinks.hash(token);
        limits.take(clientAddress, hash);
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT r.id, r.token_hash, r.status, r.customer_id, c.id AS campaign_id, c.survey_id, c.channel,
                       c.status AS campaign_status, c.opens_at, c.closes_at
                FROM survey_recipient r JOIN survey_campaign c ON c.id = r.campaign_id
                WHERE r.token_hash = :hash""", Map.of("hash", hash));
        Map<String, Object> row = rows.isEmpty() ? Map.of() : rows.getFirst();
        byte[] stored = row.get("token_hash") instanceof byte[] b ? b : DUMMY;
        boolean same = MessageDigest.isEqual(stored, hash);
        Instant now = clock.instant();
        Instant opens = instant(row.get("opens_at"));
        Instant closes = instant(row.get("closes_at"));
        boolean found = !rows.isEmpty();
        boolean pending = RecipientStatus.PENDING.name().equals(row.get("status"));
        boolean open = CampaignStatus.OPEN.name().equals(row.get("campaign_status"));
        boolean inPeriod = opens != null && closes != null && !now.isBefore(opens) && now.isBefore(closes);
        boolean linked = row.get("channel") instanceof String ch
                && CampaignChannel.valueOf(ch).linked();
        boolean ok = found & same & pending & open & inPeriod & linked;
        if (!ok) {
            throw refused();
        }
        return new Link(new ResponseRecorder.Target(
                ((Number) row.get("id")).longValue(),
                ((Number) row.get("campaign_id")).longValue(),
                ((Number) row.get("survey_id")).longValue(),
                row.get("customer_id") == null ? null : ((Number) row.get("customer_id")).longValue(),
                CampaignChannel.valueOf((String) row.get("channel"))));
    }

    static KeyuanException refused() {
        return new KeyuanException("survey.public.error.link");
    }

    private static Instant instant(Object column) {
        return switch (column) {
            case null -> null;
            case Timestamp t -> t.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
            case java.time.LocalDateTime l -> l.toInstant(java.time.ZoneOffset.UTC);
            default -> null;
        };
    }
}
