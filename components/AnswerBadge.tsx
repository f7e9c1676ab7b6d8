import type { RsvpAnswer } from "@/db/schema";

const look: Record<RsvpAnswer, { label: string; className: string }> = {
  yes: { label: "Yes", className: "bg-green-100 text-green-800" },
  no: { label: "No", className: "bg-red-100 text-red-800" },
  maybe: { label: "Maybe", className: "bg-yellow-100 text-yellow-800" },
};

export function AnswerBadge({ answer }: { answer: RsvpAnswer | null }) {
  if (!answer) return <span className="text-xs text-gray-400">No answer</span>;
  return <span className={`rounded-full px-2 py-0.5 text-xs font-semibold ${look[answer].className}`}>{look[answer].label}</span>;
}
