CREATE TABLE `measure_agencies` (
	`measure_id` integer NOT NULL,
	`agency_id` integer NOT NULL,
	PRIMARY KEY(`measure_id`, `agency_id`),
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `measure_agencies_agency_idx` ON `measure_agencies` (`agency_id`);--> statement-breakpoint
CREATE TABLE `measure_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`measure_id` integer NOT NULL,
	`kind` text NOT NULL,
	`from_value` text,
	`to_value` text,
	`note` text DEFAULT '' NOT NULL,
	`meeting_id` integer,
	`actor_user_id` integer,
	`actor_name` text DEFAULT '' NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`measure_id`) REFERENCES `measures`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`actor_user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `measure_events_measure_idx` ON `measure_events` (`measure_id`,`at`);--> statement-breakpoint
CREATE INDEX `measure_events_at_idx` ON `measure_events` (`at`);--> statement-breakpoint
CREATE TABLE `measures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`need_id` integer,
	`phase` text DEFAULT 'identified' NOT NULL,
	`responsible_agency_id` integer,
	`next_step` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'on_track' NOT NULL,
	`priority` text DEFAULT 'necessary' NOT NULL,
	`start_date` text,
	`end_date` text,
	`version` integer DEFAULT 1 NOT NULL,
	`phase_since` integer NOT NULL,
	`created_by` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`responsible_agency_id`) REFERENCES `agencies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `measures_network_phase_idx` ON `measures` (`network_id`,`phase`);--> statement-breakpoint
CREATE TABLE `needs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`network_id` integer NOT NULL,
	`number` integer NOT NULL,
	`title` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`network_id`) REFERENCES `networks`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `needs_network_idx` ON `needs` (`network_id`);