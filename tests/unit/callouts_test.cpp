#include <catch2/catch.hpp>

#include "callouts.h"
#include "word_diff.h"

using namespace storydiff;

namespace {

std::vector<Callout> callouts(std::string_view a, std::string_view b) {
  bool approx = false;
  const auto edits = detail::word_diff(a, b, approx);
  return detail::find_callouts(a, b, edits);
}

bool has(const std::vector<Callout>& cs, CalloutKind kind, std::string_view o, std::string_view n) {
  for (const auto& c : cs)
    if (c.kind == kind && c.old_text == o && c.new_text == n) return true;
  return false;
}

}  // namespace

TEST_CASE("a changed figure is called out", "[callouts]") {
  const auto cs = callouts("The death toll rose to 23 on Monday.", "The death toll rose to 50 on Monday.");
  CHECK(has(cs, CalloutKind::number, "23", "50"));
  CHECK(cs.size() == 1);
}

TEST_CASE("number formatting alone is not a changed figure", "[callouts]") {
  const auto cs = callouts("About 100,000 troops massed.", "About 100000 troops massed.");
  for (const auto& c : cs) CHECK(c.kind != CalloutKind::number);
}

TEST_CASE("a dropped figure is called out", "[callouts]") {
  CHECK(has(callouts("Prices rose 3.5% in May.", "Prices rose in May."), CalloutKind::number, "3.5", ""));
}

TEST_CASE("words changed inside quotation marks are called out", "[callouts]") {
  const auto cs = callouts("\"We will not compromise on key principles,\" the official said.",
                           "\"We will not compromise on principles,\" the official said.");
  CHECK(has(cs, CalloutKind::quote, "We will not compromise on key principles,", "We will not compromise on principles,"));
}

TEST_CASE("curly quotes and a quote cut by the sentence split", "[callouts]") {
  CHECK(has(callouts("\xE2\x80\x9CWe are heartbroken.", "\xE2\x80\x9CWe are devastated."), CalloutKind::quote,
            "We are heartbroken.", "We are devastated."));
  CHECK(has(callouts("We will rebuild,\xE2\x80\x9D the mayor said.", "We will recover,\xE2\x80\x9D the mayor said."),
            CalloutKind::quote, "We will rebuild,", "We will recover,"));
}

TEST_CASE("changes outside quotes are not quote changes", "[callouts]") {
  const auto cs = callouts("\"It is over,\" the mayor said on Monday.", "\"It is over,\" the mayor said on Tuesday.");
  for (const auto& c : cs) CHECK(c.kind != CalloutKind::quote);
}

TEST_CASE("a changed speaker is called out", "[callouts]") {
  CHECK(has(callouts("\"We will rebuild,\" the mayor said.", "\"We will rebuild,\" the governor said."),
            CalloutKind::attribution, "the mayor", "the governor"));
  CHECK(has(callouts("The plan is dead, Vladimir Frolov told ABC News.", "The plan is dead, Andrey Kortunov told ABC News."),
            CalloutKind::attribution, "vladimir frolov", "andrey kortunov"));
  CHECK(has(callouts("Troops withdrew, according to the ministry.", "Troops withdrew, according to the army."),
            CalloutKind::attribution, "the ministry", "the army"));
}

TEST_CASE("speakers are found before and after the verb", "[callouts]") {
  CHECK(detail::find_speaker("\"It is over,\" said Gen. Ortega.") == "gen. ortega");
  CHECK(detail::find_speaker("\"It is over,\" the mayor said.") == "the mayor");
  CHECK(detail::find_speaker("Officials said the road was closed.") == "officials");
  CHECK(detail::find_speaker("The road was closed.").empty());
}

TEST_CASE("an unchanged speaker is not called out", "[callouts]") {
  for (const auto& c : callouts("Prices rose, the minister said.", "Prices rose sharply, the minister said."))
    CHECK(c.kind != CalloutKind::attribution);
}

TEST_CASE("an empty or unchanged quotation is no quote change (fuzz regression)", "[callouts]") {
  // fuzz_compare: dropping an empty pair of quotation marks was called out as
  // `quote: (none) -> (none)`. A call-out always names a change: its two sides differ.
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"He said \"\" today.", "He said today."},
      {"The mayor said \"\".", "The mayor said."},
      {"\"\"\xEF\xBF\xBD", "\xEF\xBF\xBD"},
      {"She called it \" a fair plan\" on Monday.", "She called it \"a fair plan\" on Monday."},
  };
  for (const auto& [a, b] : cases) {
    for (const auto& c : callouts(a, b)) {
      INFO(a << " -> " << b << ": " << c.old_text << " -> " << c.new_text);
      CHECK(c.old_text != c.new_text);
    }
  }
}
