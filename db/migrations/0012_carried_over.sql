ALTER TABLE `agenda_items` ADD `carried_from_action_id` integer REFERENCES action_items(id) ON DELETE set null;--> statement-breakpoint
-- A follow-up of an action item was stored as the action item's id negated in carried_from_id;
-- it moves to its own column (where the action item still exists), and carried_from_id keeps
-- only the agenda items an item was carried from.
UPDATE `agenda_items` SET `carried_from_action_id` = -`carried_from_id` WHERE `carried_from_id` < 0 AND -`carried_from_id` IN (SELECT `id` FROM `action_items`);--> statement-breakpoint
UPDATE `agenda_items` SET `carried_from_id` = NULL WHERE `carried_from_id` < 0;--> statement-breakpoint
-- Never written nor read: action items are carried over as agenda items, not as action items.
ALTER TABLE `action_items` DROP COLUMN `carried_from_id`;
