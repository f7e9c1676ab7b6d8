DROP INDEX `outbox_event_idx`;--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery_detail` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery_retry_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `updated_at` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `outbox_message_id_idx` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_event_idx` ON `outbox` (`event_id`,`updated_at`);--> statement-breakpoint
ALTER TABLE `guest` ADD `unsubscribed_at` integer;