#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "storydiff/document.h"

using namespace storydiff;

namespace {

Document read_ok(std::string_view bytes, std::string name = "doc.txt", ReadOptions o = {}) {
  auto d = read_document(bytes, std::move(name), o);
  INFO((d ? std::string() : d.error().message));
  REQUIRE(d.ok());
  return std::move(d).value();
}

Error read_error(std::string_view bytes, std::string name = "doc.txt", ReadOptions o = {}) {
  auto d = read_document(bytes, std::move(name), o);
  REQUIRE_FALSE(d.ok());
  return d.error();
}

std::vector<std::string> sentence_texts(const Document& d) {
  std::vector<std::string> out;
  for (const auto& s : d.sentences) out.push_back(d.text.substr(s.start, s.end - s.start));
  return out;
}

ReadOptions with_format(Format f) {
  ReadOptions o;
  o.format = f;
  return o;
}

std::string utf16(std::u16string_view s, bool big_endian, bool bom = true) {
  std::string out;
  if (bom) out += big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (const char16_t u : s) {
    const char hi = static_cast<char>(u >> 8), lo = static_cast<char>(u & 0xFF);
    out += big_endian ? hi : lo;
    out += big_endian ? lo : hi;
  }
  return out;
}

}  // namespace

TEST_CASE("read: format names", "[read]") {
  CHECK(format_name(Format::automatic) == "automatic");
  CHECK(format_name(Format::text) == "text");
  CHECK(format_name(Format::markdown) == "markdown");
  CHECK(format_name(Format::html) == "html");
  CHECK(format_name(Format::article) == "article");

  CHECK(*parse_format("auto") == Format::automatic);
  CHECK(*parse_format("automatic") == Format::automatic);
  CHECK(*parse_format("text") == Format::text);
  CHECK(*parse_format("txt") == Format::text);
  CHECK(*parse_format("md") == Format::markdown);
  CHECK(*parse_format("Markdown") == Format::markdown);
  CHECK(*parse_format("htm") == Format::html);
  CHECK(*parse_format("HTML") == Format::html);
  CHECK(*parse_format("article") == Format::article);
  const auto bad = parse_format("pdf");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().code == ErrorCode::bad_option);
  CHECK(bad.error().message ==
        "unknown format 'pdf' (expected automatic, text, markdown, html or article)");
}

TEST_CASE("read: format from the file name's extension", "[read]") {
  CHECK(format_from_name("story.txt") == Format::text);
  CHECK(format_from_name("story.TEXT") == Format::text);
  CHECK(format_from_name("notes.md") == Format::markdown);
  CHECK(format_from_name("notes.markdown") == Format::markdown);
  CHECK(format_from_name("page.html") == Format::html);
  CHECK(format_from_name("page.HTM") == Format::html);
  CHECK(format_from_name("page.xhtml") == Format::html);
  CHECK(format_from_name("dir/x.article") == Format::article);
  CHECK(format_from_name("-") == Format::automatic);
  CHECK(format_from_name("README") == Format::automatic);
  CHECK(format_from_name("archive.tar.gz") == Format::automatic);
  CHECK(format_from_name(".md") == Format::automatic);  // a dot file, not an extension
  CHECK(format_from_name("v1.2/story") == Format::automatic);
  CHECK(format_from_name("C:\\news\\story.html") == Format::html);
}

TEST_CASE("read: plain text is kept byte for byte, offsets point into it", "[read]") {
  const std::string input = "The mayor resigned. She gave no reason.\n\nA new paragraph.\n";
  const Document d = read_ok(input);
  CHECK(d.name == "doc.txt");
  CHECK(d.format == Format::text);
  CHECK(d.text == input);
  CHECK(d.body_start == 0);
  CHECK(d.warnings.empty());
  CHECK(d.meta.title.empty());
  CHECK(sentence_texts(d) ==
        std::vector<std::string>{"The mayor resigned.", "She gave no reason.", "A new paragraph."});
  REQUIRE(d.paragraphs.size() == 2);
  CHECK(d.text.substr(d.paragraphs[1].start, d.paragraphs[1].end - d.paragraphs[1].start) ==
        "A new paragraph.");
}

