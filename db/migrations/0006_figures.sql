CREATE TABLE `figure_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`figure_id` integer NOT NULL,
	`change` text NOT NULL,
	`value` real NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`changed_by` integer,
	`changed_at` integer NOT NULL,
	FOREIGN KEY (`figure_id`) REFERENCES `figures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `figure_history_figure_idx` ON `figure_history` (`figure_id`);--> statement-breakpoint
CREATE TABLE `figure_locks` (
	`network_id` integer PRIMARY KEY NOT NULL,
	`locked_through` text NOT NULL,
	`locked_by` integer,
	`locked_at` integer NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`locked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `figure_uploads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`rows` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `figures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`metric_id` integer NOT NULL,
	`period` text NOT NULL,
	`value` real NOT NULL,
	`comment` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`corrected_at` integer,
	`updated_by` integer,
	`updated_at` integer NOT NULL,
	`published_at` integer,
	FOREIGN KEY (`metric_id`) REFERENCES `metrics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `figures_metric_period_idx` ON `figures` (`metric_id`,`period`);--> statement-breakpoint
CREATE INDEX `figures_metric_status_period_idx` ON `figures` (`metric_id`,`status`,`period`);--> statement-breakpoint
CREATE TABLE `metrics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`unit` text NOT NULL,
	`stage` text NOT NULL,
	`agency_id` integer NOT NULL,
	`cadence` text NOT NULL,
	`threshold` integer DEFAULT 0 NOT NULL,
	`in_flow` integer DEFAULT true NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `metrics_network_name_idx` ON `metrics` (`network_id`,`name`);--> statement-breakpoint
CREATE INDEX `metrics_network_agency_idx` ON `metrics` (`network_id`,`agency_id`);