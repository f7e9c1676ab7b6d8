"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** The event's time in the viewer's own zone, shown only when that zone differs. */
export function LocalTime({ startsAt, endsAt, eventZone }: { startsAt: string; endsAt: string; eventZone: string }) {
  const viewerZone = useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => eventZone,
  );
  if (viewerZone === eventZone) return null;
  const fmt = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
  return (
    <p className="text-sm text-gray-500" data-testid="local-time">
      Your time: {fmt.format(new Date(startsAt))} – {fmt.format(new Date(endsAt))}
    </p>
  );
}
