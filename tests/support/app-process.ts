/**
 * Plays the app in a separate process for the crash test: the send-invites action, its
 * response (a line on stdout), then the after() drain — during which the test kills it.
 * Usage: tsx tests/support/app-process.ts <database> <relay url> <host id> <event id>
 */
import { openDatabase } from "@/db/client";
import { sendInvites } from "@/lib/invitations/invitations";
import { drainOutbox } from "@/lib/mail/drain";
import { createRelayTransport } from "@/lib/mail/transport";

const [database, relayUrl, hostId, eventId] = process.argv.slice(2);
const db = openDatabase(database);
const queued = sendInvites(db, hostId, eventId);
console.log(`responded ${queued}`);
void drainOutbox({ db, transport: createRelayTransport(relayUrl), appUrl: "http://localhost:3000", mailFrom: "FastInviter <invites@example.test>" });
