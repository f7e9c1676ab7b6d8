ALTER TABLE `event` ADD `remind_unanswered_hours` integer DEFAULT 48;--> statement-breakpoint
ALTER TABLE `event` ADD `remind_attendees_hours` integer DEFAULT 24;--> statement-breakpoint
ALTER TABLE `guest` ADD `last_notice_id` integer;--> statement-breakpoint
ALTER TABLE `guest` ADD `reconfirm_requested_at` integer;--> statement-breakpoint
ALTER TABLE `guest` ADD `unanswered_reminded_at` integer;--> statement-breakpoint
ALTER TABLE `guest` ADD `attendee_reminded_at` integer;