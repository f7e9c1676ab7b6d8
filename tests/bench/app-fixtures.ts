import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { openDatabase, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { sessions } from "@/db/schema";

/** The app's database in `dir`, migrated and seeded by `seed` before the app starts. */
export function seedAppDatabase<T>(dir: string, seed: (db: Db) => T): T {
  const db = openDatabase(join(dir, "app.db"));
  try {
    migrateDatabase(db);
    return seed(db);
  } finally {
    db.$client.close();
  }
}

/**
 * A signed-in host without the email round trip: the row Auth.js writes after a sign-in link
 * is followed. Returns the Cookie header (database sessions, plain http: `authjs.session-token`).
 */
export function signInHost(db: Db, hostId: string): string {
  const sessionToken = randomBytes(32).toString("hex");
  db.insert(sessions).values({ sessionToken, userId: hostId, expires: new Date(Date.now() + 24 * 3_600_000) }).run();
  return `authjs.session-token=${sessionToken}`;
}

export function guestPaste(prefix: string, count: number): string {
  return Array.from({ length: count }, (_, i) => `Guest ${i + 1} <guest${i + 1}.${prefix}@example.test>`).join("\n");
}

export type ActionForm = { text: string; fields: [string, string][] };

const decodeEntities = (value: string) =>
  value.replace(/&(quot|amp|lt|gt|#x27|#39);/g, (_, e: string) => ({ quot: '"', amp: "&", lt: "<", gt: ">", "#x27": "'", "#39": "'" })[e]!);

/**
 * The server-action forms of a page as React renders them for a browser without JavaScript:
 * hidden `$ACTION_*` inputs naming the action and its bound arguments, plus the form's text.
 */
export function actionForms(html: string): ActionForm[] {
  const forms: ActionForm[] = [];
  for (const [, inner] of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)) {
    const fields: [string, string][] = [];
    for (const [tag] of inner.matchAll(/<input\b[^>]*>/g)) {
      const name = /\bname="([^"]*)"/.exec(tag)?.[1];
      if (!name?.startsWith("$ACTION")) continue;
      fields.push([decodeEntities(name), decodeEntities(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "")]);
    }
    if (fields.length > 0) forms.push({ text: inner.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim(), fields });
  }
  return forms;
}

/** multipart/form-data, as a browser posts a server-action form. */
export function multipart(fields: [string, string][]): { body: Buffer; contentType: string } {
  const boundary = `----bench${randomBytes(8).toString("hex")}`;
  const parts = fields.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return { body: Buffer.from(`${parts.join("")}--${boundary}--\r\n`, "utf8"), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The guest's answer as the RSVP page's form posts it (a plain form, no JavaScript). */
export function answerForm(answer: string, note: string): { body: Buffer; contentType: string } {
  return { body: Buffer.from(new URLSearchParams({ answer, note }).toString()), contentType: "application/x-www-form-urlencoded" };
}

/** Whether a page is the guest's RSVP page with its answer form. */
export const hasAnswerForm = (html: string) => html.includes('<form method="post">') && html.includes('name="answer"');
