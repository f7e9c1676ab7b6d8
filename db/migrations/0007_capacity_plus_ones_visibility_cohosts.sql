CREATE TABLE `event_cohost` (
	`event_id` text NOT NULL,
	`email_key` text NOT NULL,
	`email` text NOT NULL,
	`added_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `email_key`),
	FOREIGN KEY (`event_id`) REFERENCES `event`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cohost_email_idx` ON `event_cohost` (`email_key`);--> statement-breakpoint
ALTER TABLE `event` ADD `capacity` integer;--> statement-breakpoint
ALTER TABLE `event` ADD `plus_ones_limit` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `event` ADD `guest_list_visibility` text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE `guest` ADD `plus_ones` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `guest` ADD `waitlisted_at` integer;