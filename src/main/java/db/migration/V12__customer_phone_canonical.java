package db.migration;

import io.keyuan.customer.PhoneNumbers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Stored phones in the canonical form the form and the sheet now store (13800138000, 010-12345678), so that
 * matching by phone finds them however they were typed. A phone that is not a mainland number is kept exactly as
 * it was: no data is lost. In Java because the rule (full-width digits, prefixes, extensions) is, and runs in
 * pages of ids so that a million customers need no more memory than a page.
 */
public class V12__customer_phone_canonical extends BaseJavaMigration {
    private static final int PAGE = 5_000;

    @Override
    public void migrate(Context context) throws SQLException {
        normalise(context.getConnection());
    }

    /** Rewrites the phones that parse to a different canonical form; returns how many it changed. */
    public static int normalise(Connection connection) throws SQLException {
        int changed = 0;
        long after = 0;
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT id, phone FROM customer WHERE id > ? AND phone IS NOT NULL ORDER BY id LIMIT " + PAGE);
                PreparedStatement update = connection.prepareStatement("UPDATE customer SET phone = ? WHERE id = ?")) {
            while (true) {
                select.setLong(1, after);
                int rows = 0;
                int batch = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        after = rs.getLong(1);
                        String phone = rs.getString(2);
                        String canonical = PhoneNumbers.canonical(phone).orElse(phone);
                        if (!canonical.equals(phone)) {
                            update.setString(1, canonical);
                            update.setLong(2, after);
                            update.addBatch();
                            batch++;
                        }
                    }
                }
                if (batch > 0) {
                    update.executeBatch();
                    changed += batch;
                }
                if (rows < PAGE) {
                    return changed;
                }
            }
        }
    }
}
