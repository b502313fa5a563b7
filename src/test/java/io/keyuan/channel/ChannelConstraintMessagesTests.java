package io.keyuan.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyuan.KeyuanIntegrationTest;
import io.keyuan.TestData;
import io.keyuan.shared.KeyuanException;
import io.keyuan.shared.db.ConstraintMessages;
import java.time.LocalDate;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/** Each constraint of the channel and cost tables has its own message, on its own field. */
@KeyuanIntegrationTest
class ChannelConstraintMessagesTests {
    private static final String AUDIT = ", 0, NOW(), 't', NOW(), 't')";

    @Autowired
    JdbcTemplate jdbc;

    private DataIntegrityViolationException refused(String sql, Object... args) {
        try {
            jdbc.update(sql, args);
        } catch (DataIntegrityViolationException e) {
            return e;
        }
        throw new AssertionError("the database accepted " + sql);
    }

    private static final String CHANNEL = "INSERT INTO source_channel (name, category, acquisition_method, active,"
            + " version, created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, TRUE" + AUDIT;
    private static final String COST = "INSERT INTO channel_cost (channel_id, month, amount, version, created_at,"
            + " created_by, updated_at, updated_by) VALUES (?, ?, ?" + AUDIT;

    @Test
    void channel_and_cost_constraints_say_what_is_wrong_and_where() {
        String name = "约束" + TestData.unique();
        jdbc.update(CHANNEL, name, "ONLINE", "RESEARCH");
        long id = jdbc.queryForObject("SELECT id FROM source_channel WHERE name = ?", Long.class, name);

        KeyuanException taken = ConstraintMessages.refusal(
                refused(CHANNEL, name, "ONLINE", "RESEARCH"), ChannelService.CHANNEL_CONSTRAINTS, name);
        assertThat(taken.field()).isEqualTo("name");
        assertThat(taken.messageKey()).isEqualTo("channel.error.name-taken");
        assertThat(ConstraintMessages.refusal(
                                refused(CHANNEL, name + "x", "MOON", "RESEARCH"), ChannelService.CHANNEL_CONSTRAINTS)
                        .field())
                .isEqualTo("category");

        LocalDate month = YearMonth.now().minusMonths(1).atDay(1);
        jdbc.update(COST, id, month, 10);
        KeyuanException monthTaken =
                ConstraintMessages.refusal(refused(COST, id, month, 20), ChannelService.COST_CONSTRAINTS);
        assertThat(monthTaken.field()).isEqualTo("month");
        assertThat(monthTaken.messageKey()).isEqualTo("constraint.cost-month-taken");
        assertThat(ConstraintMessages.refusal(
                                refused(COST, id, month.minusMonths(1), -1), ChannelService.COST_CONSTRAINTS)
                        .messageKey())
                .isEqualTo("validation.not-negative");
        assertThat(ConstraintMessages.refusal(refused(COST, Long.MAX_VALUE, month, 1), ChannelService.COST_CONSTRAINTS)
                        .messageKey())
                .isEqualTo("constraint.channel-gone");
    }
}