TEST_CASE("read: BOM, CRLF and lone CR are normalised", "[read]") {
  CHECK(read_ok("\xEF\xBB\xBFHello.").text == "Hello.");
  CHECK(read_ok("One.\r\nTwo.\r\n").text == "One.\nTwo.\n");
  CHECK(read_ok("One.\rTwo.\r\rThree.").text == "One.\nTwo.\n\nThree.");
  CHECK(read_ok("a\r\r\nb\n\rc").text == "a\n\nb\n\nc");
  const Document d = read_ok("\xEF\xBB\xBFOne.\r\nTwo.");
  CHECK(d.text == "One.\nTwo.");
  CHECK(sentence_texts(d) == std::vector<std::string>{"One.", "Two."});
  CHECK(d.warnings.empty());
}

TEST_CASE("read: UTF-16 with a byte-order mark becomes UTF-8", "[read]") {
  const std::u16string s = u"Caf\u00E9 \u201Cok\u201D \U0001F600.\r\nNext.";
  const std::string expected = "Caf\xC3\xA9 \xE2\x80\x9Cok\xE2\x80\x9D \xF0\x9F\x98\x80.\nNext.";
  const Document le = read_ok(utf16(s, false), "le.txt");
  CHECK(le.text == expected);
  CHECK(le.warnings == std::vector<std::string>{"le.txt: converted from UTF-16LE to UTF-8"});
  const Document be = read_ok(utf16(s, true), "be.txt");
  CHECK(be.text == expected);
  CHECK(be.warnings == std::vector<std::string>{"be.txt: converted from UTF-16BE to UTF-8"});
  CHECK(read_ok("\xFF\xFE").text.empty());
}

TEST_CASE("read: broken UTF-16 is an error, or repaired on request", "[read]") {
  const std::string lone = utf16(u"ab", false) + std::string("\x00\xD8", 2) + utf16(u"c", false, false);
  const Error e = read_error(lone, "u.txt");
  CHECK(e.code == ErrorCode::invalid_utf8);
  CHECK(e.message == "u.txt: invalid UTF-16LE at byte 6 (unpaired surrogate)");

  const Error low = read_error(std::string("\xFE\xFF\xDC\x00", 4), "u.txt");
  CHECK(low.message == "u.txt: invalid UTF-16BE at byte 2 (unpaired surrogate)");

  const Error odd = read_error(std::string("\xFF\xFE" "a\0b", 5), "u.txt");
  CHECK(odd.message == "u.txt: invalid UTF-16LE at byte 4 (odd number of bytes)");

  ReadOptions repair;
  repair.replace_invalid_utf8 = true;
  const Document d = read_ok(lone, "u.txt", repair);
  CHECK(d.text == "ab\xEF\xBF\xBD" "c");
  CHECK(d.warnings == std::vector<std::string>{
                          "u.txt: converted from UTF-16LE to UTF-8",
                          "u.txt: replaced 1 invalid UTF-16LE sequence with U+FFFD (first at byte 6)"});

  const Error nul = read_error(std::string("\xFF\xFE" "a\0\0\0", 6), "u.txt");
  CHECK(nul.code == ErrorCode::binary_input);
  CHECK(nul.message == "u.txt: looks binary (NUL character at offset 4)");

  const Error utf32 = read_error(std::string("\xFF\xFE\0\0" "a\0\0\0", 8), "u.txt");
  CHECK(utf32.code == ErrorCode::unsupported_format);
}

TEST_CASE("read: invalid UTF-8 names the byte offset in the input", "[read]") {
  auto offset_message = [](std::string_view bytes) { return read_error(bytes, "x.txt").message; };
  CHECK(read_error("ab\xC3(").code == ErrorCode::invalid_utf8);
  CHECK(offset_message("ab\xC3(") == "x.txt: invalid UTF-8 at byte 2");
  CHECK(offset_message("ok \xC0\xAF") == "x.txt: invalid UTF-8 at byte 3");       // overlong
  CHECK(offset_message("\xED\xA0\x80 x") == "x.txt: invalid UTF-8 at byte 0");    // surrogate
  CHECK(offset_message("abc\xE2\x82") == "x.txt: invalid UTF-8 at byte 3");       // truncated
  CHECK(offset_message("\xF4\x90\x80\x80") == "x.txt: invalid UTF-8 at byte 0");  // > U+10FFFF
  CHECK(offset_message("caf\xC3\xA9 \xFF") == "x.txt: invalid UTF-8 at byte 6");
  // The offset counts the BOM and the CRs, which the text later loses.
  CHECK(offset_message("\xEF\xBB\xBF" "a\r\nb\x80") == "x.txt: invalid UTF-8 at byte 7");
}

