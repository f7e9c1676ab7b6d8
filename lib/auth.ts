import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { AuthError } from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { env } from "@/lib/env";
import { enqueueMail } from "@/lib/mail/outbox";
import { sendQueuedMailAfterResponse } from "@/lib/mail/sender";
import { safeReturnPath } from "@/lib/signin";

// Config as a function: the database is opened on the first request, never at build time.
const nextAuth = NextAuth(() => {
  const db = getDb();
  return {
    adapter: DrizzleAdapter(db, { usersTable: users, accountsTable: accounts, sessionsTable: sessions, verificationTokensTable: verificationTokens }),
    session: { strategy: "database" },
    trustHost: true,
    logger: {
      // An old or used sign-in link is an everyday event, not a server error. By `type`: the
      // production build minifies class names, so `name` is not "Verification" there.
      error(error) {
        if (error instanceof AuthError && error.type === "Verification") console.warn("auth: a used or expired sign-in link was opened");
        else console.error(error);
      },
    },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    providers: [
      Nodemailer({
        server: env().RELAY_URL,
        from: env().MAIL_FROM,
        maxAge: 24 * 60 * 60,
        // The link goes through our outbox like every other email, so the form answers at once.
        sendVerificationRequest({ identifier, url }) {
          enqueueMail(db, { kind: "signin", toAddress: identifier, payload: { url } });
          sendQueuedMailAfterResponse();
        },
      }),
    ],
    callbacks: {
      session({ session, user }) {
        return { ...session, user: { ...session.user, id: user.id } };
      },
    },
  };
});

export const { handlers, signIn, signOut } = nextAuth;

/** The signed-in user for this request, read once however many components ask. */
export const auth = cache(nextAuth.auth as () => Promise<{ user?: { id?: string; email?: string | null; name?: string | null } } | null>);

export type Host = { id: string; email: string; name: string | null };

/** For pages and actions that need a signed-in host; anyone else goes to the sign-in page. */
export async function requireHost(): Promise<Host> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.email) {
    // Back to the page they asked for once signed in (the proxy names it).
    const path = safeReturnPath((await headers()).get("x-fastinviter-path"));
    redirect(path === "/events" ? "/signin" : `/signin?next=${encodeURIComponent(path)}`);
  }
  return { id: user.id, email: user.email, name: user.name ?? null };
}
