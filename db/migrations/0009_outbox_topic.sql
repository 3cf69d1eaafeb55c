ALTER TABLE `outbox` ADD `topic` text;--> statement-breakpoint
CREATE INDEX `outbox_topic_idx` ON `outbox` (`network_id`,`topic`);