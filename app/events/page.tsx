import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requireHost } from "@/lib/auth";
import type { EventSummary } from "@/lib/events/events";
import { dashboardData } from "@/lib/events/page-data";
import { formatRange } from "@/lib/events/time";
import { hostDisplayName } from "@/lib/hosts";

export const metadata: Metadata = { title: "Your events" };

function EventCard({ event }: { event: EventSummary }) {
  const c = event.counts;
  const stats: [string, number][] = [
    ["Invited", c.invited],
    ["Yes", c.yes],
    ["No", c.no],
    ["Maybe", c.maybe],
    ["No answer", c.noAnswer],
  ];
  return (
    <li className="card">
      {/* A plain link: a Link per card would have the browser prefetch up to 70 dynamic event pages. */}
      <a href={`/events/${event.id}`} className="text-lg font-semibold text-gray-900 hover:text-brand-700">
        {event.title}
      </a>
      {event.cancelledAt ? <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">Cancelled</span> : null}
      {event.role === "cohost" ? <span className="ml-2 rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">Co-host</span> : null}
      <p className="mt-1 text-sm text-gray-600">{formatRange(event.startsAt, event.endsAt, event.timeZone)}</p>
      <dl className="mt-3 flex flex-wrap gap-x-5 gap-y-1 text-sm">
        {stats.map(([label, n]) => (
          <div key={label} className="flex gap-1">
            <dt className="text-gray-500">{label}</dt>
            <dd className="font-medium" data-count={label}>
              {n}
            </dd>
          </div>
        ))}
      </dl>
    </li>
  );
}

export default async function EventsPage({ searchParams }: { searchParams: Promise<{ deleted?: string; show?: string }> }) {
  const host = await requireHost();
  const { deleted, show } = await searchParams;
  const { upcoming: upcomingList, past: pastList } = dashboardData(getDb(), host.id, show === "all");
  const upcoming = upcomingList.events;
  const past = pastList.events;
  return (
    <div>
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Your events</h1>
        <Link href="/events/new" className="btn-primary">
          New event
        </Link>
      </div>
      {!host.name ? (
        <p className="mb-4 rounded-md bg-brand-50 p-3 text-sm text-gray-800">
          Guests will see you as “{hostDisplayName(host)}”.{" "}
          <Link href="/account" className="btn-link">
            Set your name
          </Link>
        </p>
      ) : null}
      {deleted ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 p-3 text-sm text-green-800">
          The event was deleted.
        </p>
      ) : null}
      {upcoming.length === 0 && past.length === 0 ? (
        <div className="card text-center text-gray-600">
          <p>No events yet.</p>
          <Link href="/events/new" className="btn-link mt-2 inline-block">
            Create your first event
          </Link>
        </div>
      ) : (
        <>
          <ul className="space-y-3">
            {upcoming.map((e) => (
              <EventCard key={e.id} event={e} />
            ))}
          </ul>
          {upcoming.length === 0 ? <p className="text-gray-600">No upcoming events.</p> : null}
          {upcomingList.more ? (
            <Link href="/events?show=all" className="btn-link mt-3 inline-block">
              Show all upcoming events
            </Link>
          ) : null}
          {past.length > 0 ? (
            <>
              <h2 className="mt-10 mb-3 text-lg font-semibold text-gray-700">Past events</h2>
              <ul className="space-y-3 opacity-80">
                {past.map((e) => (
                  <EventCard key={e.id} event={e} />
                ))}
              </ul>
              {pastList.more ? (
                <Link href="/events?show=all" className="btn-link mt-3 inline-block">
                  Show all past events
                </Link>
              ) : null}
            </>
          ) : null}
        </>
      )}
    </div>
  );
}
