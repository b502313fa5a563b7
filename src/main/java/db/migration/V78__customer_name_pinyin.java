package db.migration;

import io.keyuan.customer.CustomerSearchSpelling;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** Spells every existing customer's name in pinyin (V77's columns), in pages of ids. */
public class V78__customer_name_pinyin extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        CustomerSearchSpelling.spellStale(context.getConnection(), 0, Long.MAX_VALUE);
    }
}