TEST_CASE("read: invalid UTF-8 replaced by U+FFFD on request", "[read]") {
  ReadOptions o;
  o.replace_invalid_utf8 = true;
  const Document d = read_ok("ab\xC3(", "x.txt", o);
  CHECK(d.text == "ab\xEF\xBF\xBD(");
  CHECK(d.warnings ==
        std::vector<std::string>{"x.txt: replaced 1 invalid UTF-8 sequence with U+FFFD (first at byte 2)"});
  // One U+FFFD per maximal ill-formed subpart, as the Unicode Standard recommends.
  CHECK(read_ok("abc\xE2\x82", "x", o).text == "abc\xEF\xBF\xBD");
  CHECK(read_ok("\xC0\xAF", "x", o).text == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(read_ok("\xED\xA0\x80", "x", o).text == "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(read_ok("\xF0\x9F\x98 x\xFF", "x", o).text == "\xEF\xBF\xBD x\xEF\xBF\xBD");
  CHECK(read_ok("\xF0\x9F\x98 x\xFF", "x", o).warnings ==
        std::vector<std::string>{"x: replaced 2 invalid UTF-8 sequences with U+FFFD (first at byte 0)"});
}

TEST_CASE("read: a NUL byte means binary input", "[read]") {
  const Error e = read_error(std::string("abc\0def", 7), "photo.jpg");
  CHECK(e.code == ErrorCode::binary_input);
  CHECK(e.message == "photo.jpg: looks binary (NUL byte at offset 3)");
  // NUL wins over invalid UTF-8: a binary file is the better diagnosis.
  CHECK(read_error(std::string("\xFF\0", 2)).code == ErrorCode::binary_input);
}

TEST_CASE("read: the size limit is checked first", "[read]") {
  ReadOptions o;
  o.max_bytes = 10;
  CHECK(read_ok("0123456789", "ten.txt", o).text == "0123456789");
  const Error e = read_error(std::string("01234567890\0", 12), "big.txt", o);
  CHECK(e.code == ErrorCode::input_too_large);
  CHECK(e.message == "big.txt: input is 12 bytes, more than the limit of 10 bytes");
}

TEST_CASE("read: article files keep the header as metadata, not claims", "[read]") {
  const std::string file =
      "Quake hits the coast\n20211220\nhttps://example.com/quake\n"
      "A strong earthquake struck on Monday. Officials said 23 people died.\n"
      "Rescue teams are searching.\n";
  const Document d = read_ok(file, "quake.txt");
  CHECK(d.format == Format::article);
  CHECK(d.text == file);  // offsets are offsets into the file
  CHECK(d.meta.title == "Quake hits the coast");
  CHECK(d.meta.date == "20211220");
  CHECK(d.meta.url == "https://example.com/quake");
  CHECK(d.body_start == file.find("A strong"));
  REQUIRE(!d.sentences.empty());
  CHECK(d.sentences.front().start == d.body_start);
  CHECK(sentence_texts(d) == std::vector<std::string>{"A strong earthquake struck on Monday.",
                                                      "Officials said 23 people died.",
                                                      "Rescue teams are searching."});
  CHECK(d.paragraphs.size() == 2);
  CHECK(d.paragraphs.front().start == d.body_start);
}

TEST_CASE("read: article sniffing needs a date and a URL", "[read]") {
  CHECK(read_ok("T\n20211220\nhttp://x.org\nBody.", "a").format == Format::article);
  CHECK(read_ok("T\r\n20211220\r\nHTTPS://x.org\r\nBody.", "a").body_start == 25);
  CHECK(read_ok("T\n20211220\nhttp://x.org", "a").body_start == 23);  // header only
  CHECK(read_ok("T\n20211320\nhttp://x.org\nBody.", "a").format == Format::text);  // month 13
  CHECK(read_ok("T\n2021122\nhttp://x.org\nBody.", "a").format == Format::text);
  CHECK(read_ok("T\n20211220\nftp://x.org\nBody.", "a").format == Format::text);
  CHECK(read_ok("\n20211220\nhttp://x.org\nBody.", "a").format == Format::text);
  CHECK(read_ok("T\n20211220\nhttp://x.org\nBody.", "a.md").format == Format::markdown);

  // Asked for explicitly, a malformed header is read anyway, with warnings.
  const Document d = read_ok("Title\nyesterday\nexample.com\nBody.", "x", with_format(Format::article));
  CHECK(d.format == Format::article);
  CHECK(d.meta.date == "yesterday");
  CHECK(d.warnings == std::vector<std::string>{"x: article line 2 is not a YYYYMMDD date",
                                               "x: article line 3 is not an http(s) URL"});
  CHECK(d.text.substr(d.body_start) == "Body.");
}

TEST_CASE("read: HTML by extension, by sniffing, or by request", "[read]") {
  const std::string page =
      "<!DOCTYPE html><html><head><title>Quake</title></head><body><nav>Home</nav>"
      "<p>First para. Second sentence.</p><p>Last &amp; least.</p></body></html>";
  const Document d = read_ok(page, "page.html");
  CHECK(d.format == Format::html);
  CHECK(d.text == "First para. Second sentence.\n\nLast & least.");
  CHECK(d.meta.title == "Quake");
  CHECK(d.body_start == 0);
  CHECK(sentence_texts(d) ==
        std::vector<std::string>{"First para.", "Second sentence.", "Last & least."});
  CHECK(d.paragraphs.size() == 2);

  CHECK(read_ok(page, "page.txt").format == Format::html);  // sniffed
  CHECK(read_ok("<p>Fragment.</p>", "-").format == Format::html);
  CHECK(read_ok("<p>Fragment.</p>", "-").text == "Fragment.");
  CHECK(read_ok("1 < 2 is true.", "-").format == Format::text);
  CHECK(read_ok(page, "page.html", with_format(Format::text)).text == page);  // option wins

  const Document empty = read_ok("<html><script>x</script></html>", "e.html");
  CHECK(empty.text.empty());
  CHECK(empty.sentences.empty());
  CHECK(empty.warnings == std::vector<std::string>{"e.html: no article text found in the HTML"});
}

TEST_CASE("read: HTML entities and invalid UTF-8 are handled before extraction", "[read]") {
  CHECK(read_error("<p>caf\xE9</p>", "p.html").message == "p.html: invalid UTF-8 at byte 6");
  ReadOptions o;
  o.replace_invalid_utf8 = true;
  o.format = Format::html;
  CHECK(read_ok("<p>caf\xE9</p>", "p", o).text == "caf\xEF\xBF\xBD");
  CHECK(read_ok("\xEF\xBB\xBF<p>a&nbsp;b</p>\r\n<p>c</p>", "p.htm").text == "a b\n\nc");
}

TEST_CASE("read: Markdown by extension or request", "[read]") {
  const std::string md = "# The *Title*\n\nSome **bold** text.\nSame paragraph.\n\n- item\n";
  const Document d = read_ok(md, "story.md");
  CHECK(d.format == Format::markdown);
  CHECK(d.text == "The Title\n\nSome bold text. Same paragraph.\n\nitem");
  CHECK(d.meta.title == "The Title");
  CHECK(sentence_texts(d) ==
        std::vector<std::string>{"The Title", "Some bold text.", "Same paragraph.", "item"});
  CHECK(read_ok(md, "-", with_format(Format::markdown)).text == d.text);
  CHECK(read_ok(md, "story.txt").format == Format::text);  // no Markdown sniffing
}

TEST_CASE("read: the seed article reads as an article file", "[read]") {
  const std::string path = STORYDIFF_SHARED_DIR "/seed/syndicated-article.txt";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    WARN("skipped: " << path << " is absent (it exists only on the team's machines)");
    return;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  const Document d = read_ok(bytes, "syndicated-article.txt");
  CHECK(d.format == Format::article);
  CHECK(d.text == bytes);
  CHECK(d.meta.title == "Russian demands to defuse Ukraine crisis rejected by West");
  CHECK(d.meta.date == "20211220");
  CHECK(d.meta.url.rfind("https://www.azerbaijannews.net/", 0) == 0);
  CHECK(d.body_start == bytes.find("\"I don't see"));
  REQUIRE(!d.sentences.empty());
  CHECK(d.sentences.front().start == d.body_start);
  for (const auto& s : d.sentences) {
    CHECK(s.start >= d.body_start);
    CHECK(s.end <= d.text.size());
    CHECK(s.start < s.end);
  }
  CHECK(d.paragraphs.size() == 16);  // one per body line
}
