#include <catch2/catch.hpp>

#include <string>

#include "markdown.h"

using namespace storydiff::detail;

namespace {

std::string md(std::string_view s) { return extract_markdown(s).text; }
std::string inl(std::string_view s) { return markdown_inline_text(s); }

}  // namespace

TEST_CASE("markdown: paragraphs are blank-line separated, their lines joined", "[markdown]") {
  CHECK(md("One line\nand its continuation.\n\n\n\nNext   paragraph.\n") ==
        "One line and its continuation.\n\nNext paragraph.");
  CHECK(md("") == "");
  CHECK(md("\n \n\t\n") == "");
  CHECK(md("   indented start\n  second") == "indented start second");
  CHECK(md("Hard break  \nwith spaces and\\\nbackslash") ==
        "Hard break with spaces and backslash");
}

TEST_CASE("markdown: ATX and setext headings are paragraphs of their own", "[markdown]") {
  CHECK(md("# Title\nBody line\n## Sub ##\nMore") == "Title\n\nBody line\n\nSub\n\nMore");
  CHECK(md("###### Six\n####### Seven is text") == "Six\n\n####### Seven is text");
  CHECK(md("#hashtag is not a heading") == "#hashtag is not a heading");
  CHECK(md("# Issue #5\n# C#") == "Issue #5\n\nC#");
  CHECK(md("Big title\n=========\nText\n\nSmaller\n---\nMore") ==
        "Big title\n\nText\n\nSmaller\n\nMore");
}

TEST_CASE("markdown: the title is front matter, else the first level-1 heading", "[markdown]") {
  CHECK(extract_markdown("## Kicker\n\n# The *Headline*\n\n# Another").title == "The Headline");
  CHECK(extract_markdown("Intro\n\n### Only h3").title == "Only h3");
  CHECK(extract_markdown("Setext one\n===\n").title == "Setext one");
  CHECK(extract_markdown("No heading at all").title.empty());
  const auto fm = extract_markdown("---\ntitle: \"Front matter title\"\ndate: 2021-12-20\n---\n"
                                   "# Heading\n\nBody.");
  CHECK(fm.title == "Front matter title");
  CHECK(fm.text == "Heading\n\nBody.");
  // A rule at the top is not front matter, nor is an unclosed block.
  CHECK(md("---\nJust text\n---") == "Just text");
  CHECK(md("---\ntitle: never closed") == "title: never closed");
  CHECK(md("---") == "");
  CHECK(md("---\n") == "");
}

TEST_CASE("markdown: emphasis and strike-through markers go, the words stay", "[markdown]") {
  CHECK(inl("*em* **strong** _em_ __strong__ ***both*** ~~struck~~") ==
        "em strong em strong both struck");
  CHECK(inl("a **bold claim**, then *more*.") == "a bold claim, then more.");
  CHECK(inl("un*frigging*believable") == "unfriggingbelievable");
  CHECK(inl("snake_case_name and __init__") == "snake_case_name and init");
  CHECK(inl("5 * 3 = 15 and 2 * 4") == "5 * 3 = 15 and 2 * 4");
  CHECK(inl("a lone * star and an *unclosed one") == "a lone * star and an *unclosed one");
  CHECK(inl("~5 km and ~~~three~~~") == "~5 km and ~~~three~~~");
  CHECK(inl("\\*not emphasis\\*") == "*not emphasis*");
}

TEST_CASE("markdown: code spans keep their text, fences are dropped", "[markdown]") {
  CHECK(inl("call `f(x)` now") == "call f(x) now");
  CHECK(inl("``a ` b`` and `*not em*`") == "a ` b and *not em*");
  CHECK(inl("an `unclosed span") == "an `unclosed span");
  CHECK(inl("`[not](a link)`") == "[not](a link)");
  CHECK(md("Before\n```python\nprint('x')\n\nmore code\n```\nAfter") == "Before\n\nAfter");
  CHECK(md("~~~\ncode\n~~~~\nAfter") == "After");
  CHECK(md("Text\n```\nnever closed\n\nstill code") == "Text");
  CHECK(md("```not a fence``` but inline") == "not a fence but inline");
}

