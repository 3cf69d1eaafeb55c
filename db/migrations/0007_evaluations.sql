-- Evaluations. survey_participation (who has answered), survey_responses and survey_answers (what
-- was answered) and answer_themes are WITHOUT ROWID tables, edited by hand after drizzle-kit: their
-- rows are stored in key order (random ids for answers), so nothing in the file says in which order
-- people answered, and no table can be lined up with another by position.
CREATE TABLE `answer_themes` (
	`answer_id` text NOT NULL,
	`theme` text NOT NULL,
	PRIMARY KEY(`answer_id`, `theme`),
	FOREIGN KEY (`answer_id`) REFERENCES `survey_answers`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `survey_answers` (
	`id` text PRIMARY KEY NOT NULL,
	`response_id` text NOT NULL,
	`question_id` integer NOT NULL,
	`value` integer,
	`dont_know` integer DEFAULT false NOT NULL,
	`text` text,
	FOREIGN KEY (`response_id`) REFERENCES `survey_responses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`question_id`) REFERENCES `survey_questions`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `survey_answers_question_idx` ON `survey_answers` (`question_id`);--> statement-breakpoint
CREATE TABLE `survey_invitees` (
	`survey_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `user_id`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `survey_participation` (
	`survey_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `user_id`),
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `survey_questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` integer NOT NULL,
	`position` integer NOT NULL,
	`section` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`low_label` text DEFAULT '' NOT NULL,
	`high_label` text DEFAULT '' NOT NULL,
	`allow_dont_know` integer DEFAULT false NOT NULL,
	`shared` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `survey_questions_survey_idx` ON `survey_questions` (`survey_id`,`position`);--> statement-breakpoint
CREATE TABLE `survey_responses` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` integer NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `surveys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`title` text NOT NULL,
	`intro` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`opens_on` text,
	`closes_on` text,
	`min_responses` integer DEFAULT 5 NOT NULL,
	`audience` text DEFAULT '{"roles":[],"agencyIds":[]}' NOT NULL,
	`invited_count` integer DEFAULT 0 NOT NULL,
	`reminder_sent_at` integer,
	`results_shared` integer DEFAULT false NOT NULL,
	`copied_from_id` integer,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `surveys_network_idx` ON `surveys` (`network_id`);