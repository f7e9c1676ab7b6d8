import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { guests, type Event, type RsvpAnswer } from "@/db/schema";
import { html, type Html } from "@/lib/html";

/** Names shown per answer on a guest's page; past it, "and N more" keeps a big event's page small. */
export const GUEST_LIST_NAMES = 100;

type Tally = { guests: number; people: number };
export type GuestList = {
  /** People coming count each Yes guest with their plus-ones; Maybe and No count guests. */
  counts: Record<RsvpAnswer, Tally>;
  /** Only when the host shows names: the first names per answer, alphabetically. */
  names: Record<RsvpAnswer, { name: string; plusOnes: number }[]> | null;
};

/**
 * What a guest's page shows of the other guests, as the host chose: one statement, or none
 * when the host shows nothing (or the event is cancelled). Never an address, never a note:
 * a guest without a name is shown by the part of their address before the @, cut in SQL so
 * whole addresses of others never even reach the page's code.
 *
 * A Yes waiting for a place (the event was full) is not counted as coming.
 */
export function readGuestList(db: Db, event: Pick<Event, "id" | "guestListVisibility" | "cancelledAt">): GuestList | null {
  if (event.guestListVisibility === "none" || event.cancelledAt) return null;
  const answered = and(eq(guests.eventId, event.id), isNotNull(guests.answer), sql`(${guests.answer} <> 'yes' or ${guests.waitlistedAt} is null)`);
  const counts: GuestList["counts"] = { yes: { guests: 0, people: 0 }, maybe: { guests: 0, people: 0 }, no: { guests: 0, people: 0 } };
  const people = sql<number>`case when ${guests.answer} = 'yes' then 1 + max(${guests.plusOnes}, 0) else 1 end`;

  if (event.guestListVisibility === "counts") {
    const rows = db
      .select({ answer: guests.answer, guests: sql<number>`count(*)`, people: sql<number>`sum(${people})` })
      .from(guests)
      .where(answered)
      .groupBy(guests.answer)
      .all();
    for (const r of rows) if (r.answer) counts[r.answer] = { guests: r.guests, people: r.people };
    return { counts, names: null };
  }

  // Totals over each answer ride along on every row (window functions), so the names can be
  // capped without a second statement for the counts.
  const shown = sql<string>`case when trim(${guests.name}) <> '' then ${guests.name} else substr(${guests.email}, 1, instr(${guests.email}, '@') - 1) end`;
  const rows = db.all<{ answer: RsvpAnswer; name: string; plus_ones: number; guests: number; people: number }>(sql`
    select answer, name, plus_ones, guests, people from (
      select ${guests.answer} as answer, ${shown} as name, ${guests.plusOnes} as plus_ones,
        row_number() over (partition by ${guests.answer} order by ${shown} collate nocase, ${guests.id}) as n,
        count(*) over (partition by ${guests.answer}) as guests,
        sum(${people}) over (partition by ${guests.answer}) as people
      from ${guests} where ${answered}
    ) where n <= ${GUEST_LIST_NAMES} order by answer, n`);
  const names: NonNullable<GuestList["names"]> = { yes: [], maybe: [], no: [] };
  for (const r of rows) {
    counts[r.answer] = { guests: r.guests, people: r.people };
    names[r.answer].push({ name: r.name, plusOnes: r.answer === "yes" ? r.plus_ones : 0 });
  }
  return { counts, names };
}

const HEADINGS: Record<RsvpAnswer, string> = { yes: "Coming", maybe: "Maybe", no: "Can't come" };

/** "3 coming · 1 maybe · 2 can't", in the numbers of people. */
const countsLine = (c: GuestList["counts"]) => `${c.yes.people} coming · ${c.maybe.people} maybe · ${c.no.people} can't`;

/** The guest page's section on who else is coming; nothing when the host shows nothing. */
export function guestListSection(list: GuestList | null | undefined): Html | null {
  if (!list) return null;
  if (!list.names) {
    return html`<section class="card" aria-labelledby="guests-heading"><h2 id="guests-heading">Guests</h2><p data-testid="guest-counts">${countsLine(list.counts)}</p></section>`;
  }
  const names = list.names;
  const groups = (["yes", "maybe", "no"] as const)
    .filter((a) => names[a].length > 0)
    .map((a) => {
      const more = list.counts[a].guests - names[a].length;
      const who = names[a].map((g) => (g.plusOnes > 0 ? `${g.name} +${g.plusOnes}` : g.name)).join(", ");
      return html`<p data-answer="${a}"><span class="strong">${HEADINGS[a]} (${list.counts[a].people}):</span> ${who}${more > 0 ? ` and ${more} more` : ""}</p>`;
    });
  return html`<section class="card" aria-labelledby="guests-heading" data-testid="guest-list"><h2 id="guests-heading">Who's coming</h2>
<p class="small">${countsLine(list.counts)}</p>
${groups.length > 0 ? groups : html`<p class="small">Nobody has answered yet.</p>`}
</section>`;
}