TEST_CASE("markdown: links keep their text, images go", "[markdown]") {
  CHECK(inl("see [the report](https://example.com/r?a=(1)) now") == "see the report now");
  CHECK(inl("[a *bold* link](u \"title\")") == "a bold link");
  CHECK(inl("[nested [brackets] ok](u)") == "nested [brackets] ok");
  CHECK(inl("a ![photo of x](x.png) b") == "a b");
  CHECK(inl("[![badge](b.svg)](link) text") == "text");
  CHECK(inl("He said [sic] it. [Not a link] (spaced)") ==
        "He said [sic] it. [Not a link] (spaced)");
  CHECK(inl("unbalanced [bracket and (paren") == "unbalanced [bracket and (paren");
  CHECK(inl("<https://example.com/a> and <someone@example.com>") ==
        "https://example.com/a and someone@example.com");
}

TEST_CASE("markdown: reference links and definitions", "[markdown]") {
  CHECK(md("See [the report][r], [r][] and [R].\n\n[r]: https://example.com \"Title\"\n"
           "[unused]: /x\n\nAnd [undefined] stays.") ==
        "See the report, r and R.\n\nAnd [undefined] stays.");
  CHECK(md("![logo][img]\n\n[img]: logo.png") == "");
  CHECK(md("Text\n[r]: /x") == "Text [r]: /x");  // a definition cannot interrupt a paragraph
  CHECK(md("[^1]: A footnote stays.") == "[^1]: A footnote stays.");
}

TEST_CASE("markdown: block quotes lose their markers", "[markdown]") {
  CHECK(md("> Quoted line\n> continues.\n>\n> Second paragraph.\n\nAfter.") ==
        "Quoted line continues.\n\nSecond paragraph.\n\nAfter.");
  CHECK(md("> > nested *quote*") == "nested quote");
  CHECK(md("> # Heading in a quote\n> text") == "Heading in a quote\n\ntext");
}

TEST_CASE("markdown: list items are paragraphs of their own", "[markdown]") {
  CHECK(md("- one\n- two\n  continued\n* three\n+ four\n\n1. first\n2) second\n10. tenth") ==
        "one\n\ntwo continued\n\nthree\n\nfour\n\nfirst\n\nsecond\n\ntenth");
  CHECK(md("Intro:\n- item") == "Intro:\n\nitem");
  CHECK(md("- outer\n  - inner") == "outer\n\ninner");
  CHECK(md("In the year\n2014. was a year") == "In the year 2014. was a year");
  CHECK(md("-not a list\n*neither*") == "-not a list neither");
}

TEST_CASE("markdown: horizontal rules are dropped", "[markdown]") {
  CHECK(md("A\n\n---\n\nB\n\n***\nC\n\n_ _ _\n\n- - -\nD") == "A\n\nB\n\nC\n\nD");
}

TEST_CASE("markdown: HTML inside Markdown is stripped, entities decoded", "[markdown]") {
  CHECK(inl("a <span class=\"x\">styled</span> word<br/>next") == "a styled word next");
  CHECK(inl("AT&amp;T &ldquo;quoted&rdquo; &#233; &amp no-semicolon") ==
        "AT&T \xE2\x80\x9Cquoted\xE2\x80\x9D \xC3\xA9 &amp no-semicolon");
  CHECK(inl("x <!-- a comment --> y") == "x y");
  CHECK(inl("1 < 2 and a <b") == "1 < 2 and a <b");
  CHECK(inl("a <notatag =x> b") == "a <notatag =x> b");
  CHECK(md("<div align=\"center\">\nCentered text\n</div>") == "Centered text");
}

TEST_CASE("markdown: hostile input stays linear", "[markdown]") {
  std::string s;
  for (int k = 0; k < 20000; ++k) s += "<a b=\"x <!-- [[[ ((( ``` `` ` *_ ~~ ![ ";
  // A quadratic reader would not finish within ctest's per-test timeout (tests/CMakeLists.txt).
  const auto r = extract_markdown(s);
  CHECK(!r.text.empty());
}
