-- What became of each e-mail recipient's mail: SENT, FAILED (the server or the address refused it) or NO_ADDRESS;
-- NULL for other channels and when no mail server is configured. A manager re-mails FAILED and NO_ADDRESS
-- recipients who have not answered (with a fresh link, as the first one was never delivered).
ALTER TABLE survey_recipient ADD COLUMN mail_status VARCHAR(12) NULL;
