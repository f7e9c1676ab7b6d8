export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Skip during `next build`, which also loads this file.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { redactConsole } = await import("./lib/log-redaction");
  redactConsole();
  const { startOutboxTimer } = await import("./lib/mail/sender");
  startOutboxTimer();
}
