import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "@/db/client";
import { listGuests } from "@/lib/guests/guests";
import { sendInvites } from "@/lib/invitations/invitations";
import { recordRsvp } from "@/lib/rsvp/rsvp";
import { addEvent, addGuestList, addHost, openTestDb, type TestDb } from "@/tests/support/db";
import { addCohost } from "./cohosts";
import { DASHBOARD_PAGE, dashboardData, eventPageData } from "./page-data";

let t: TestDb;
let counted: Db;
let statements: string[];

beforeEach(() => {
  t = openTestDb();
  statements = [];
  // A second connection to the same file that counts every statement it runs.
  counted = openDatabase(join(t.dir, "app.db"), { logger: { logQuery: (query) => statements.push(query) } });
});
afterEach(() => {
  counted.$client.close();
  t.close();
});

/** Events of a host, each shared with a co-host (who hosts nothing of their own). */
function seed(events: number, guestsPerEvent: number): { host: string; cohost: string; eventId: string } {
  const host = addHost(t.db, "host@example.org");
  const cohost = addHost(t.db, "cohost@example.org");
  let eventId = "";
  for (let e = 0; e < events; e++) {
    const event = addEvent(t.db, host, { title: `Event ${e}` });
    eventId = event.id;
    addGuestList(t.db, host, event.id, Array.from({ length: guestsPerEvent }, (_, g) => `Guest ${g} <g${g}.e${e}@example.org>`).join("\n"));
    sendInvites(t.db, host, event.id);
    addCohost(t.db, host, event.id, "cohost@example.org");
  }
  const token = t.db.$client.prepare("SELECT token FROM guest WHERE event_id = ? LIMIT 1").pluck().get(eventId) as string;
  recordRsvp(t.db, token, { answer: "yes", note: "" });
  return { host, cohost, eventId };
}

function statementsFor(read: () => unknown): number {
  statements.length = 0;
  read();
  return statements.length;
}

describe("page reads run the same number of statements whatever the data size", () => {
  it("the event page: 3 guests or 1,500", () => {
    const small = seed(1, 3);
    const smallCount = statementsFor(() => eventPageData(counted, small.host, small.eventId));
    t.db.$client.exec("DELETE FROM user");
    const large = seed(1, 1_500);
    const largeCount = statementsFor(() => eventPageData(counted, large.host, large.eventId));
    // The event with the viewer's role, the guests, the live stamp (3), the co-hosts.
    expect(smallCount).toBe(6);
    expect(largeCount).toBe(smallCount);
    // A co-host's page is the same but for the co-host list, which only the host sees.
    expect(statementsFor(() => eventPageData(counted, large.cohost, large.eventId))).toBe(5);
    expect(eventPageData(counted, large.cohost, large.eventId)!.guests).toHaveLength(1_500);
    expect(eventPageData(counted, large.host, large.eventId)!.guests).toHaveLength(1_500);
    expect(listGuests(counted, large.eventId).filter((g) => g.answer === "yes")).toHaveLength(1);
  });

  it("the dashboard: 1 event or 60 with their guests", () => {
    const small = seed(1, 2);
    const smallCount = statementsFor(() => dashboardData(counted, small.host, false));
    t.db.$client.exec("DELETE FROM user");
    const large = seed(60, 20);
    const largeCount = statementsFor(() => dashboardData(counted, large.host, false));
    // Upcoming: the page and its counts; past: empty, so no counts to read.
    expect(smallCount).toBe(3);
    expect(largeCount).toBe(smallCount);
    const shown = dashboardData(counted, large.host, false);
    expect(shown.upcoming.events).toHaveLength(DASHBOARD_PAGE.upcoming);
    expect(shown.upcoming.more).toBe(true);
    expect(dashboardData(counted, large.host, true).upcoming.events).toHaveLength(60);
    expect(shown.upcoming.events[0].counts.guests).toBe(20);
    // The co-host's dashboard: the same events through their address, in as many statements.
    expect(statementsFor(() => dashboardData(counted, large.cohost, false))).toBe(smallCount);
    const shared = dashboardData(counted, large.cohost, true).upcoming.events;
    expect(shared).toHaveLength(60);
    expect(shared.every((e) => e.role === "cohost" && e.counts.guests === 20)).toBe(true);
  });
});
