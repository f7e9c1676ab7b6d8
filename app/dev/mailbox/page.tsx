import type { Metadata } from "next";
import Link from "next/link";
import { requireDevTools } from "@/lib/devtools";
import { env } from "@/lib/env";
import { listMailbox } from "@/lib/relay/mailbox";

export const metadata: Metadata = { title: "Dev mailbox" };

export default async function MailboxPage() {
  requireDevTools();
  const messages = await listMailbox(env().RELAY_DB);
  return (
    <div>
      <h1 className="text-2xl font-semibold">Dev mailbox</h1>
      <p className="mt-1 mb-4 text-sm text-gray-600">Every message the local relay kept, newest first. Nothing here left this machine.</p>
      {messages.length === 0 ? (
        <p className="card text-gray-600">No mail yet. Sign in or send an invitation and it appears here within a second or two.</p>
      ) : (
        <table className="card w-full p-0 text-left text-sm">
          <thead className="text-xs text-gray-500 uppercase">
            <tr>
              <th className="px-4 py-2 font-medium">To</th>
              <th className="px-4 py-2 font-medium">Subject</th>
              <th className="px-4 py-2 font-medium">Received</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr key={m.id} className="border-t border-gray-100" data-message-to={m.to} data-message-id={m.id}>
                <td className="px-4 py-2">{m.to}</td>
                <td className="px-4 py-2">
                  <Link href={`/dev/mailbox/${m.id}`} className="btn-link">
                    {m.subject}
                  </Link>
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-gray-500">{m.receivedAt.toISOString().replace("T", " ").slice(0, 19)} UTC</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
