package io.keyuan.customer;

import io.keyuan.shared.Roles;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * Writes many customers and purchases fast: plain JDBC batches with the driver's defaults, one transaction per
 * call. For demo data, benchmarks and imports; not for single edits (those go through {@link CustomerService}).
 */
@Service
public class CustomerBulkLoader {
    private static final String INSERT_CUSTOMER = """
            INSERT INTO customer (id, code, name, kind, gender, birth_date, occupation, income, province, city,
                phone, email, source_channel_id, acquisition_method, referred_by_id, need_type, purchase_style,
                loyalty, tags, owner_id, name_pinyin, name_initials, pinyin_crc, version, created_at, created_by,
                updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
            """;
    private static final String INSERT_PURCHASE = """
            INSERT INTO purchase (customer_id, purchase_date, product, quantity, amount, channel, version,
                created_at, created_by, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)
            """;

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    CustomerBulkLoader(DataSource dataSource, JdbcTemplate jdbc, Clock clock) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The first free customer id; the caller numbers its rows from there (single writer). */
    @PreAuthorize(Roles.HAS_ADMIN)
    public long nextCustomerId() {
        Long max = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM customer", Long.class);
        return (max == null ? 0 : max) + 1;
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    public long customerCount() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM customer", Long.class);
        return n == null ? 0 : n;
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    public void insertCustomers(List<NewCustomer> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        String who = actor();
        inTransaction(INSERT_CUSTOMER, ps -> {
            for (NewCustomer c : rows) {
                int i = 1;
                ps.setLong(i++, c.id());
                ps.setString(i++, c.code());
                ps.setString(i++, c.name());
                ps.setString(i++, c.kind().name());
                setEnum(ps, i++, c.gender());
                ps.setObject(i++, c.birthDate() == null ? null : Date.valueOf(c.birthDate()), Types.DATE);
                setEnum(ps, i++, c.occupation());
                ps.setBigDecimal(i++, c.income());
                ps.setString(i++, c.province());
                ps.setString(i++, c.city());
                ps.setString(i++, c.phone());
                ps.setString(i++, c.email());
                ps.setObject(i++, c.sourceChannelId(), Types.BIGINT);
                setEnum(ps, i++, c.acquisitionMethod());
                ps.setObject(i++, c.referredById(), Types.BIGINT);
                setEnum(ps, i++, c.needType());
                setEnum(ps, i++, c.purchaseStyle());
                setEnum(ps, i++, c.loyalty());
                ps.setString(i++, c.tags());
                ps.setObject(i++, c.ownerId(), Types.BIGINT);
                NamePinyin spelling = NamePinyin.of(c.name());
                ps.setObject(i++, spelling.full(), Types.VARCHAR);
                ps.setObject(i++, spelling.initials(), Types.VARCHAR);
                ps.setLong(i++, spelling.crc());
                ps.setTimestamp(i++, now);
                ps.setString(i++, who);
                ps.setTimestamp(i++, now);
                ps.setString(i, who);
                ps.addBatch();
            }
        });
    }

    @PreAuthorize(Roles.HAS_ADMIN)
    public void insertPurchases(List<NewPurchase> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        String who = actor();
        inTransaction(INSERT_PURCHASE, ps -> {
            for (NewPurchase p : rows) {
                ps.setLong(1, p.customerId());
                ps.setDate(2, Date.valueOf(p.date()));
                ps.setString(3, p.product());
                ps.setInt(4, p.quantity());
                ps.setBigDecimal(5, p.amount());
                ps.setString(6, p.channel().name());
                ps.setTimestamp(7, now);
                ps.setString(8, who);
                ps.setTimestamp(9, now);
                ps.setString(10, who);
                ps.addBatch();
            }
        });
    }

    /** Refreshes the optimizer's statistics after a bulk load, so that the grid's plans use the indexes. */
    @PreAuthorize(Roles.HAS_ADMIN)
    public void analyze() {
        jdbc.execute("ANALYZE TABLE customer, purchase, customer_metrics");
    }

    private interface BatchFiller {
        void fill(PreparedStatement ps) throws SQLException;
    }

    private void inTransaction(String sql, BatchFiller filler) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                filler.fill(ps);
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Bulk insert failed: " + e.getMessage(), e);
        }
    }

    private static void setEnum(PreparedStatement ps, int index, Enum<?> value) throws SQLException {
        ps.setString(index, value == null ? null : value.name());
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
