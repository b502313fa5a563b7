package io.keyuan.customer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Keeps the pinyin columns of the quick search ({@code name_pinyin}, {@code name_initials}, {@code pinyin_crc}) for
 * rows written by SQL (imports, their undo, the migration): the entity spells itself on save, the bulk loader and
 * the importer's inserts spell as they write, and this finds any row whose name changed since it was spelt.
 */
public final class CustomerSearchSpelling {
    private static final int PAGE = 5_000;

    private CustomerSearchSpelling() {}

    /** Spells the names of ids {@code from..to} (inclusive) that have no spelling or a stale one; returns how many. */
    public static int spellStale(Connection connection, long from, long to) throws SQLException {
        int spelt = 0;
        long after = from - 1;
        try (PreparedStatement select =
                        connection.prepareStatement("SELECT id, name FROM customer WHERE id > ? AND id <= ?"
                                + " AND (pinyin_crc IS NULL OR pinyin_crc <> CRC32(name)) ORDER BY id LIMIT " + PAGE);
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE customer SET name_pinyin = ?, name_initials = ?, pinyin_crc = ? WHERE id = ?")) {
            while (true) {
                select.setLong(1, after);
                select.setLong(2, to);
                int rows = 0;
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        after = rs.getLong(1);
                        NamePinyin p = NamePinyin.of(rs.getString(2));
                        update.setObject(1, p.full(), Types.VARCHAR);
                        update.setObject(2, p.initials(), Types.VARCHAR);
                        update.setLong(3, p.crc());
                        update.setLong(4, after);
                        update.addBatch();
                    }
                }
                if (rows > 0) {
                    update.executeBatch();
                    spelt += rows;
                }
                if (rows < PAGE) {
                    return spelt;
                }
            }
        }
    }
}
