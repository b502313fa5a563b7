-- Monthly costs are entered by managers: deleting a channel (or undoing the import that created it) must not take
-- them silently. The channel service deletes a channel's costs explicitly when a manager deletes the channel.
SET foreign_key_checks = 0;
ALTER TABLE channel_cost DROP FOREIGN KEY fk_channel_cost_channel;
ALTER TABLE channel_cost ADD CONSTRAINT fk_channel_cost_channel FOREIGN KEY (channel_id) REFERENCES source_channel (id);
SET foreign_key_checks = 1;
