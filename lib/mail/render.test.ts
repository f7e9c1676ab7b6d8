import { createElement } from "react";
import { describe, expect, it } from "vitest";
import InvitationEmail, { type InvitationEmailProps } from "@/emails/InvitationEmail";
import { fillsAsIs, renderEmail, renderFilled } from "./render";

const base = InvitationEmail.PreviewProps;
const invitation = (guestName: string, token: string, title = base.event.title): InvitationEmailProps => ({
  ...base,
  event: { ...base.event, title },
  guestName,
  rsvpUrl: `http://localhost:3000/i/${token}`,
  unsubscribeUrl: `http://localhost:3000/u/${token}`,
});

async function filled(guestName: string, token: string, title = base.event.title) {
  const key = JSON.stringify(["test-invitation", title, guestName !== ""]);
  return renderFilled(key, (slot) => createElement(InvitationEmail, invitation(guestName && slot("guestName"), slot("token"), title)), { guestName, token });
}

describe("renderFilled", () => {
  const names = ["Ada Lovelace", "", "Ada <script>alert(1)</script>", `O'Brien & "Sons"`, "Zoë Ünal", "李小龍", "&amp; already escaped", "fislotguestNamex0"];

  it.each(names)("gives exactly the email a whole render gives, for the name %j", async (name) => {
    const token = "tok_" + Buffer.from(name).toString("hex").slice(0, 20);
    expect(fillsAsIs(name)).toBe(true);
    expect(await filled(name, token)).toEqual(await renderEmail(createElement(InvitationEmail, invitation(name, token))));
  });

  it("keeps recipients apart: each email carries only its own name and link", async () => {
    const first = await filled("Ada", "token-ada");
    const second = await filled("Grace", "token-grace");
    expect(first.text).toContain("Ada");
    expect(first.text).toContain("/i/token-ada");
    expect(second.text).not.toContain("Ada");
    expect(second.html).not.toContain("token-ada");
    expect(second.html).toContain("/i/token-grace?answer=yes");
  });

  it("renders again when what recipients share changes", async () => {
    expect((await filled("Ada", "t1", "Picnic")).text).toContain("Picnic");
    expect((await filled("Ada", "t1", "Picnic moved indoors")).text).toContain("Picnic moved indoors");
  });

  it("refuses to leave a marker unfilled", async () => {
    await expect(renderFilled("missing-slot", (slot) => createElement(InvitationEmail, invitation(slot("guestName"), slot("token"))), { token: "t" })).rejects.toThrow(/no value for slot guestName/);
  });
});

describe("fillsAsIs", () => {
  it("turns away what html-to-text would fold or what could hide: runs of spaces, line breaks, tabs, controls, bidi marks", () => {
    for (const odd of ["Ada  Lovelace", " Ada", "Ada ", "Ada\nLovelace", "Ada\tL", "Ada\u0000", "Ada\u202eevil", "Ada\u00a0L", "Ada\u2028L", "Ada\u200bL"]) {
      expect(fillsAsIs(odd), JSON.stringify(odd)).toBe(false);
    }
  });
});
