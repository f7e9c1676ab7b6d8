ALTER TABLE `event` ADD `cancelled_at` integer;--> statement-breakpoint
ALTER TABLE `event` ADD `cancel_message` text DEFAULT '' NOT NULL;