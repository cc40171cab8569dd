#include <catch2/catch.hpp>

#include <string>

#include "html.h"

using namespace storydiff::detail;

namespace {

std::string text_of(std::string_view html) { return extract_html(html).text; }

std::string decoded(std::string_view s) {
  std::string out;
  append_decoded(s, out, false);
  return out;
}


}  // namespace

TEST_CASE("html: block elements become paragraphs separated by a blank line", "[html]") {
  CHECK(text_of("<p>One.</p><p>Two.</p>") == "One.\n\nTwo.");
  CHECK(text_of("<div>A</div><section>B</section><blockquote>C</blockquote>") == "A\n\nB\n\nC");
  CHECK(text_of("<h1>Title</h1>Body text") == "Title\n\nBody text");
  CHECK(text_of("<h2>x</h2><h3>y</h3><h4>z</h4><h5>u</h5><h6>v</h6>") == "x\n\ny\n\nz\n\nu\n\nv");
  CHECK(text_of("<figure>img<figcaption>Caption.</figcaption></figure>") == "img\n\nCaption.");
  CHECK(text_of("<dl><dt>Term</dt><dd>Definition</dd></dl>") == "Term\n\nDefinition");
  CHECK(text_of("<pre>code  here</pre>after") == "code here\n\nafter");
  CHECK(text_of("a<hr>b") == "a\n\nb");
}

TEST_CASE("html: br and li are paragraph breaks", "[html]") {
  CHECK(text_of("<p>Line one<br>line two<br/>line three</p>") ==
        "Line one\n\nline two\n\nline three");
  CHECK(text_of("<ul><li>First item</li><li>Second <em>item</em></li></ul><ol><li>Third</ol>") ==
        "First item\n\nSecond item\n\nThird");
  CHECK(text_of("<li>unclosed one<li>unclosed two") == "unclosed one\n\nunclosed two");
}

TEST_CASE("html: inline elements keep their text inline", "[html]") {
  CHECK(text_of("<p>The <a href=\"/x\">mayor</a> <em>said</em> <strong>no</strong>, "
                "<span>twice</span> <b>at</b> <i>the</i> <q>council</q> <abbr>UN</abbr> "
                "<time>today</time> x<sup>2</sup> H<sub>2</sub>O.</p>") ==
        "The mayor said no, twice at the council UN today x2 H2O.");
  CHECK(text_of("<p>un<em>believ</em>able</p>") == "unbelievable");
}

TEST_CASE("html: white space collapses and paragraphs are trimmed", "[html]") {
  CHECK(text_of("<p>\n   Many   \t spaces\n\nand lines   </p>\n\n  <p>  next </p>  ") ==
        "Many spaces and lines\n\nnext");
  CHECK(text_of("   ") == "");
  CHECK(text_of("<p></p><div> </div><p>only</p><p>\n</p>") == "only");
  CHECK(text_of("plain words, no markup") == "plain words, no markup");
}

TEST_CASE("html: table cells are kept apart", "[html]") {
  CHECK(text_of("<table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>") ==
        "a b\n\nc d");
}

TEST_CASE("html: script, style and page furniture are dropped", "[html]") {
  const std::string page =
      "<html><head><title>T</title><style>p { color: red }</style>"
      "<script>var s = \"</div><p>not text</p>\"; if (a < b) {}</script></head>"
      "<body><header>Site header</header><nav><a>Home</a> | <a>World</a></nav>"
      "<p>Story starts.</p><aside>Related stories</aside><form><button>Subscribe</button>"
      "<input value=x></form><noscript>Enable JS</noscript><template><p>tpl</p></template>"
      "<svg><text>chart</text></svg><iframe src=x>frame text</iframe>"
      "<p>Story ends.</p><footer>Copyright</footer></body></html>";
  CHECK(text_of(page) == "Story starts.\n\nStory ends.");
}

TEST_CASE("html: script content never appears, whatever it contains", "[html]") {
  CHECK(text_of("<p>a</p><script>document.write('</div></p><p>evil</p>')</script><p>b</p>") ==
        "a\n\nb");
  CHECK(text_of("<p>a</p><SCRIPT type=text/javascript>x = '</scrip'; y = 1</SCRIPT ><p>b</p>") ==
        "a\n\nb");
  CHECK(text_of("<p>a</p><script>never closed </p> text") == "a");
  CHECK(text_of("<p>a</p><style>b { x: '</p>' }</style>c") == "a\n\nc");
  CHECK(text_of("<script/>after</script>seen") == "seen");  // "/>" does not close a script
}

TEST_CASE("html: the title goes to the title, not the text", "[html]") {
  const auto r = extract_html(
      "<html><head><TITLE> Quake  &amp; aftermath </TITLE></head><body><p>Text</p></body>");
  CHECK(r.title == "Quake & aftermath");
  CHECK(r.text == "Text");
  // A <title> inside SVG is the picture's, not the page's.
  const auto svg = extract_html("<svg><title>icon</title></svg><p>x</p><title>Page</title>");
  CHECK(svg.title == "Page");
  CHECK(svg.text == "x");
  CHECK(extract_html("<p>no title</p>").title.empty());
}

