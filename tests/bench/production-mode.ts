// Imported first by run.ts, before anything loads React: the app runs under `next start` with
// NODE_ENV=production, and React's development build renders emails markedly slower (it keeps
// owner stacks and checks keys for every element), which would misstate the drain's cost.
(process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
