import { describe, expect, it } from "vitest";
import { decodeEntities } from "./html-entities";
import { htmlToText } from "./html-to-text";

describe("decodeEntities", () => {
  it("decodes the named and numeric references", () => {
    expect(decodeEntities("&amp; &lt; &gt; &quot; &#39; &apos; a&nbsp;b &#233; &#x1F600; &mdash;")).toBe("& < > \" ' ' a b é 😀 \u2014");
  });

  it("leaves unknown names and invalid code points safe", () => {
    expect(decodeEntities("&bogus; &constructor; &#0; &#xD800; &#99999999;")).toBe("&bogus; &constructor; \ufffd \ufffd \ufffd");
    expect(decodeEntities("AT&T and R&D")).toBe("AT&T and R&D");
  });
});

describe("htmlToText", () => {
  it("drops head, script and style, decodes entities and keeps blocks apart", () => {
    const html = `<!DOCTYPE html>
<html><head><title>Ignored title</title><style>p { color: red; }</style>
<script>document.write("<p>not text</p>")</script></head>
<body>
  <h1>Quarterly   report</h1>
  <p>Profits &amp; losses were &lt;5%&gt; of &quot;plan&quot; &#8212; it&#39;s fine.</p>
  <script type="module">alert("</p>nope")</script>
  <ul><li>First item</li>
      <li>Second <b>bold</b> item</li></ul>
  <p>Line one<br>Line two</p>
  <!-- a comment <p>hidden</p> -->
</body></html>`;
    expect(htmlToText(html)).toBe(
      [
        "Quarterly report",
        "",
        "Profits & losses were <5%> of \"plan\" \u2014 it's fine.",
        "",
        "First item",
        "Second bold item",
        "",
        "Line one",
        "Line two",
      ].join("\n"),
    );
  });

  it("ends an unclosed head at the body and handles attributes containing '>'", () => {
    expect(htmlToText('<head><title>t</title><body><a title="a > b" href="/x">Link</a> text')).toBe("Link text");
  });

  it("does not treat decoded '<' as markup, and keeps stray '<' characters", () => {
    expect(htmlToText("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>1 < 2</p>")).toBe("<script>alert(1)</script>\n\n1 < 2");
  });

  it("keeps line breaks inside <pre> and separates table cells", () => {
    expect(htmlToText("<pre>a\nb</pre><table><tr><td>x</td><td>y</td></tr><tr><td>z</td></tr></table>")).toBe("a\nb\n\nx y\nz");
  });

  it("returns nothing for a document of scripts and styles only", () => {
    expect(htmlToText("<script>var x = 1;</script><style>a{}</style>  ")).toBe("");
    expect(htmlToText("<script>never closed")).toBe("");
  });
});