TEST_CASE("html: an unclosed head ends where the body begins", "[html]") {
  CHECK(text_of("<html><head><title>t</title><meta charset=utf-8><p>Body text</p>") ==
        "Body text");
  CHECK(text_of("<head><link rel=x><body>Body</body>") == "Body");
}

TEST_CASE("html: the largest article wins, then main, then the body", "[html]") {
  CHECK(text_of("<body><p>Menu junk</p><article><p>The story.</p></article><p>More junk</p>") ==
        "The story.");
  CHECK(text_of("<article>Teaser</article><div><article><p>The real story is longer.</p>"
                "<p>Second paragraph.</p></article></div><article>Other</article>") ==
        "The real story is longer.\n\nSecond paragraph.");
  CHECK(text_of("<div>junk</div><main><p>Main text.</p><aside>ad</aside><p>More.</p></main>"
                "<div>junk</div>") == "Main text.\n\nMore.");
  // An empty article does not hide the rest.
  CHECK(text_of("<article> </article><main>Main</main>") == "Main");
  CHECK(text_of("<body><div>Just a body.</div></body>") == "Just a body.");
  // Nested articles: the outer one holds all the text.
  CHECK(text_of("<article><p>Outer</p><article><p>inner</p></article><p>tail</p></article>") ==
        "Outer\n\ninner\n\ntail");
  // Text outside two <main>s does not glue them together.
  CHECK(text_of("<main>one</main>x<main>two</main>") == "one\n\ntwo");
}

TEST_CASE("html: uppercase tags and attributes with '>' in quotes", "[html]") {
  CHECK(text_of("<P CLASS=\"x\">Upper</P><DIV>case</DIV>") == "Upper\n\ncase");
  CHECK(text_of("<p title=\"a > b\" data-x='c > d' e=f>Quoted</p>") == "Quoted");
  CHECK(text_of("<a href=\"x\"title=y>no space</a>") == "no space");
  CHECK(text_of("<p data-x=\"unterminated>lost for good") == "");
}

TEST_CASE("html: comments, CDATA and declarations", "[html]") {
  CHECK(text_of("<!DOCTYPE html><p>a<!-- <p>hidden</p> -->b</p>") == "ab");
  CHECK(text_of("a<!---->b<!-->c<!--->d") == "abcd");
  CHECK(text_of("a<!-- never closed <p>x</p>") == "a");
  CHECK(text_of("<p><![CDATA[x < y && z]]> ok</p>") == "x < y && z ok");
  CHECK(text_of("<?xml version=\"1.0\"?><p>xml</p>") == "xml");
  CHECK(text_of("a</ weird>b") == "ab");
}

TEST_CASE("html: a '<' that opens no tag is text", "[html]") {
  CHECK(text_of("<p>1 < 2 and 3 <= 4, I <3 it</p>") == "1 < 2 and 3 <= 4, I <3 it");
  CHECK(text_of("<p>a <</p>") == "a <");
  CHECK(text_of("x </> y") == "x y");
}

TEST_CASE("html: unclosed and stray tags", "[html]") {
  CHECK(text_of("<p>One<p>Two<div>Three") == "One\n\nTwo\n\nThree");
  CHECK(text_of("</p>a</div></span>b</article>") == "a\n\nb");
  CHECK(text_of("<nav>menu</div>still nav</nav>after") == "after");
  CHECK(text_of("<b>bold <i>both</b> italic</i>") == "bold both italic");
  CHECK(text_of("<p>cut at <b") == "cut at");
  CHECK(text_of("<nav/>self-closed nav keeps the rest") == "self-closed nav keeps the rest");
}

// A quadratic extractor would not finish these within ctest's per-test timeout (tests/CMakeLists.txt).
TEST_CASE("html: 100,000 nested elements are read", "[html]") {
  std::string deep;
  for (int k = 0; k < 100000; ++k) deep += "<div>";
  deep += "deep text";
  for (int k = 0; k < 100000; ++k) deep += "</div>";
  std::string text;
  text = extract_html(deep).text;
  CHECK(text == "deep text");

  // Unclosed nesting, then many end tags that match nothing open.
  std::string open;
  for (int k = 0; k < 100000; ++k) open += "<span><b>";
  open += "x";
  for (int k = 0; k < 100000; ++k) open += "</i>";
  text = extract_html(open).text;
  CHECK(text == "x");

  // Alternating drop and keep regions, and an unclosed tag at the end of a huge input.
  std::string mixed;
  for (int k = 0; k < 50000; ++k) mixed += "<nav><p>n</p></nav><p>k</p><script>s</script>";
  mixed += "<a x='";
  text = extract_html(mixed).text;
  CHECK(text.size() == 50000 * 3 - 2);
}

