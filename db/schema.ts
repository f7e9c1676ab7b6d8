import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { AdapterAccountType } from "next-auth/adapters";

// ---- Auth.js tables (names and columns are the Drizzle adapter's contract) ----

export const users = sqliteTable("user", {
  id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: integer("emailVerified", { mode: "timestamp_ms" }),
  image: text("image"),
});

export const accounts = sqliteTable(
  "account",
  {
    userId: text("userId").notNull().references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("providerAccountId").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index("account_user_idx").on(t.userId)],
);

export const sessions = sqliteTable(
  "session",
  {
    sessionToken: text("sessionToken").primaryKey(),
    userId: text("userId").notNull().references(() => users.id, { onDelete: "cascade" }),
    expires: integer("expires", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const verificationTokens = sqliteTable(
  "verificationToken",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: integer("expires", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---- The product ----

/** Guests see the list of names and answers, only the counts, or nothing of each other. */
export const GUEST_LIST_VISIBILITY = ["list", "counts", "none"] as const;
export type GuestListVisibility = (typeof GUEST_LIST_VISIBILITY)[number];

export const events = sqliteTable(
  "event",
  {
    id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
    hostId: text("host_id").notNull().references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** UTC instants; the wall-clock meaning comes from `timeZone`. */
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    endsAt: integer("ends_at", { mode: "timestamp_ms" }).notNull(),
    timeZone: text("time_zone").notNull(),
    locationAddress: text("location_address").notNull().default(""),
    locationUrl: text("location_url").notNull().default(""),
    rsvpDeadline: integer("rsvp_deadline", { mode: "timestamp_ms" }),
    notifyHostOnAnswer: integer("notify_host_on_answer", { mode: "boolean" }).notNull().default(true),
    confirmToGuest: integer("confirm_to_guest", { mode: "boolean" }).notNull().default(true),
    /** Set when the host cancels: the RSVP page says so and answers close. */
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    cancelMessage: text("cancel_message").notNull().default(""),
    /** iCalendar SEQUENCE: raised on every edit, so calendars replace the entry they imported. */
    sequence: integer("sequence").notNull().default(0),
    /** Remind guests who have not answered this many hours before the RSVP deadline; null: off. */
    remindUnansweredHours: integer("remind_unanswered_hours").default(48),
    /** Remind Yes and Maybe guests this many hours before the start; null: off. */
    remindAttendeesHours: integer("remind_attendees_hours").default(24),
    /** At most this many people coming (guests and their plus-ones); null: no limit. Past it, a Yes joins the waitlist. */
    capacity: integer("capacity"),
    /** How many people each guest may bring; 0: no plus-ones. */
    plusOnesLimit: integer("plus_ones_limit").notNull().default(0),
    /** What guests see of each other on their page. */
    guestListVisibility: text("guest_list_visibility", { enum: GUEST_LIST_VISIBILITY }).notNull().default("none"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().$defaultFn(() => new Date()),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [index("event_host_start_idx").on(t.hostId, t.startsAt)],
);

export const RSVP_ANSWERS = ["yes", "no", "maybe"] as const;
export type RsvpAnswer = (typeof RSVP_ANSWERS)[number];

export const guests = sqliteTable(
  "guest",
  {
    id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID()),
    eventId: text("event_id").notNull().references(() => events.id, { onDelete: "cascade" }),
    name: text("name").notNull().default(""),
    email: text("email").notNull(),
    /** Lower-cased address: one guest per address per event. */
    emailKey: text("email_key").notNull(),
    /** The personal link's secret; the row's deletion revokes it. */
    token: text("token").notNull().unique(),
    answer: text("answer", { enum: RSVP_ANSWERS }),
    note: text("note").notNull().default(""),
    answeredAt: integer("answered_at", { mode: "timestamp_ms" }),
    /** Set by the List-Unsubscribe link: no more invitations or reminders for this event. */
    unsubscribedAt: integer("unsubscribed_at", { mode: "timestamp_ms" }),
    /** The outbox row of the latest invitation: its state is the guest's delivery state. */
    lastInvitationId: integer("last_invitation_id"),
    /** The outbox row of the latest other email about the event (a change, a reminder, a cancellation). */
    lastNoticeId: integer("last_notice_id"),
    /** Set when the date changed after this guest said yes: asked to confirm again. */
    reconfirmRequestedAt: integer("reconfirm_requested_at", { mode: "timestamp_ms" }),
    /** When each reminder was queued for this guest: each goes at most once. */
    unansweredRemindedAt: integer("unanswered_reminded_at", { mode: "timestamp_ms" }),
    attendeeRemindedAt: integer("attendee_reminded_at", { mode: "timestamp_ms" }),
    /** People this guest brings along, counted with them against the capacity. */
    plusOnes: integer("plus_ones").notNull().default(0),
    /** Set while a Yes waits for a place (the event was full); the earliest is promoted first. */
    waitlistedAt: integer("waitlisted_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [uniqueIndex("guest_event_email_idx").on(t.eventId, t.emailKey), index("guest_event_idx").on(t.eventId)],
);

/** People who manage an event with its host (not delete it), by address: they sign in with their own link. */
export const cohosts = sqliteTable(
  "event_cohost",
  {
    eventId: text("event_id").notNull().references(() => events.id, { onDelete: "cascade" }),
    /** Lower-cased address, matched against the signed-in user's. */
    emailKey: text("email_key").notNull(),
    email: text("email").notNull(),
    addedAt: integer("added_at", { mode: "timestamp_ms" }).notNull().$defaultFn(() => new Date()),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.emailKey] }), index("cohost_email_idx").on(t.emailKey)],
);
export type Cohost = typeof cohosts.$inferSelect;

export const OUTBOX_KINDS = ["signin", "invitation", "rsvp_confirmation", "host_notification", "cancellation", "event_change", "reminder", "waitlist_promotion", "message", "cohost_invitation"] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
/** The app's side: queued → sending → sent (handed to the relay), or failed to hand over. */
export const OUTBOX_STATES = ["queued", "sending", "sent", "failed"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
/** The relay's report of what became of a handed-over message. */
export const DELIVERY_STATES = ["relayed", "deferred", "bounced"] as const;
export type DeliveryReportState = (typeof DELIVERY_STATES)[number];

/**
 * Mail that must be sent, written in the same transaction as the change that calls for it.
 * `payload` holds what the template needs beyond what can be read again at send time.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: OUTBOX_KINDS }).notNull(),
    toAddress: text("to_address").notNull(),
    eventId: text("event_id").references(() => events.id, { onDelete: "cascade" }),
    guestId: text("guest_id").references(() => guests.id, { onDelete: "cascade" }),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
    state: text("state", { enum: OUTBOX_STATES }).notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    messageId: text("message_id"),
    delivery: text("delivery", { enum: DELIVERY_STATES }),
    /** The provider's answer, or the reason for a deferral or bounce. */
    deliveryDetail: text("delivery_detail"),
    /** When the relay tries again after a deferral. */
    deliveryRetryAt: integer("delivery_retry_at", { mode: "timestamp_ms" }),
    nextAttemptAt: integer("next_attempt_at", { mode: "timestamp_ms" }).notNull().$defaultFn(() => new Date()),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().$defaultFn(() => new Date()),
    /** Bumped on every change, so a page can tell cheaply whether anything moved. */
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(sql`0`).$defaultFn(() => new Date()),
  },
  (t) => [
    index("outbox_due_idx").on(t.state, t.nextAttemptAt),
    index("outbox_kind_due_idx").on(t.kind, t.state, t.nextAttemptAt),
    index("outbox_guest_idx").on(t.guestId),
    index("outbox_event_idx").on(t.eventId, t.updatedAt),
    index("outbox_message_id_idx").on(t.messageId),
  ],
);

/**
 * Fixed-window counters for rate limits, in the database so that every app process shares
 * them. `key` names what is limited and for whom, e.g. "signin-ip:203.0.113.9".
 */
export const rateLimits = sqliteTable(
  "rate_limit",
  {
    key: text("key").notNull(),
    windowStart: integer("window_start").notNull(),
    hits: integer("hits").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limit_window_idx").on(t.windowStart)],
);

export type User = typeof users.$inferSelect;
export type Event = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
export type Guest = typeof guests.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
