-- Quick search by pinyin and its initials (filled by the application, which spells names with pinyin4j; pinyin_crc
-- is CRC32(name) of the name it spelt, so a name changed without a new spelling is found again), and by the last
-- digits of a phone (the phone reversed: a tail becomes an index prefix).
ALTER TABLE customer
    ADD COLUMN name_pinyin VARCHAR(200) NULL,
    ADD COLUMN name_initials VARCHAR(100) NULL,
    ADD COLUMN pinyin_crc BIGINT NULL,
    ADD COLUMN phone_tail VARCHAR(32) AS (REVERSE(phone)) VIRTUAL,
    ADD KEY ix_customer_name_pinyin (name_pinyin),
    ADD KEY ix_customer_name_initials (name_initials),
    ADD KEY ix_customer_phone_tail (phone_tail);
