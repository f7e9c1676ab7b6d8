import { render } from "@react-email/render";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { templates, type TemplateSlug } from "./index";
import InvitationEmail from "./InvitationEmail";
import NewAnswerEmail from "./NewAnswerEmail";
import RsvpConfirmationEmail from "./RsvpConfirmationEmail";

async function renderBoth(slug: TemplateSlug, props?: Record<string, unknown>) {
  const { Component, subject } = templates[slug];
  const p = props ?? Component.PreviewProps;
  const element = createElement(Component, p);
  return { subject: subject(p), html: await render(element), text: await render(element, { plainText: true }) };
}

describe.each(Object.keys(templates) as TemplateSlug[])("the %s email", (slug) => {
  it("renders HTML and plain text from its preview props", async () => {
    const { subject, html, text } = await renderBoth(slug);
    expect(subject.length).toBeGreaterThan(0);
    expect(html).toMatch(/^<!DOCTYPE html/i);
    expect(text.length).toBeGreaterThan(50);
    expect(text).not.toMatch(/<\/?(html|body|table|a)\b/i);
  });
});

describe("InvitationEmail", () => {
  const props = InvitationEmail.PreviewProps;

  it("offers one-click yes, no and maybe links to the guest's own invitation", async () => {
    const { html, text } = await renderBoth("invitation");
    for (const answer of ["yes", "no", "maybe"]) {
      expect(html).toContain(`href="${props.rsvpUrl}?answer=${answer}"`);
      expect(text).toContain(`${props.rsvpUrl}?answer=${answer}`);
    }
  });

  it("shows a guest's name as text, never as markup", async () => {
    const { html, text } = await renderBoth("invitation");
    expect(props.guestName).toContain("<script>");
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
    // The plain-text heading is upper-cased by the renderer.
    expect(text.toLowerCase()).toContain(props.guestName.toLowerCase());
  });

  it("escapes the event description", async () => {
    const { html, text } = await renderBoth("invitation");
    expect(html).not.toContain("<b>no</b>");
    expect(text).toContain("<b>no</b> gifts please");
  });

  it("keeps each answer link apart from the next word in the text version, so mail clients link it whole", async () => {
    const { text } = await renderBoth("invitation");
    const links = text.match(/https?:\/\/\S+/g) ?? [];
    expect(links).toEqual(expect.arrayContaining(["yes", "no", "maybe"].map((a) => `${props.rsvpUrl}?answer=${a}`)));
  });

  it("tells the guest in the footer how to stop emails about the event", async () => {
    const { html, text } = await renderBoth("invitation");
    expect(text).toContain(`No more emails about this event: ${props.unsubscribeUrl}`);
    expect(html).toContain(`href="${props.unsubscribeUrl}"`);
  });

  it("names the host and event in the subject and gives the deadline", async () => {
    const { subject, text } = await renderBoth("invitation");
    expect(subject).toBe("Grace invites you: Winter solstice dinner");
    expect(text).toContain(`Please answer by ${props.deadline}`);
    const noDeadline = await renderBoth("invitation", { ...props, deadline: null });
    expect(noDeadline.text).not.toContain("Please answer by");
  });
});

describe("RsvpConfirmationEmail", () => {
  const props = RsvpConfirmationEmail.PreviewProps;

  it("escapes the guest's note and shows it as they typed it", async () => {
    const { html, text } = await renderBoth("rsvp-confirmation");
    expect(html).not.toContain("<tart>");
    expect(html).toContain("&lt;tart&gt;");
    expect(text).toContain(props.note);
  });

  it("tells the guest what they answered and offers the calendar unless they declined", async () => {
    const yes = await renderBoth("rsvp-confirmation");
    expect(yes.subject).toBe("You're going: Winter solstice dinner");
    expect(yes.html).toContain("calendar.google.com");
    const no = await renderBoth("rsvp-confirmation", { ...props, answer: "no" });
    expect(no.subject).toBe("You're not going: Winter solstice dinner");
    expect(no.html).not.toContain("calendar.google.com");
  });
});

describe("NewAnswerEmail", () => {
  const props = NewAnswerEmail.PreviewProps;

  it("escapes the guest's name for the host", async () => {
    const { html, text } = await renderBoth("new-answer");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(text).toContain("<img src=x onerror=alert(1)>");
  });

  it("says what changed and links to the answers", async () => {
    const { subject, text } = await renderBoth("new-answer");
    expect(subject).toBe(`${props.guestName} answered Maybe: Winter solstice dinner`);
    expect(text).toContain("(was No)");
    expect(text).toContain(props.eventUrl);
  });

  it("falls back to the address when the guest has no name", async () => {
    const { subject } = await renderBoth("new-answer", { ...props, guestName: "" });
    expect(subject).toBe("ada@example.org answered Maybe: Winter solstice dinner");
  });
});

describe("SignInEmail", () => {
  it("carries the sign-in link in both versions", async () => {
    const { html, text } = await renderBoth("sign-in");
    const url = templates["sign-in"].Component.PreviewProps.url as string;
    expect(html).toContain(`href="${url.replace(/&/g, "&amp;")}"`);
    expect(text).toContain(url);
  });
});
