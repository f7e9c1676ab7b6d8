import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { SubmitButton } from "@/components/SubmitButton";
import { requireHost } from "@/lib/auth";
import { findManagedEvent } from "@/lib/events/access";
import { deleteEventAction } from "../../actions";

export const metadata: Metadata = { title: "Delete event" };

export default async function DeleteEventPage({ params }: { params: Promise<{ id: string }> }) {
  const host = await requireHost();
  const { id } = await params;
  const managed = findManagedEvent(getDb(), host.id, id);
  // Only the host deletes; to a co-host, as to anyone else, there is no such page.
  if (managed?.role !== "host") notFound();
  const { event } = managed;
  return (
    <div className="mx-auto max-w-lg">
      <div className="card">
        <h1 className="text-xl font-semibold">Delete “{event.title}”?</h1>
        <p className="mt-2 text-sm text-gray-600">This removes the event, its guest list and all answers. Guests' links stop working. It cannot be undone.</p>
        <form action={deleteEventAction.bind(null, event.id)} className="mt-5 flex gap-3">
          <SubmitButton className="btn-danger" pendingLabel="Deleting…">
            Yes, delete the event
          </SubmitButton>
          <Link href={`/events/${event.id}`} className="btn-secondary">
            Keep it
          </Link>
        </form>
      </div>
    </div>
  );
}
