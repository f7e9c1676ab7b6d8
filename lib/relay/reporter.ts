import type { RelayStore } from "./store";

export type ReporterOptions = { store: RelayStore; url: string; secret: string; log: (line: string) => void };
export type Reporter = { kick(): void; flush(): Promise<void>; stop(): void };

/**
 * Posts the relay's delivery reports to the app. Reports live in the relay's store until the
 * app has acknowledged them, so an app that is down simply gets them later.
 */
export function startReporter(options: ReporterOptions): Reporter {
  const { store, url, secret, log } = options;
  let running: Promise<void> | null = null;
  let again = false;
  let failing = false;
  let backoffUntil = 0;

  async function postAll(): Promise<void> {
    for (;;) {
      const batch = store.pendingReports(200);
      if (batch.length === 0) return;
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
        body: JSON.stringify(batch.map(({ id: _id, ...report }) => report)),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`the app answered ${response.status}`);
      store.reportsDelivered(batch[batch.length - 1].id);
      if (failing) log("relay: the app takes delivery reports again");
      failing = false;
    }
  }

  function run(): Promise<void> {
    if (Date.now() < backoffUntil) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await postAll();
        } catch (error) {
          if (!failing) log(`relay: cannot report to the app yet (${(error as Error).message}); reports are kept and retried`);
          failing = true;
          backoffUntil = Date.now() + 2_000;
          return;
        }
      } while (again);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  const timer = setInterval(() => void run(), 1_000);
  timer.unref();
  return {
    kick: () => void run(),
    flush: () => run(),
    stop: () => clearInterval(timer),
  };
}
