import { generate } from "selfsigned";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import type { AddressInfo } from "node:net";

/** A certificate for "localhost" and 127.0.0.1, made fresh for the test run. */
export async function testCertificate(): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: "commonName", value: "localhost" }], { keyType: "ec", notAfterDate: new Date(Date.now() + 2 * 86_400_000) });
  return { key: pems.private, cert: pems.cert };
}

export type Received = { from: string; to: string[]; raw: string; secure: boolean; user: string | undefined; at: number };

export type FakeProviderOptions = {
  certificate?: { key: string; cert: string };
  /** Offer STARTTLS (default true). */
  starttls?: boolean;
  users?: Record<string, string>;
  /** An SMTP error to answer a recipient with, e.g. 550 for bounce@. */
  rejectRecipient?: (address: string) => { code: number; message: string } | null;
  port?: number;
};

/**
 * The operator's mail provider, played by smtp-server on loopback: STARTTLS with a test
 * certificate, AUTH required, and a record of every message and of how it came.
 */
export class FakeProvider {
  received: Received[] = [];
  authAttempts: { user: string; secure: boolean }[] = [];
  port = 0;
  private server: SMTPServer | null = null;

  constructor(private readonly options: FakeProviderOptions) {}

  async start(port = this.options.port ?? this.port): Promise<void> {
    const o = this.options;
    const settings: SMTPServerOptions = {
      logger: false,
      ...(o.certificate ? { key: o.certificate.key, cert: o.certificate.cert } : {}),
      disabledCommands: [...(o.users ? [] : ["AUTH"]), ...(o.starttls === false ? ["STARTTLS"] : [])],
      authOptional: !o.users,
      allowInsecureAuth: false,
      closeTimeout: 200,
      onAuth: (auth, session, callback) => {
        this.authAttempts.push({ user: auth.username ?? "", secure: session.secure });
        if (o.users && o.users[auth.username ?? ""] === auth.password) callback(null, { user: auth.username });
        else callback(Object.assign(new Error("Invalid credentials"), { responseCode: 535 }));
      },
      onRcptTo: (address, _session, callback) => {
        const problem = o.rejectRecipient?.(address.address);
        if (problem) callback(Object.assign(new Error(problem.message), { responseCode: problem.code }));
        else callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          this.received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
            secure: session.secure,
            user: session.user as string | undefined,
            at: Date.now(),
          });
          callback(null, `2.0.0 Ok: queued as FAKE${this.received.length}`);
        });
      },
    };
    this.server = new SMTPServer(settings);
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  /** The provider goes down: the port stops answering. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
