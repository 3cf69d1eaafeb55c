ALTER TABLE `audit_log` ADD `message_key` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `message_params` text;--> statement-breakpoint
ALTER TABLE `audit_log` ADD `search_text` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Entries written before messages were stored are searched by their bokmål summary, folded as
-- app/utils/search-text.ts folds (æ→ae, ø→o, å→a, lower case), and with the arrow read as words.
UPDATE `audit_log` SET `search_text` = lower(replace(replace(replace(replace(replace(replace(replace(`summary`, 'Æ', 'ae'), 'æ', 'ae'), 'Ø', 'o'), 'ø', 'o'), 'Å', 'a'), 'å', 'a'), '→', ' til flyttet moved to '));