TEST_CASE("html: entities", "[html]") {
  CHECK(text_of("<p>AT&amp;T &lt;b&gt; &quot;q&quot; &apos;a&apos;</p>") ==
        "AT&T <b> \"q\" 'a'");
  CHECK(text_of("<p>&ldquo;Hi,&rdquo; she said &mdash; twice&hellip;</p>") ==
        "\xE2\x80\x9CHi,\xE2\x80\x9D she said \xE2\x80\x94 twice\xE2\x80\xA6");
  CHECK(text_of("caf&eacute; &Eacute;lys&eacute;e &euro;5 &pound;3 &copy;") ==
        "caf\xC3\xA9 \xC3\x89lys\xC3\xA9" "e \xE2\x82\xAC" "5 \xC2\xA3" "3 \xC2\xA9");
  CHECK(text_of("a&nbsp;&nbsp;b&#160;c") == "a b c");  // no-break spaces read as spaces
  CHECK(text_of("inter&shy;national") == "international");
  CHECK(text_of("&#233;&#xE9;&#XE9;&#x1F600;") ==
        "\xC3\xA9\xC3\xA9\xC3\xA9\xF0\x9F\x98\x80");
  CHECK(text_of("&#0;|&#xD800;|&#x110000;|&#99999999999999;") ==
        "\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD|\xEF\xBF\xBD");
  CHECK(text_of("&#146;&#150;") == "\xE2\x80\x99\xE2\x80\x93");  // Windows-1252 reading
  CHECK(text_of("&amp &lt; &bogus; &; & x &#; &#x; AT&T") == "& < &bogus; &; & x &#; &#x; AT&T");
  CHECK(text_of("&#65&#x42 end") == "AB end");
}

TEST_CASE("html: the named entity table is HTML 4's, plus apos", "[html]") {
  CHECK(named_entity_count() == 253);
  CHECK(named_entity("nbsp") == 0xA0);
  CHECK(named_entity("yuml") == 0xFF);
  CHECK(named_entity("Yuml") == 0x178);
  CHECK(named_entity("rsquo") == 0x2019);
  CHECK(named_entity("lsquo") == 0x2018);
  CHECK(named_entity("ndash") == 0x2013);
  CHECK(named_entity("Omega") == 0x3A9);
  CHECK(named_entity("omega") == 0x3C9);
  CHECK(named_entity("sigmaf") == 0x3C2);
  CHECK(named_entity("thetasym") == 0x3D1);
  CHECK(named_entity("rArr") == 0x21D2);
  CHECK(named_entity("rarr") == 0x2192);
  CHECK(named_entity("infin") == 0x221E);
  CHECK(named_entity("there4") == 0x2234);
  CHECK(named_entity("frac12") == 0xBD);
  CHECK(named_entity("diams") == 0x2666);
  CHECK(named_entity("euro") == 0x20AC);
  CHECK(named_entity("szlig") == 0xDF);
  CHECK(named_entity("apos") == 0x27);
  CHECK(named_entity("Amp") == 0);  // names are case-sensitive
  CHECK(named_entity("") == 0);
  CHECK(named_entity("notanentity") == 0);
}

TEST_CASE("html: decode_entity reports the span it consumed", "[html]") {
  std::string out;
  CHECK(decode_entity("x&amp;y", 1, out, true) == 5);
  CHECK(out == "&");
  out.clear();
  CHECK(decode_entity("&amp y", 0, out, true) == 0);  // Markdown wants the ';'
  CHECK(out.empty());
  CHECK(decode_entity("&amp y", 0, out, false) == 4);
  CHECK(out == "&");
  out.clear();
  CHECK(decode_entity("&#x41;", 0, out, true) == 6);
  CHECK(out == "A");
  CHECK(decoded("a &lt;&gt; b") == "a <> b");
}

TEST_CASE("html: TextBuilder joins pieces into trimmed paragraphs", "[html]") {
  TextBuilder tb;
  tb.add("  Hello ");
  tb.add(" world\n");
  tb.paragraph_break();
  tb.paragraph_break();
  tb.add("\t");
  tb.paragraph_break();
  tb.add("Next\xC2\xA0one ");
  CHECK(tb.text() == "Hello world\n\nNext one");
  CHECK(tb.take() == "Hello world\n\nNext one");
  CHECK(tb.text().empty());
}

TEST_CASE("html: sniffing", "[html]") {
  CHECK(looks_like_html("<!DOCTYPE html><html>"));
  CHECK(looks_like_html("\n  <!doctype HTML>"));
  CHECK(looks_like_html("<html lang=en>"));
  CHECK(looks_like_html("Some text <p>and a paragraph"));
  CHECK(looks_like_html("<div><ARTICLE class=x>"));
  CHECK(looks_like_html("<body>"));
  CHECK_FALSE(looks_like_html("Plain text, 1 < 2 and a <pre-tag> thing."));
  CHECK_FALSE(looks_like_html("<para>not html"));
  CHECK_FALSE(looks_like_html(""));
  CHECK_FALSE(looks_like_html(std::string(3000, 'x') + "<p>too late"));
}

TEST_CASE("html: an article header keeps its headline, not its kicker or byline", "[html]") {
  const auto r = extract_html(
      "<header><nav>Home</nav><h1>Site name</h1></header><article><header><span>Breaking</span>"
      "<h1>Ferry fire kills 23</h1><p class=byline>By A. Writer</p></header><p>Body text.</p></article>");
  CHECK(r.text == "Ferry fire kills 23\n\nBody text.");
}
