// Segmentation: paragraphs and sentences of news prose, with absolute byte offsets.
//
// Every example is checked twice: against the exact sentence texts a careful news editor would
// cut, and against the invariants every segmentation must keep (ordered, trimmed, inside its
// paragraph, every non-space byte in exactly one sentence).
#include <catch2/catch.hpp>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "storydiff/segment.h"
#include "utf8.h"

using storydiff::Segmentation;

namespace {

using V = std::vector<std::string>;

bool space_at(std::string_view t, std::size_t i) {
  std::size_t len = 0;
  return storydiff::detail::is_space(storydiff::detail::decode_at(t, i, len));
}

bool space_before(std::string_view t, std::size_t i) {
  std::size_t len = 0;
  return storydiff::detail::is_space(storydiff::detail::decode_before(t, i, len));
}

// Checks every structural promise of segment(); REQUIREs so that a failure names the input.
void check_invariants(std::string_view text, std::size_t begin, const Segmentation& seg) {
  INFO("text: " << text);
  const auto& ps = seg.paragraphs;
  const auto& ss = seg.sentences;
  std::size_t expect_sentence = 0;
  std::size_t prev_end = begin;
  for (std::size_t p = 0; p < ps.size(); ++p) {
    REQUIRE(ps[p].start >= prev_end);
    REQUIRE(ps[p].start < ps[p].end);
    REQUIRE(ps[p].end <= text.size());
    REQUIRE_FALSE(space_at(text, ps[p].start));
    REQUIRE_FALSE(space_before(text, ps[p].end));
    REQUIRE(ps[p].sentence_begin == expect_sentence);
    REQUIRE(ps[p].sentence_end > ps[p].sentence_begin);
    REQUIRE(ss[ps[p].sentence_begin].start == ps[p].start);
    REQUIRE(ss[ps[p].sentence_end - 1].end == ps[p].end);
    for (std::uint32_t k = ps[p].sentence_begin; k < ps[p].sentence_end; ++k) {
      REQUIRE(ss[k].paragraph == p);
      REQUIRE(ss[k].start >= ps[p].start);
      REQUIRE(ss[k].end <= ps[p].end);
    }
    expect_sentence = ps[p].sentence_end;
    prev_end = ps[p].end;
  }
  REQUIRE(expect_sentence == ss.size());
  // Sentences: ordered, non-empty, trimmed, on code point boundaries; the gaps between them
  // (and before the first, after the last) are white space only.
  std::size_t at = begin;
  for (const auto& s : ss) {
    REQUIRE(s.start >= at);
    REQUIRE(s.start < s.end);
    REQUIRE(storydiff::detail::is_boundary(text, s.start));
    REQUIRE(storydiff::detail::is_boundary(text, s.end));
    REQUIRE_FALSE(space_at(text, s.start));
    REQUIRE_FALSE(space_before(text, s.end));
    for (std::size_t i = at; i < s.start;) {
      std::size_t len = 0;
      REQUIRE(storydiff::detail::is_space(storydiff::detail::decode_at(text, i, len)));
      i += len;
    }
    at = s.end;
  }
  for (std::size_t i = at; i < text.size();) {
    std::size_t len = 0;
    REQUIRE(storydiff::detail::is_space(storydiff::detail::decode_at(text, i, len)));
    i += len;
  }
}

Segmentation seg_of(std::string_view text, std::size_t begin = 0) {
  Segmentation s = storydiff::segment(text, begin);
  check_invariants(text, begin, s);
  return s;
}

// The sentence texts.
V sentences(std::string_view text, std::size_t begin = 0) {
  V v;
  for (const auto& s : seg_of(text, begin).sentences)
    v.emplace_back(text.substr(s.start, s.end - s.start));
  return v;
}

// The paragraph texts.
V paragraphs(std::string_view text, std::size_t begin = 0) {
  V v;
  for (const auto& p : seg_of(text, begin).paragraphs)
    v.emplace_back(text.substr(p.start, p.end - p.start));
  return v;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Abbreviations and titles

TEST_CASE("segment: courtesy and academic titles never end a sentence", "[segment]") {
  CHECK(sentences("Mr. Smith met Mrs. Jones and Ms. Lee. Dr. Patel and Prof. Kim agreed.") ==
        V{"Mr. Smith met Mrs. Jones and Ms. Lee.", "Dr. Patel and Prof. Kim agreed."});
}

TEST_CASE("segment: military ranks never end a sentence", "[segment]") {
  CHECK(sentences("Gen. Mark Milley, Lt. Col. Jane Doe, Sgt. Tom Hale and Capt. Rob Ray "
                  "attended. They left early.") ==
        V{"Gen. Mark Milley, Lt. Col. Jane Doe, Sgt. Tom Hale and Capt. Rob Ray attended.",
          "They left early."});
}

TEST_CASE("segment: political and clerical titles and St. never end a sentence", "[segment]") {
  CHECK(sentences("Gov. Gavin Newsom, Sen. Susan Collins, Rep. Adam Schiff and Rev. Al Sharpton "
                  "spoke in St. Louis. The crowd cheered.") ==
        V{"Gov. Gavin Newsom, Sen. Susan Collins, Rep. Adam Schiff and Rev. Al Sharpton spoke "
          "in St. Louis.",
          "The crowd cheered."});
}

TEST_CASE("segment: a title before a sentence starter still does not split", "[segment]") {
  CHECK(sentences("They met Gen. The Lord Dannatt at noon.") ==
        V{"They met Gen. The Lord Dannatt at noon."});
}

TEST_CASE("segment: all-caps titles in datelines and headlines", "[segment]") {
  CHECK(sentences("ST. LOUIS (AP) — The river rose. MR. SMITH left.") ==
        V{"ST. LOUIS (AP) — The river rose.", "MR. SMITH left."});
}

TEST_CASE("segment: Jr. and Sr. end a sentence only before a sentence starter", "[segment]") {
  CHECK(sentences("Martin Luther King Jr. Day is a holiday. Hank Williams Sr. wrote it.") ==
        V{"Martin Luther King Jr. Day is a holiday.", "Hank Williams Sr. wrote it."});
  CHECK(sentences("The award went to Robert Downey Jr. The actor thanked fans.") ==
        V{"The award went to Robert Downey Jr.", "The actor thanked fans."});
}

TEST_CASE("segment: country acronyms inside a sentence", "[segment]") {
  CHECK(sentences("U.S. and U.K. officials met U.N. and E.U. envoys on Monday.") ==
        V{"U.S. and U.K. officials met U.N. and E.U. envoys on Monday."});
}

TEST_CASE("segment: U.S. at the end of a sentence", "[segment]") {
  CHECK(sentences("He moved to the U.S. The next day he left.") ==
        V{"He moved to the U.S.", "The next day he left."});
  CHECK(sentences("Talks stalled in the U.K. But a deal is near.") ==
        V{"Talks stalled in the U.K.", "But a deal is near."});
}

TEST_CASE("segment: U.S. before a name or a noun does not split", "[segment]") {
  CHECK(sentences("Troops from the U.S. Army arrived. U.S. President Joe Biden spoke.") ==
        V{"Troops from the U.S. Army arrived.", "U.S. President Joe Biden spoke."});
  // A compound that opens with a sentence starter ("Under") is a title, not a new sentence.
  CHECK(sentences("\"It may keep food on the tables,\" U.N. Under-Secretary-General Ines Marchetti said. Talks end today.") ==
        V{"\"It may keep food on the tables,\" U.N. Under-Secretary-General Ines Marchetti said.", "Talks end today."});
}

TEST_CASE("segment: a.m. and p.m. followed by a sentence starter split", "[segment]") {
  CHECK(sentences("The blast came at 9 a.m. Police said two people died.") ==
        V{"The blast came at 9 a.m.", "Police said two people died."});
  CHECK(sentences("It closed at 5 p.m. They reopened later.") ==
        V{"It closed at 5 p.m.", "They reopened later."});
}

TEST_CASE("segment: p.m. before any capitalised sentence opening", "[segment]") {
  CHECK(sentences("The meeting ended shortly after 11:30 p.m. Dozens of parents spoke.") ==
        V{"The meeting ended shortly after 11:30 p.m.", "Dozens of parents spoke."});
  CHECK(sentences("It began at 7 a.m. Rescuers arrived an hour later.") ==
        V{"It began at 7 a.m.", "Rescuers arrived an hour later."});
}

TEST_CASE("segment: a.m. and p.m. before a day, a month or a time zone", "[segment]") {
  CHECK(sentences("Polls open at 7 a.m. Tuesday and close at 8 p.m. GMT, at 9 p.m. Moscow time "
                  "or at 10 p.m. Sept. 5 in some places.") ==
        V{"Polls open at 7 a.m. Tuesday and close at 8 p.m. GMT, at 9 p.m. Moscow time or at 10 "
          "p.m. Sept. 5 in some places."});
}

TEST_CASE("segment: a.m. and p.m. inside a sentence", "[segment]") {
  CHECK(sentences("They met at 9 a.m. on Monday and at 5 p.m. Tuesday, officials said.") ==
        V{"They met at 9 a.m. on Monday and at 5 p.m. Tuesday, officials said."});
  CHECK(sentences("Polls close at 8 p.m. Eastern Time.") == V{"Polls close at 8 p.m. Eastern Time."});
}

TEST_CASE("segment: month abbreviations before a day", "[segment]") {
  CHECK(sentences("Votes are due Jan. 5, Feb. 10, Aug. 3 and Sept. 12. Results follow on Oct. 1, "
                  "Nov. 2 or Dec. 25.") ==
        V{"Votes are due Jan. 5, Feb. 10, Aug. 3 and Sept. 12.",
          "Results follow on Oct. 1, Nov. 2 or Dec. 25."});
}

TEST_CASE("segment: company suffixes inside a sentence", "[segment]") {
  CHECK(sentences("Apple Inc. and Microsoft Corp. rose, as did Ford Motor Co. and BP Ltd. shares.") ==
        V{"Apple Inc. and Microsoft Corp. rose, as did Ford Motor Co. and BP Ltd. shares."});
}

TEST_CASE("segment: a company suffix at the end of a sentence", "[segment]") {
  CHECK(sentences("He joined Apple Inc. The company grew fast.") ==
        V{"He joined Apple Inc.", "The company grew fast."});
  CHECK(sentences("Shares fell at Acme Corp. Rivals gained.") ==
        V{"Shares fell at Acme Corp.", "Rivals gained."});
}

TEST_CASE("segment: a company suffix before a job title or another suffix", "[segment]") {
  CHECK(sentences("Apple Inc. Chief Executive Tim Cook spoke.") ==
        V{"Apple Inc. Chief Executive Tim Cook spoke."});
  CHECK(sentences("Samsung Electronics Co. Ltd. said profit rose.") ==
        V{"Samsung Electronics Co. Ltd. said profit rose."});
}

TEST_CASE("segment: No. before a number", "[segment]") {
  CHECK(sentences("He is the No. 2 official. No. 10 Downing Street agreed.") ==
        V{"He is the No. 2 official.", "No. 10 Downing Street agreed."});
}

TEST_CASE("segment: vs. never ends a sentence", "[segment]") {
  CHECK(sentences("It was Smith vs. Jones. Smith won.") == V{"It was Smith vs. Jones.", "Smith won."});
}

TEST_CASE("segment: etc. inside and at the end of a sentence", "[segment]") {
  CHECK(sentences("Apples, pears, etc. were sold.") == V{"Apples, pears, etc. were sold."});
  CHECK(sentences("They sold apples, pears, etc. The market closed.") ==
        V{"They sold apples, pears, etc.", "The market closed."});
}

TEST_CASE("segment: e.g. and i.e. never end a sentence", "[segment]") {
  CHECK(sentences("Some cities, e.g. Paris, and one country, i.e. France, agreed. Others did not.") ==
        V{"Some cities, e.g. Paris, and one country, i.e. France, agreed.", "Others did not."});
}

TEST_CASE("segment: approx. before a number", "[segment]") {
  CHECK(sentences("The crowd was approx. 5,000 people. Police said so.") ==
        V{"The crowd was approx. 5,000 people.", "Police said so."});
}

TEST_CASE("segment: an unknown abbreviation followed by lowercase", "[segment]") {
  CHECK(sentences("The dept. of health and the govt. agency met.") ==
        V{"The dept. of health and the govt. agency met."});
}

TEST_CASE("segment: state abbreviations", "[segment]") {
  CHECK(sentences("Calif. Gov. Gavin Newsom flew to Springfield, Ill. The city was calm.") ==
        V{"Calif. Gov. Gavin Newsom flew to Springfield, Ill.", "The city was calm."});
  // After its place a state ends the sentence before any capital: in the middle of a sentence it
  // takes a comma ("near Lake Charles, La., on Monday").
  CHECK(sentences("It was fined over a leak near Lake Charles, La. Ben Castillo, a spokesman, said it had upgraded.") ==
        V{"It was fined over a leak near Lake Charles, La.", "Ben Castillo, a spokesman, said it had upgraded."});
  // Not in a dateline, before a title, or where it is no place's.
  CHECK(sentences("GEISMAR, La. (AP) \xE2\x80\x94 A blast shook the plant. It burned.") ==
        V{"GEISMAR, La. (AP) \xE2\x80\x94 A blast shook the plant.", "It burned."});
  CHECK(sentences("He spoke in Springfield, Ill. Gov. JB Pritzker listened.") ==
        V{"He spoke in Springfield, Ill. Gov. JB Pritzker listened."});
  CHECK(sentences("The La. Supreme Court ruled.") == V{"The La. Supreme Court ruled."});
}

TEST_CASE("segment: a lowercase word that looks like an abbreviation", "[segment]") {
  CHECK(sentences("He fell ill. Doctors came. It was a near miss. Smith agreed.") ==
        V{"He fell ill.", "Doctors came.", "It was a near miss.", "Smith agreed."});
}

TEST_CASE("segment: academic degrees and Washington, D.C.", "[segment]") {
  CHECK(sentences("She earned a Ph.D. in physics. He lives in Washington, D.C. The city is hot.") ==
        V{"She earned a Ph.D. in physics.", "He lives in Washington, D.C.", "The city is hot."});
}

// ---------------------------------------------------------------------------------------------
// Initials

TEST_CASE("segment: initials with periods inside a name", "[segment]") {
  CHECK(sentences("J.R.R. Tolkien wrote it. J.K. Rowling did not.") ==
        V{"J.R.R. Tolkien wrote it.", "J.K. Rowling did not."});
}

TEST_CASE("segment: middle initials", "[segment]") {
  CHECK(sentences("George W. Bush, Harry S. Truman and John F. Kennedy served.") ==
        V{"George W. Bush, Harry S. Truman and John F. Kennedy served."});
}

TEST_CASE("segment: spaced initials", "[segment]") {
  CHECK(sentences("A. A. Milne and H. G. Wells wrote books.") ==
        V{"A. A. Milne and H. G. Wells wrote books."});
}

TEST_CASE("segment: E. coli", "[segment]") {
  CHECK(sentences("E. coli was found in the water. Officials closed the beach.") ==
        V{"E. coli was found in the water.", "Officials closed the beach."});
}

TEST_CASE("segment: a single capital letter ending a sentence", "[segment]") {
  CHECK(sentences("They chose Plan B. The vote was close.") ==
        V{"They chose Plan B.", "The vote was close."});
}

// ---------------------------------------------------------------------------------------------
// Figures

TEST_CASE("segment: decimals, percentages, money and thousands", "[segment]") {
  CHECK(sentences("Growth was 3.5% and revenue $1.2 billion, up from 100,000 units. It beat "
                  "forecasts.") ==
        V{"Growth was 3.5% and revenue $1.2 billion, up from 100,000 units.",
          "It beat forecasts."});
}

TEST_CASE("segment: versions, millions and clock times", "[segment]") {
  CHECK(sentences("Version 2.0.1 reached 1.5m users by 10.30 p.m. on Friday. The meeting at "
                  "10:30 ended.") ==
        V{"Version 2.0.1 reached 1.5m users by 10.30 p.m. on Friday.", "The meeting at 10:30 ended."});
}

TEST_CASE("segment: a sentence ending with a number", "[segment]") {
  CHECK(sentences("Unemployment rose to 4. The rate had been 3. Few expected it.") ==
        V{"Unemployment rose to 4.", "The rate had been 3.", "Few expected it."});
}

TEST_CASE("segment: Fig., pp. and No. references", "[segment]") {
  CHECK(sentences("See Fig. 3 and pp. 4-5 in the No. 1 journal. It is clear.") ==
        V{"See Fig. 3 and pp. 4-5 in the No. 1 journal.", "It is clear."});
}

TEST_CASE("segment: ordinals and a date before the next sentence", "[segment]") {
  CHECK(sentences("He finished 1st. She was 2nd on Dec. 25. They celebrated.") ==
        V{"He finished 1st.", "She was 2nd on Dec. 25.", "They celebrated."});
}

TEST_CASE("segment: a sentence starting with a number or a currency sign", "[segment]") {
  CHECK(sentences("It was hard. 2021 was worse. Prices rose. $5 buys less now.") ==
        V{"It was hard.", "2021 was worse.", "Prices rose.", "$5 buys less now."});
}

// ---------------------------------------------------------------------------------------------
// Quotations

TEST_CASE("segment: a multi-sentence quote is several sentences", "[segment]") {
  CHECK(sentences("\"We are heartbroken. We will rebuild,\" the mayor said.") ==
        V{"\"We are heartbroken.", "We will rebuild,\" the mayor said."});
}

TEST_CASE("segment: a curly multi-sentence quote", "[segment]") {
  CHECK(sentences("“We lost. We will be back,” she said. “Not today.”") ==
        V{"“We lost.", "We will be back,” she said.", "“Not today.”"});
}

TEST_CASE("segment: a quoted question with a lowercase attribution tail", "[segment]") {
  CHECK(sentences("\"Is this the end?\" she asked.") == V{"\"Is this the end?\" she asked."});
}

TEST_CASE("segment: a quoted exclamation with a lowercase attribution tail", "[segment]") {
  CHECK(sentences("“Run!” he shouted. Nobody moved.") == V{"“Run!” he shouted.", "Nobody moved."});
}

TEST_CASE("segment: a quoted question with a named speaker", "[segment]") {
  CHECK(sentences("\"Why now?\" Biden asked. “Is it over?” President Joe Biden asked reporters.") ==
        V{"\"Why now?\" Biden asked.", "“Is it over?” President Joe Biden asked reporters."});
}

TEST_CASE("segment: a quoted question followed by a new sentence", "[segment]") {
  CHECK(sentences("\"Why?\" The answer came later.") == V{"\"Why?\"", "The answer came later."});
}

TEST_CASE("segment: a quote closed after its period", "[segment]") {
  CHECK(sentences("He said: \"It is over.\" Then he left.") ==
        V{"He said: \"It is over.\"", "Then he left."});
}

TEST_CASE("segment: a named attribution after a quoted statement", "[segment]") {
  CHECK(sentences("\"We will win.\" Smith said. \"We won.\" Smith said the team played well.") ==
        V{"\"We will win.\" Smith said.", "\"We won.\"", "Smith said the team played well."});
}

TEST_CASE("segment: single quotes", "[segment]") {
  CHECK(sentences("'It is done.' He left. He called it ‘fine.’ Then he slept.") ==
        V{"'It is done.'", "He left.", "He called it ‘fine.’", "Then he slept."});
}

TEST_CASE("segment: a period after the closing quote", "[segment]") {
  CHECK(sentences("He called it \"a disaster\". Others agreed.") ==
        V{"He called it \"a disaster\".", "Others agreed."});
}

TEST_CASE("segment: guillemets", "[segment]") {
  CHECK(sentences("« Nous gagnerons. » Il est parti.") == V{"« Nous gagnerons. »", "Il est parti."});
  CHECK(sentences("Er ging. »Wir kommen«, sagte er.") == V{"Er ging.", "»Wir kommen«, sagte er."});
}

TEST_CASE("segment: a quote opening the next sentence", "[segment]") {
  CHECK(sentences("He left. “We won,” she said. The crowd cheered.") ==
        V{"He left.", "“We won,” she said.", "The crowd cheered."});
}

TEST_CASE("segment: a quote opening after U.S.", "[segment]") {
  CHECK(sentences("He flew to the U.S. \"It was long,\" he said.") ==
        V{"He flew to the U.S.", "\"It was long,\" he said."});
}

// ---------------------------------------------------------------------------------------------
// Datelines, dashes and parentheses

TEST_CASE("segment: an agency dateline stays in the first sentence", "[segment]") {
  CHECK(sentences("KYIV, Ukraine (Wire) — Officials said the attack was over. Sirens stopped.") ==
        V{"KYIV, Ukraine (Wire) — Officials said the attack was over.", "Sirens stopped."});
}

TEST_CASE("segment: a colon dateline stays in the first sentence", "[segment]") {
  CHECK(sentences("MOSCOW, Russia: Russia has asked the west for security commitments.") ==
        V{"MOSCOW, Russia: Russia has asked the west for security commitments."});
}

TEST_CASE("segment: a dateline with a state abbreviation", "[segment]") {
  CHECK(sentences("NEW YORK, N.Y. — The mayor spoke. WASHINGTON (AP) — The Senate voted.") ==
        V{"NEW YORK, N.Y. — The mayor spoke.", "WASHINGTON (AP) — The Senate voted."});
}

TEST_CASE("segment: em dashes inside a sentence", "[segment]") {
  CHECK(sentences("The plan — approved on Monday — failed. Critics cheered.") ==
        V{"The plan — approved on Monday — failed.", "Critics cheered."});
}

TEST_CASE("segment: a sentence starting with a dash", "[segment]") {
  CHECK(sentences("The talks ended. — Reporting by Jane Doe") ==
        V{"The talks ended.", "— Reporting by Jane Doe"});
  CHECK(sentences("The house, valued at $1.2m. — burned down.") ==
        V{"The house, valued at $1.2m. — burned down."});
}

TEST_CASE("segment: a parenthesised sentence", "[segment]") {
  CHECK(sentences("The budget grew. (See page 4.) The next item was taxes.") ==
        V{"The budget grew.", "(See page 4.)", "The next item was taxes."});
}

TEST_CASE("segment: an abbreviation inside parentheses", "[segment]") {
  CHECK(sentences("The EPA (the U.S. agency) acted. It fined them.") ==
        V{"The EPA (the U.S. agency) acted.", "It fined them."});
}

TEST_CASE("segment: an exclamation inside parentheses", "[segment]") {
  CHECK(sentences("The vote (held on Monday!) was close.") == V{"The vote (held on Monday!) was close."});
}

// ---------------------------------------------------------------------------------------------
// Ellipses

TEST_CASE("segment: an ellipsis before lowercase continues the sentence", "[segment]") {
  CHECK(sentences("He paused... then left.") == V{"He paused... then left."});
  CHECK(sentences("He paused… then left.") == V{"He paused… then left."});
}

TEST_CASE("segment: an ellipsis at the end of a paragraph", "[segment]") {
  CHECK(sentences("It ended…\nThen silence.") == V{"It ended…", "Then silence."});
}

TEST_CASE("segment: an ellipsis before a capital ends the sentence", "[segment]") {
  CHECK(sentences("Wait... What?") == V{"Wait...", "What?"});
}

TEST_CASE("segment: a spaced ellipsis", "[segment]") {
  CHECK(sentences("He paused . . . then left. He came back . . . Nobody noticed.") ==
        V{"He paused . . . then left.", "He came back . . .", "Nobody noticed."});
}

TEST_CASE("segment: an ellipsis before a number", "[segment]") {
  CHECK(sentences("Sales fell... 5% in all.") == V{"Sales fell... 5% in all."});
}

TEST_CASE("segment: a quoted ellipsis with an attribution", "[segment]") {
  CHECK(sentences("\"I don't know...\" Smith said.") == V{"\"I don't know...\" Smith said."});
}

// ---------------------------------------------------------------------------------------------
// Web addresses and file names

TEST_CASE("segment: domains and e-mail addresses", "[segment]") {
  CHECK(sentences("Visit example.com for details. Write to info@example.org today.") ==
        V{"Visit example.com for details.", "Write to info@example.org today."});
}

TEST_CASE("segment: a URL and a file name at the end of a sentence", "[segment]") {
  CHECK(sentences("The file storydiff.js is small. Get it at https://example.com/a.html. Then "
                  "run it.") ==
        V{"The file storydiff.js is small.", "Get it at https://example.com/a.html.", "Then run it."});
}

TEST_CASE("segment: a hyphenated compound after an acronym", "[segment]") {
  CHECK(sentences("The U.S.-led coalition struck. It worked.") ==
        V{"The U.S.-led coalition struck.", "It worked."});
}

// ---------------------------------------------------------------------------------------------
// Scripts

TEST_CASE("segment: Chinese full stops need no space", "[segment]") {
  CHECK(sentences("今天下雨。我们在家。") == V{"今天下雨。", "我们在家。"});
}

TEST_CASE("segment: CJK quotes, exclamations and mixed Latin", "[segment]") {
  CHECK(sentences("他说：「我们走。」然后离开了。Then he left. 好！") ==
        V{"他说：「我们走。」", "然后离开了。", "Then he left.", "好！"});
}

TEST_CASE("segment: ASCII marks between CJK characters", "[segment]") {
  CHECK(sentences("你说什么?我们走吧!好") == V{"你说什么?", "我们走吧!", "好"});
  CHECK(sentences("版本2.0发布了") == V{"版本2.0发布了"});
}

TEST_CASE("segment: Japanese question mark", "[segment]") {
  CHECK(sentences("東京は晴れです。明日は雨？ はい。") == V{"東京は晴れです。", "明日は雨？", "はい。"});
}

TEST_CASE("segment: Cyrillic and Greek", "[segment]") {
  CHECK(sentences("Он ушёл. Она осталась, т.е. ждала. Η βουλή ψήφισε. Όλοι έφυγαν.") ==
        V{"Он ушёл.", "Она осталась, т.е. ждала.", "Η βουλή ψήφισε.", "Όλοι έφυγαν."});
}

TEST_CASE("segment: Devanagari danda and Arabic question mark", "[segment]") {
  CHECK(sentences("वह गया। वह आई।") == V{"वह गया।", "वह आई।"});
  CHECK(sentences("هل انتهى؟ نعم.") == V{"هل انتهى؟", "نعم."});
}

TEST_CASE("segment: unicode white space between sentences", "[segment]") {
  CHECK(sentences("He left.\u00A0Then he came.\u2003It rained.") ==
        V{"He left.", "Then he came.", "It rained."});
  CHECK(paragraphs("\u00A0 Trimmed text.\u3000\n") == V{"Trimmed text."});
}

// ---------------------------------------------------------------------------------------------
// Other shapes of text

TEST_CASE("segment: question and exclamation runs", "[segment]") {
  CHECK(sentences("You did what?! No way!! Really?!? Yes.") ==
        V{"You did what?!", "No way!!", "Really?!?", "Yes."});
}

TEST_CASE("segment: a question mark before lowercase does not split", "[segment]") {
  CHECK(sentences("Who knows? maybe not. Yahoo! shares rose.") ==
        V{"Who knows? maybe not.", "Yahoo! shares rose."});
}

TEST_CASE("segment: a sentence starting with a lowercase brand name", "[segment]") {
  CHECK(sentences("Apple reported results. iPhone sales fell. eBay rose.") ==
        V{"Apple reported results.", "iPhone sales fell.", "eBay rose."});
}

TEST_CASE("segment: all-caps prose", "[segment]") {
  CHECK(sentences("THE END IS NEAR. THE U.S. AGREED. IN THE U.S. THE MOOD IS DARK.") ==
        V{"THE END IS NEAR.", "THE U.S. AGREED.", "IN THE U.S.", "THE MOOD IS DARK."});
}

TEST_CASE("segment: trailing text without punctuation", "[segment]") {
  CHECK(sentences("He left. Then nothing") == V{"He left.", "Then nothing"});
  CHECK(sentences("no punctuation at all") == V{"no punctuation at all"});
}

TEST_CASE("segment: markdown emphasis around a sentence", "[segment]") {
  CHECK(sentences("**Note.** This is it.") == V{"**Note.**", "This is it."});
}

TEST_CASE("segment: punctuation alone is never a sentence", "[segment]") {
  CHECK(sentences("... The end.") == V{"... The end."});
  CHECK(sentences("?! Why?") == V{"?! Why?"});
}

TEST_CASE("segment: a number list marker is not a sentence", "[segment]") {
  CHECK(sentences("1. The first point\n2. The second point\nIV. Conclusion") ==
        V{"1. The first point", "2. The second point", "IV. Conclusion"});
}

TEST_CASE("segment: empty input", "[segment]") {
  const Segmentation s = seg_of("");
  CHECK(s.paragraphs.empty());
  CHECK(s.sentences.empty());
}

TEST_CASE("segment: white space only", "[segment]") {
  const Segmentation s = seg_of(" \n\n\t \u00A0\n  ");
  CHECK(s.paragraphs.empty());
  CHECK(s.sentences.empty());
}

TEST_CASE("segment: a single character", "[segment]") {
  CHECK(sentences("x") == V{"x"});
  CHECK(sentences(".") == V{"."});
}

// ---------------------------------------------------------------------------------------------
// The begin offset

TEST_CASE("segment: text before begin is ignored and offsets are absolute", "[segment]") {
  const std::string text = "Header line. Ignore me.\nThe body starts. Second one.";
  const std::size_t begin = text.find("The body");
  const Segmentation s = seg_of(text, begin);
  REQUIRE(s.sentences.size() == 2);
  CHECK(s.sentences[0].start == begin);
  CHECK(s.sentences[0].end == text.find(" Second"));
  CHECK(s.sentences[1].end == text.size());
  REQUIRE(s.paragraphs.size() == 1);
  CHECK(s.paragraphs[0].start == begin);
}

TEST_CASE("segment: begin inside white space or past the end", "[segment]") {
  const std::string text = "First.\n\n  Second.";
  CHECK(sentences(text, text.find('\n')) == V{"Second."});
  CHECK(sentences(text, text.size()).empty());
  CHECK(storydiff::segment(text, text.size() + 10).sentences.empty());
}

TEST_CASE("segment: begin in the middle of a line", "[segment]") {
  const std::string text = "Title: The mayor resigned. He left.";
  CHECK(sentences(text, text.find("The")) == V{"The mayor resigned.", "He left."});
}

// ---------------------------------------------------------------------------------------------
// Paragraphs

TEST_CASE("segment: a blank line always separates paragraphs", "[segment]") {
  CHECK(paragraphs("The mayor said\n\nthat it was over.") == V{"The mayor said", "that it was over."});
  CHECK(paragraphs("One.\n \t\n\nTwo.") == V{"One.", "Two."});
}

TEST_CASE("segment: one paragraph per line", "[segment]") {
  const std::string text = "The mayor resigned. Nobody knew why.\nCouncil members met on Monday.\n";
  CHECK(paragraphs(text) ==
        V{"The mayor resigned. Nobody knew why.", "Council members met on Monday."});
  const Segmentation s = seg_of(text);
  REQUIRE(s.paragraphs.size() == 2);
  CHECK(s.paragraphs[0].sentence_begin == 0);
  CHECK(s.paragraphs[0].sentence_end == 2);
  CHECK(s.paragraphs[1].sentence_begin == 2);
  CHECK(s.paragraphs[1].sentence_end == 3);
  CHECK(s.sentences[2].paragraph == 1);
}

TEST_CASE("segment: a line that ends on a connective goes on, unless a dateline follows", "[segment]") {
  CHECK(paragraphs("The mayor said on\nMonday that he would resign.") == V{"The mayor said on\nMonday that he would resign."});
  CHECK(paragraphs("Senate set to vote on budget as talks drag on\nSPRINGFIELD, Ill. \xE2\x80\x94 The Senate is expected to vote.") ==
        V{"Senate set to vote on budget as talks drag on", "SPRINGFIELD, Ill. \xE2\x80\x94 The Senate is expected to vote."});
}

TEST_CASE("segment: a headline line is its own paragraph and sentence", "[segment]") {
  CHECK(sentences("Russian demands rejected by West\nThe West rejected the demands.") ==
        V{"Russian demands rejected by West", "The West rejected the demands."});
  CHECK(paragraphs("BREAKING NEWS\nThe mayor resigned.") == V{"BREAKING NEWS", "The mayor resigned."});
}

TEST_CASE("segment: a title-case headline with an acronym is not split", "[segment]") {
  CHECK(sentences("U.S. Troops Leave Kabul\nThe last troops left.") ==
        V{"U.S. Troops Leave Kabul", "The last troops left."});
}

TEST_CASE("segment: a line break before a lowercase word is a space", "[segment]") {
  CHECK(paragraphs("The mayor, who had served\nthree terms, resigned.") ==
        V{"The mayor, who had served\nthree terms, resigned."});
}

TEST_CASE("segment: a line break after a comma or a connective is a space", "[segment]") {
  CHECK(paragraphs("The mayor said,\n\"We are done.\"") == V{"The mayor said,\n\"We are done.\""});
  CHECK(paragraphs("The death toll rose to\n23 on Monday.") == V{"The death toll rose to\n23 on Monday."});
  CHECK(paragraphs("The talks were held in\nGeneva.") == V{"The talks were held in\nGeneva."});
}

TEST_CASE("segment: a web address on a line of its own", "[segment]") {
  CHECK(paragraphs("Read the full report at\nhttps://example.com/report\nwww.example.org\nthe end") ==
        V{"Read the full report at", "https://example.com/report", "www.example.org\nthe end"});
}

TEST_CASE("segment: a headline before a line starting with a number", "[segment]") {
  CHECK(paragraphs("Rescuers race to reach 7 trapped coal miners in West Virginia\n23 miners "
                   "escaped.") ==
        V{"Rescuers race to reach 7 trapped coal miners in West Virginia", "23 miners escaped."});
}

TEST_CASE("segment: a headline ending with a quotation mark", "[segment]") {
  CHECK(paragraphs("Mayor: \"We will rebuild\"\nThe mayor spoke on Monday.") ==
        V{"Mayor: \"We will rebuild\"", "The mayor spoke on Monday."});
}

TEST_CASE("segment: a line break after a title or an initial is a space", "[segment]") {
  CHECK(sentences("He met Sen.\nJohn Smith on Monday.") == V{"He met Sen.\nJohn Smith on Monday."});
}

TEST_CASE("segment: a sentence never crosses a paragraph", "[segment]") {
  CHECK(sentences("He moved to the U.S.\nthe next day.\n\nMr.\n\nSmith left") ==
        V{"He moved to the U.S.", "the next day.", "Mr.", "Smith left"});
}

TEST_CASE("segment: bullet lists are one paragraph per item", "[segment]") {
  CHECK(paragraphs("Key points:\n- Troops withdrew\n- talks resume\n* Prices rose\n• Rates fell") ==
        V{"Key points:", "- Troops withdrew", "- talks resume", "* Prices rose", "• Rates fell"});
}

TEST_CASE("segment: numbered list items are paragraphs", "[segment]") {
  CHECK(paragraphs("The demands:\n1. no expansion\n2) no troops\n(3) no missiles") ==
        V{"The demands:", "1. no expansion", "2) no troops", "(3) no missiles"});
}

TEST_CASE("segment: hard-wrapped prose joins its lines", "[segment]") {
  const std::string text =
      "The Russian treaties call upon NATO to remove both troops and weapons\n"
      "from Eastern Europe countries that have joined the alliance. This\n"
      "includes Poland, the Baltic states and Balkan countries.\n"
      "\n"
      "Russia published demands it wants from the United States and NATO\n"
      "revolving around NATO's ending its expansion of the alliance among\n"
      "former Soviet countries. The proposal follows its military buildup\n"
      "near Ukraine, where the U.S. says Russia has massed 100,000 troops.\n";
  const V ps = paragraphs(text);
  REQUIRE(ps.size() == 2);
  CHECK(sentences(text) ==
        V{"The Russian treaties call upon NATO to remove both troops and weapons\nfrom Eastern "
          "Europe countries that have joined the alliance.",
          "This\nincludes Poland, the Baltic states and Balkan countries.",
          "Russia published demands it wants from the United States and NATO\nrevolving around "
          "NATO's ending its expansion of the alliance among\nformer Soviet countries.",
          "The proposal follows its military buildup\nnear Ukraine, where the U.S. says Russia "
          "has massed 100,000 troops."});
}

TEST_CASE("segment: hard-wrapped prose: a wrap before a capital is still a space", "[segment]") {
  const std::string text =
      "Officials in the capital said on Tuesday that the talks with the\n"
      "European Union had stalled again, and that no new date had been set for\n"
      "the next round. The foreign minister declined to comment on the\n"
      "reports, which first appeared in a German newspaper late on Monday\n"
      "night.\n";
  CHECK(paragraphs(text).size() == 1);
  CHECK(sentences(text).size() == 2);
}

TEST_CASE("segment: hard-wrapped prose with a heading and short last lines", "[segment]") {
  const std::string text =
      "Talks stall\n"
      "Officials in the capital said on Tuesday that the talks with the\n"
      "European Union had stalled again.\n"
      "The foreign minister declined to comment on the reports, which first\n"
      "appeared in a German newspaper late on Monday night and were denied\n"
      "by the government.\n"
      "A spokesman said the minister would travel to Brussels next week as\n"
      "planned, where he is expected to meet his counterparts from France.\n";
  CHECK(paragraphs(text).size() == 4);
  CHECK(paragraphs(text)[0] == "Talks stall");
}

// ---------------------------------------------------------------------------------------------
// The seed article

TEST_CASE("segment: the syndicated seed article", "[segment]") {
  const std::string path = STORYDIFF_SHARED_DIR "/seed/syndicated-article.txt";
  const std::string text = slurp(path);
  if (text.empty()) {
    WARN("skipped: " << path << " is absent on this machine");
    return;
  }
  // Past the three header lines (headline, date, URL).
  std::size_t begin = 0;
  for (int i = 0; i < 3; ++i) begin = text.find('\n', begin) + 1;
  const Segmentation s = seg_of(text, begin);
  CHECK(s.paragraphs.size() == 16);
  CHECK(s.sentences.size() == 17);
  V all;
  for (const auto& x : s.sentences) all.emplace_back(text.substr(x.start, x.end - x.start));
  CHECK(s.sentences[0].start == begin);
  CHECK(all[0].rfind("\"I don't see this", 0) == 0);
  CHECK(all[0].substr(all[0].size() - 14) == "told ABC News.");
  // The paragraph with two sentences.
  CHECK(all[2] == "The Russian treaties call upon NATO to remove both troops or weapons from "
                  "Eastern Europe countries that have joined the alliance.");
  CHECK(all[3] == "This includes Poland, the Baltic states and Balkan countries.");
  // "U.S." inside a sentence, "100,000", a colon dateline.
  CHECK(all[7] == "The Russian proposal follows its military buildup near Ukraine, where the "
                  "U.S. says Russia has massed over 100,000 troops.");
  CHECK(all[13].rfind("MOSCOW, Russia: Russia has asked the west", 0) == 0);
  CHECK(all[13].back() == '.');
}

// ---------------------------------------------------------------------------------------------
// Scale and properties

TEST_CASE("segment: 100,000 one-word sentences", "[segment]") {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "Word. ";
  const Segmentation s = seg_of(text);
  CHECK(s.sentences.size() == 100000);
  CHECK(s.paragraphs.size() == 1);
}

TEST_CASE("segment: pathological inputs stay linear", "[segment]") {
  // Each would take minutes if any step were quadratic.
  SECTION("a 4 MB line with no sentence end") {
    const std::string text(4'000'000, 'a');
    CHECK(seg_of(text).sentences.size() == 1);
  }
  SECTION("a 4 MB line of words with no sentence end") {
    std::string text;
    while (text.size() < 4'000'000) text += "and then more words ";
    CHECK(seg_of(text).sentences.size() == 1);
  }
  SECTION("1 MB of periods, and of spaced periods") {
    CHECK(seg_of(std::string(1'000'000, '.')).sentences.size() == 1);
    std::string spaced;
    while (spaced.size() < 1'000'000) spaced += ". ";
    CHECK(seg_of(spaced).sentences.size() == 1);
  }
  SECTION("1 MB of question marks separated by spaces") {
    std::string text;
    while (text.size() < 1'000'000) text += "?! ";
    CHECK(seg_of(text).sentences.size() == 1);
  }
  SECTION("a million newlines, and a million one-letter lines") {
    CHECK(seg_of(std::string(1'000'000, '\n')).sentences.empty());
    std::string lines;
    while (lines.size() < 1'000'000) lines += "a\n";
    CHECK(seg_of(lines).paragraphs.size() == 1);
  }
  SECTION("dense quotes and abbreviations") {
    std::string text;
    while (text.size() < 1'000'000) text += "\"A?\" B said. U.S. Mr. a.m. Inc. No. A. ";
    const Segmentation s = seg_of(text);
    CHECK(s.sentences.size() > 10000);
  }
  SECTION("a long run of CJK full stops") {
    std::string text;
    for (int i = 0; i < 200000; ++i) text += "。";
    CHECK(seg_of(text).sentences.size() == 1);
  }
}

TEST_CASE("segment: random text keeps every invariant (property)", "[segment]") {
  const std::vector<std::string> pieces = {
      "word", "The", "he", "U.S.", "Mr.", "a.m.", "e.g.", "Inc.", "J.", "No.", "3.5", "100,000",
      " ", " ", " ", "  ", ". ", "? ", "! ", "?! ", "... ", "…", ".", ",", "\n", "\n\n", "\n  \n",
      "\t", "\u00A0", "\u3000", "\"", "“", "”", "'", "’", "(", ")", "[", "]", "—", "- ", "* ",
      "1. ", "今天", "。", "！", "」", "👍🏽", "\u200B", "é", "Ω", "iPhone", "said", "asked"};
  std::mt19937 rng(1234567);
  for (int round = 0; round < 3000; ++round) {
    std::string text;
    const int n = static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
    std::size_t begin = text.empty() ? 0 : rng() % (text.size() + 1);
    while (begin < text.size() && !storydiff::detail::is_boundary(text, begin)) ++begin;
    seg_of(text, begin);
  }
}
