import type { Metadata } from "next";
import { HostNameForm } from "@/components/HostNameForm";
import { requireHost } from "@/lib/auth";
import { hostDisplayName } from "@/lib/hosts";
import { saveHostNameAction } from "./actions";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const host = await requireHost();
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <div className="card space-y-4">
        <p className="text-sm text-gray-600">
          Signed in as <span className="font-medium text-gray-900">{host.email}</span>. Invitations read “{hostDisplayName(host)} invites you”.
        </p>
        <HostNameForm action={saveHostNameAction} name={host.name ?? ""} />
      </div>
    </div>
  );
}
