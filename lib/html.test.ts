import { describe, expect, it } from "vitest";
import { html, htmlString } from "./html";

describe("html", () => {
  it("escapes every interpolated value, in text and in attributes", () => {
    const name = `<script>alert("x")</script> & 'quotes'`;
    expect(htmlString(html`<p title="${name}">${name}</p>`)).toBe(
      `<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</p>`,
    );
  });

  it("nests fragments as markup, joins lists and prints nothing for empty values", () => {
    const items = ["a<", "b"].map((x) => html`<li>${x}</li>`);
    expect(htmlString(html`<ul>${items}</ul>${null}${undefined}${false}${0}`)).toBe("<ul><li>a&lt;</li><li>b</li></ul>0");
  });

  it("does not take a look-alike object for markup", () => {
    expect(htmlString(html`${{ toString: () => "<b>" }}`)).toBe("&lt;b&gt;");
  });
});
