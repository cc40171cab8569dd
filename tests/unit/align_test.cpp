#include <catch2/catch.hpp>

#include "align.h"
#include "test_support.h"

using namespace storydiff;
using storydiff::test::diff;
using storydiff::test::entry_of;

namespace {
// The similarity of two one-sentence texts, paired whatever it is.
double sim(const char* a, const char* b) {
  Options o;
  o.threshold = 0.01;
  return entry_of(diff(a, b, o), 0, 0).similarity;
}
}  // namespace

TEST_CASE("identical documents are all equal and in order", "[align]") {
  const auto c = diff("One claim here.\nAnother claim there.\n", "One claim here.\nAnother claim there.\n");
  REQUIRE(c.alignment.size() == 2);
  for (const auto& e : c.alignment) {
    CHECK(e.op == Op::equal);
    CHECK_FALSE(e.moved);
    CHECK(e.similarity == 1.0);
  }
  CHECK(c.stats.equal == 2);
  CHECK(c.stats.overlap == 1.0);
}

TEST_CASE("added and removed sentences", "[align]") {
  const auto c = diff("Troops massed near the border.\nTalks resume Monday in Geneva.\n",
                      "Troops massed near the border.\nSanctions were announced by the treasury.\nTalks resume Monday in Geneva.\n");
  CHECK(entry_of(c, 1, 1).op == Op::added);
  CHECK(c.stats.added == 1);
  CHECK(c.stats.removed == 0);
  const auto r = diff("A first claim about budgets.\nA second claim about elections.\n", "A first claim about budgets.\n");
  CHECK(entry_of(r, 0, 1).op == Op::removed);
}

TEST_CASE("a reworded sentence is modified, with its word diff", "[align]") {
  const auto c = diff("The death toll from the earthquake rose to 23 on Tuesday.\nRescue teams arrived from Turkey.\n",
                      "The death toll from the earthquake climbed to 50 on Tuesday.\nRescue teams arrived from Turkey.\n");
  const auto& e = entry_of(c, 0, 0);
  CHECK(e.op == Op::modified);
  CHECK(e.b == std::vector<std::uint32_t>{0});
  CHECK(e.similarity > 0.45);
  CHECK(e.similarity < 1.0);
  CHECK_FALSE(e.tokens.empty());
  REQUIRE_FALSE(e.callouts.empty());
  CHECK(e.callouts[0].kind == CalloutKind::number);
}

TEST_CASE("a paragraph moved to the top is the one flagged moved", "[align]") {
  const auto c = diff("Alpha troops crossed the river.\nBravo officials met in Paris.\nCharlie prices rose sharply.\nDelta rescue crews searched overnight.\n",
                      "Delta rescue crews searched overnight.\nAlpha troops crossed the river.\nBravo officials met in Paris.\nCharlie prices rose sharply.\n");
  CHECK(entry_of(c, 0, 3).moved);
  CHECK_FALSE(entry_of(c, 0, 0).moved);
  CHECK(c.stats.moved == 1);
  // The moved claim is listed where it now stands: first.
  CHECK(c.alignment.front().a == std::vector<std::uint32_t>{3});
}

TEST_CASE("one sentence split into two", "[align]") {
  const auto c = diff(
      "Rescuers pulled 12 survivors from the collapsed hotel overnight, and officials said the search would continue until Friday.\nThe weather was calm.\n",
      "Rescuers pulled 12 survivors from the collapsed hotel overnight. Officials said the search would continue until Friday.\nThe weather was calm.\n");
  const auto& e = entry_of(c, 0, 0);
  CHECK(e.op == Op::modified);
  CHECK(e.b == std::vector<std::uint32_t>{0, 1});
  CHECK(c.stats.splits == 1);
}

TEST_CASE("two sentences merged into one", "[align]") {
  const auto c = diff(
      "The central bank raised rates by half a point. Markets fell sharply after the announcement.\nExports were flat.\n",
      "The central bank raised rates by half a point, and markets fell sharply after the announcement.\nExports were flat.\n");
  const auto& e = entry_of(c, 1, 0);
  CHECK(e.a == std::vector<std::uint32_t>{0, 1});
  CHECK(c.stats.merges == 1);
}

TEST_CASE("unrelated sentences stay unmatched", "[align]") {
  const auto c = diff("The senate passed the farm bill on Thursday.\n", "A volcano erupted in Iceland overnight.\n");
  CHECK(c.stats.removed == 1);
  CHECK(c.stats.added == 1);
  CHECK(c.stats.modified == 0);
}

TEST_CASE("the threshold decides how much rewording still matches", "[align]") {
  const char* a = "Police arrested three men after the robbery in the city centre.\n";
  const char* b = "Three suspects were detained by officers following a city centre heist.\n";
  Options strict;
  strict.threshold = 0.9;
  CHECK(diff(a, b, strict).stats.modified == 0);
  Options loose;
  loose.threshold = 0.05;
  CHECK(diff(a, b, loose).stats.modified == 1);
}

TEST_CASE("ignore_case and ignore_punctuation turn such changes into equal", "[align]") {
  const char* a = "The Prime Minister resigned on Monday.\n";
  const char* b = "the prime minister resigned on Monday!\n";
  CHECK(diff(a, b).alignment[0].op == Op::modified);
  Options o;
  o.ignore_case = true;
  o.ignore_punctuation = true;
  CHECK(diff(a, b, o).alignment[0].op == Op::equal);
}

TEST_CASE("repeated sentences pair up in order", "[align]") {
  const auto c = diff("Read more.\nThe army advanced.\nRead more.\n", "Read more.\nThe army advanced.\nRead more.\n");
  CHECK(entry_of(c, 0, 0).b == std::vector<std::uint32_t>{0});
  CHECK(entry_of(c, 0, 2).b == std::vector<std::uint32_t>{2});
  CHECK(c.stats.moved == 0);
}

TEST_CASE("moves can be switched off", "[align]") {
  Options o;
  o.detect_moves = false;
  const auto c = diff("Alpha troops crossed the river.\nBravo officials met in Paris.\n",
                      "Bravo officials met in Paris.\nAlpha troops crossed the river.\n", o);
  CHECK(c.stats.moved == 0);
}

TEST_CASE("empty documents", "[align]") {
  const auto c = diff("", "");
  CHECK(c.alignment.empty());
  CHECK(c.stats.overlap == 1.0);
  const auto d = diff("", "Something new happened.\n");
  REQUIRE(d.alignment.size() == 1);
  CHECK(d.alignment[0].op == Op::added);
}

TEST_CASE("bad options are errors, not exceptions", "[align]") {
  Options o;
  o.threshold = 0.0;
  auto c = compare(test::doc("a"), test::doc("b"), o);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().code == ErrorCode::bad_option);
  o.threshold = std::nan("");
  CHECK_FALSE(compare(test::doc("a"), test::doc("b"), o).ok());
}

TEST_CASE("two versions' headlines: reworded when the ledes still pair, new when the story moved on", "[align]") {
  const std::string body =
      "\nThe National Hurricane Center said the storm was moving northwest at 9 mph.\n"
      "Schools in Corpus Christi and Rockport will stay closed through Friday.\n"
      "The governor declared a disaster in 18 counties.\n";
  const std::string old_doc =
      "Hurricane Marisol strengthens as 100,000 told to leave Texas coast\n\n"
      "Hurricane Marisol strengthened into a Category 3 storm on Wednesday, and officials ordered about "
      "100,000 people to evacuate low-lying areas.\n" + body;
  // Same development, figures updated: the ledes pair, and so do the headlines, though they
  // share less than the threshold for a new headline.
  const auto same = diff(old_doc,
                         "Marisol grows to Category 4 as 250,000 are ordered off Texas coast\n\n"
                         "Hurricane Marisol grew into a Category 4 storm on Wednesday evening, and officials widened "
                         "evacuation orders to about 250,000 people.\n" + body);
  REQUIRE(entry_of(same, 0, 1).b == std::vector<std::uint32_t>{1});
  const auto& title = entry_of(same, 0, 0);
  CHECK(title.op == Op::modified);
  CHECK(title.b == std::vector<std::uint32_t>{0});
  // A new lede for a new development: the new headline is a claim of its own.
  const auto moved_on = diff(old_doc,
                             "Marisol makes landfall near Port Aransas as a Category 4 storm\n\n"
                             "Hurricane Marisol slammed ashore near Port Aransas early Thursday, tearing roofs off homes.\n"
                             "Hurricane Marisol strengthened into a Category 3 storm on Wednesday, and officials ordered "
                             "about 100,000 people to evacuate low-lying areas.\n" + body);
  CHECK(entry_of(moved_on, 0, 0).op == Op::removed);
  CHECK(entry_of(moved_on, 1, 0).op == Op::added);
}

TEST_CASE("a new lede that reports what the old one previewed is a new claim, and so is its headline", "[align]") {
  // In a rewrite, that keeps less than half its sentences word for word (the two tails below are
  // the same sentences reworded).
  const std::string tail_old =
      "\nSurgeries at the three hospitals were postponed until next week.\n"
      "Ambulances were diverted to hospitals in other cities.\n"
      "The governor urged both sides to return to the bargaining table.\n";
  const std::string tail_new =
      "\nThe three hospitals postponed their surgeries until next week.\n"
      "Ambulances were sent on to hospitals in other cities.\n"
      "Both sides were urged by the governor to go back to the bargaining table.\n";
  const std::string body =
      "\nThe contract talks broke down over wages and staffing levels.\n"
      "The hospitals said they had hired replacement nurses through an agency.\n"
      "Union leaders said the nurses had not struck in 30 years.\n";
  const std::string old_doc =
      "Nurses at three hospitals set to strike Tuesday\n\n"
      "PORTLAND, Maine \xE2\x80\x94 About 2,300 nurses at three hospitals plan to walk off the job at 7 a.m. Tuesday.\n" + body;
  const std::string old_rewrite = old_doc + tail_old;
  // The old lede previews the walkout, the new one reports it: the update's news, not a rewording.
  const std::string walked_off =
      "Nurses strike at three hospitals; surgeries postponed\n\n"
      "PORTLAND, Maine \xE2\x80\x94 About 2,300 nurses at three hospitals walked off the job on Tuesday morning.\n" + body;
  const auto done = diff(old_rewrite, walked_off + tail_new);
  CHECK(entry_of(done, 0, 1).op == Op::removed);
  CHECK(entry_of(done, 1, 1).op == Op::added);
  CHECK(entry_of(done, 0, 0).op == Op::removed);
  CHECK(entry_of(done, 1, 0).op == Op::added);
  // An update that keeps most of its sentences word for word tells the same story on: the lede
  // reworded to its outcome (three of the five sentences kept).
  const auto light = diff(old_doc, walked_off);
  CHECK(entry_of(light, 0, 1).b == std::vector<std::uint32_t>{1});
  // Still a preview (or the same report) on both sides: one claim, reworded.
  const auto still = diff(old_doc,
                          "Nurses at three hospitals set to strike on Tuesday\n\n"
                          "PORTLAND, Maine \xE2\x80\x94 About 2,300 nurses at three hospitals plan to walk off the job on Tuesday morning.\n" + body);
  CHECK(entry_of(still, 0, 1).op == Op::modified);
  CHECK(entry_of(still, 0, 1).b == std::vector<std::uint32_t>{1});
  CHECK(entry_of(still, 0, 0).b == std::vector<std::uint32_t>{0});
  // A vote ahead, and what it decided.
  const std::string budget_body =
      "\nThe plan would increase state aid to public schools by $410 million.\n"
      "Democrats hold 38 of the chamber's 59 seats.\n"
      "Republicans said the plan spent too much.\n";
  const auto passed = diff("Illinois Senate set to vote on budget\n\n"
                           "SPRINGFIELD, Ill. \xE2\x80\x94 The Illinois Senate is expected to vote Thursday on a $53.1 billion "
                           "budget that raises spending on schools.\n" + budget_body + tail_old,
                           "Illinois Senate passes budget\n\n"
                           "SPRINGFIELD, Ill. \xE2\x80\x94 The Illinois Senate on Thursday passed a $53.1 billion budget that "
                           "raises spending on schools.\n" + budget_body + tail_new);
  CHECK(entry_of(passed, 0, 1).op == Op::removed);
  CHECK(entry_of(passed, 1, 1).op == Op::added);
  // Talks to do something, and it done.
  const std::string transfer_body =
      "\nFerraz, 23, scored 19 goals in the Portuguese league last season.\n"
      "He has played six times for Brazil.\n"
      "Harcourt finished fourth in the Premier League last season.\n";
  const auto signed_ = diff("Harcourt City in talks for striker Lucas Ferraz\n\n"
                            "HARCOURT, England (Wire) \xE2\x80\x94 Harcourt City is in advanced talks to sign Brazilian striker "
                            "Lucas Ferraz from Portuguese club Vila Nova.\n" + transfer_body + tail_old,
                            "Harcourt City signs striker Lucas Ferraz\n\n"
                            "HARCOURT, England (Wire) \xE2\x80\x94 Harcourt City completed the signing of Brazilian striker "
                            "Lucas Ferraz from Portuguese club Vila Nova on Friday.\n" + transfer_body + tail_new);
  CHECK(entry_of(signed_, 0, 1).op == Op::removed);
  CHECK(entry_of(signed_, 1, 1).op == Op::added);
  // Deeper in the story a preview and its outcome stay one claim ("would keep" / "kept").
  const auto deeper = diff("Buses ran on time.\nThe council said it would keep bus service running all week.\n",
                           "Buses ran on time.\nThe council kept bus service running all week.\n");
  CHECK(entry_of(deeper, 0, 1).op == Op::modified);
}

TEST_CASE("a percentage rounded by the other outlet counts as its figure", "[align]") {
  // "6.2%" and "more than 6%" share the figure; "9%" does not.
  CHECK(sim("Shares of the company fell 6.2% in afternoon trading.", "The stock dropped more than 6% on Thursday.") >
        sim("Shares of the company fell 6.2% in afternoon trading.", "The stock dropped more than 9% on Thursday."));
  CHECK(sim("The dollar jumped 0.8 percent.", "The dollar rose almost 1 percent.") >
        sim("The dollar jumped 0.8 percent.", "The dollar rose almost 2 percent."));
  // Not other figures: "$1.2 billion" is not "$1 billion".
  CHECK(sim("The council passed a budget of $1.2 billion.", "The council passed a budget of $1 billion.") ==
        sim("The council passed a budget of $1.2 billion.", "The council passed a budget of $3 billion."));
}

TEST_CASE("a figure spelt out with a hyphen is the figure", "[align]") {
  // "Twenty-two" is 22, not 20 and 2.
  CHECK(sim("The district would also cut 22 teaching positions.", "Twenty-two teaching jobs will be eliminated.") >
        sim("The district would also cut 20 teaching positions.", "Twenty-two teaching jobs will be eliminated."));
  CHECK(sim("The district would also cut 22 teaching positions.", "Twenty-two teaching jobs will be eliminated.") >
        sim("The district would also cut 2 teaching positions.", "Twenty-two teaching jobs will be eliminated."));
}

TEST_CASE("a name spelt out counts as the acronym another sentence uses", "[align]") {
  const char* spelt = "The Federal Communications Commission opened an inquiry into the outage.";
  CHECK(sim(spelt, "The FCC opened an inquiry into the outage.") > sim(spelt, "The SEC opened an inquiry into the outage."));
  // Initials inside a longer name, and "of"/"and" skipped: "Centers for Disease Control and Prevention".
  const char* cdc = "The Centers for Disease Control and Prevention issued a warning about the outbreak.";
  CHECK(sim(cdc, "The CDC issued a warning about the outbreak.") > sim(cdc, "The WHO issued a warning about the outbreak."));
  // An acronym with periods is the same term as without.
  CHECK(sim("The N.T.S.B. found corroded steel in the beams.", "The NTSB found corroded steel in the beams.") > 0.999);
}

TEST_CASE("two outlets' headlines pair when their bodies tell one story, not otherwise", "[align]") {
  const std::string body_a =
      "\nA fire broke out on a ferry near Piraeus on Tuesday, killing 23 people.\n"
      "The coast guard said 400 passengers were rescued.\n"
      "The captain was arrested on Wednesday.\n";
  const std::string body_b =
      "\nFire swept through a ferry near Piraeus on Tuesday and killed 23 people.\n"
      "About 400 passengers were rescued by the coast guard.\n"
      "Police arrested the captain on Wednesday.\n";
  // Headlines with no word in common still name the story the bodies share.
  const auto same = diff("Greek ferry blaze leaves 23 dead\n" + body_a, "Inferno at sea: captain held after deadly voyage\n" + body_b);
  CHECK(entry_of(same, 0, 0).op == Op::modified);
  CHECK(entry_of(same, 0, 0).b == std::vector<std::uint32_t>{0});
  // Another story entirely: the headlines (which share a figure) are a removed and an added claim.
  const auto other = diff("Greek ferry blaze leaves 23 dead\n" + body_a,
                          "Measles outbreak grows to 23 cases\n\n"
                          "Health officials confirmed 23 cases of measles in the county.\n"
                          "Two schools will close for a week.\n"
                          "Most of the children had not been vaccinated.\n");
  CHECK(entry_of(other, 0, 0).op == Op::removed);
  CHECK(entry_of(other, 1, 0).op == Op::added);
  CHECK(other.stats.modified == 0);
}

TEST_CASE("two different quotations are two claims, however alike their attributions", "[align]") {
  const std::string before = "Investigators blamed corroded steel for the collapse.\n";
  const auto c = diff(before + "\"Drainage is not glamorous, but it is critical,\" said Dr. Priya Natarajan, a civil engineering professor at Lehigh University.\n"
                               "\"Water is the enemy of steel.\"\n",
                      before + "\xE2\x80\x9CWater is the enemy of steel,\xE2\x80\x9D said Dr. Priya Natarajan, who teaches civil engineering at Lehigh University.\n");
  CHECK(entry_of(c, 0, 1).op == Op::removed);  // the quotation the other outlet left out
  const auto& kept = entry_of(c, 0, 2);
  CHECK(kept.op == Op::modified);
  CHECK(kept.a == std::vector<std::uint32_t>{2});
  CHECK(kept.b == std::vector<std::uint32_t>{1});
  // One quotation, reworded: still one claim.
  const auto same = diff(before + "\"Drainage is not glamorous, but it is critical,\" said Dr. Priya Natarajan.\n",
                         before + "\"Drainage is critical, even if it is not glamorous,\" Natarajan said.\n");
  CHECK(entry_of(same, 0, 1).op == Op::modified);
  // A word in common is not a quotation in common ("union").
  const std::string strike = "Baggage handlers at the airport walked off the job at midnight.\n";
  const auto union_ = diff(strike + "\"We would urge the union to return to the table tonight and spare travelers a miserable weekend,\" Mr. Hollis said.\n",
                           strike + "\"We are disappointed that the union has chosen to walk out on the traveling public,\" Mr. Hollis said Friday.\n");
  CHECK(entry_of(union_, 0, 1).op == Op::removed);
  CHECK(entry_of(union_, 1, 1).op == Op::added);
  // The sentence that closes a quotation opened before it, against a short quotation: two things
  // she said.
  const std::string night = "Thousands of residents of Pozzuoli spent the night outdoors.\n";
  const auto closing = diff(night + "\"It started just after midnight.\n"
                                    "The whole house was shaking and the dog was howling,\" said Carmela Esposito, 68, who spent the night in her car.\n",
                            night + "\"I didn't sleep at all,\" said Carmela Esposito, 68, who spent the night in her car.\n");
  CHECK(entry_of(closing, 0, 2).op == Op::removed);
  CHECK(entry_of(closing, 1, 1).op == Op::added);
}

TEST_CASE("a sentence that says someone did not comment is not the claim they made", "[align]") {
  const std::string before = "Investigators blamed corroded steel for the collapse of the bridge.\n";
  const auto c = diff(before + "The Pennsylvania Department of Transportation said in a statement that it was cooperating fully with the investigation.\n",
                      before + "The Pennsylvania Department of Transportation did not respond to requests for comment on Thursday.\n");
  CHECK(entry_of(c, 0, 1).op == Op::removed);
  CHECK(entry_of(c, 1, 1).op == Op::added);
  const auto whether = diff(before + "Buckeye Valley did not say whether it had received a ransom demand or whether it would pay one.\n",
                            before + "Buckeye Valley said it had not received a ransom demand.\n");
  CHECK(entry_of(whether, 0, 1).op == Op::removed);
  // Two ways of not commenting are one claim.
  const auto both = diff(before + "The Pennsylvania Department of Transportation did not immediately respond to a request for comment.\n",
                         before + "The Pennsylvania Department of Transportation declined to comment on Thursday.\n");
  CHECK(entry_of(both, 0, 1).op == Op::modified);
  CHECK(entry_of(both, 0, 1).b == std::vector<std::uint32_t>{1});
  // Declining to comment further is no no-comment: it said something, the claim the other tells.
  const auto further = diff(before + "The FBI's field office in Pittsburgh confirmed it was investigating and declined to comment further.\n",
                            before + "The FBI's field office in Pittsburgh confirmed it was investigating.\n");
  CHECK(entry_of(further, 0, 1).op == Op::modified);
  CHECK(entry_of(further, 0, 1).b == std::vector<std::uint32_t>{1});
  // Nor is a claim with a "but declined to say" after it: it tells the claim.
  const auto but = diff(before + "A spokeswoman said repair work had been under way on the bridge since Jan. 8, but she declined to say whether it was linked to the collapse.\n",
                        before + "A spokeswoman said repair work had been under way on the bridge since Jan. 8.\n");
  CHECK(entry_of(but, 0, 1).op == Op::modified);
  CHECK(entry_of(but, 0, 1).b == std::vector<std::uint32_t>{1});
}

TEST_CASE("a sentence that says something is not known yet is not the claim that tells it", "[align]") {
  const std::string before = "Floodwater poured into the Harlow Street tunnel on Monday night.\n";
  // Each pair clears the threshold on its words; each is two claims: what was not known, and
  // what is known now.
  const char* const pairs[][2] = {
      {"Police said they could not yet say how many vehicles were still inside the tunnel.",
       "Police said 34 vehicles, including a city bus, had been inside the tunnel when it flooded."},
      {"It was not immediately clear how many vehicles had been inside the tunnel.",
       "About 34 vehicles had been inside the tunnel, the police said."},
      {"It was unclear when the tunnel would reopen to traffic.",
       "The tunnel would reopen to traffic on Friday, the city said."},
      {"The police said it was too early to say what had caused the tunnel to flood.",
       "The police said a broken water main had caused the tunnel to flood."},
      {"The Harlow Street tunnel remained closed, and officials did not say when it would reopen.",
       "The Harlow Street tunnel reopened on Tuesday, officials said."},
      {"The cause of the flooding in the tunnel was under investigation, the city said.",
       "The city said a broken water main was the cause of the flooding in the tunnel."},
      {"The city said it had not decided whether the tunnel would be rebuilt or closed for good.",
       "The city said the tunnel would be rebuilt."},
  };
  for (const auto& p : pairs) {
    INFO(p[0]);
    const auto c = diff(before + p[0] + "\n", before + p[1] + "\n");
    CHECK(entry_of(c, 0, 1).op == Op::removed);
    CHECK(entry_of(c, 1, 1).op == Op::added);
  }
  // Two ways of saying it is not known are one claim.
  const auto both = diff(before + "The cause of the flooding was not yet known.\n",
                         before + "Officials said it was too early to say what caused the flooding.\n");
  CHECK(entry_of(both, 0, 1).op == Op::modified);
  const auto investigated = diff(before + "The cause of the flooding was under investigation, the city said.\n",
                                 before + "The city has not said what caused the flooding.\n");
  CHECK(entry_of(investigated, 0, 1).op == Op::modified);
}

TEST_CASE("comment roles: which words make a no-comment", "[align]") {
  using detail::CommentRole;
  CHECK(detail::comment_role("not") == CommentRole::negation);
  CHECK(detail::comment_role("didn\xE2\x80\x99t") == CommentRole::negation);
  CHECK(detail::comment_role("declined") == CommentRole::negation);
  CHECK(detail::comment_role("immediately") == CommentRole::filler);
  CHECK(detail::comment_role("respond") == CommentRole::comment);
  CHECK(detail::comment_role("reached") == CommentRole::comment);
  CHECK(detail::comment_role("whether") == CommentRole::whether);
  CHECK(detail::comment_role("how") == CommentRole::whether);
  CHECK(detail::comment_role("wasn\xE2\x80\x99t") == CommentRole::negation);
  CHECK(detail::comment_role("yet") == CommentRole::filler);
  CHECK(detail::comment_role("clear") == CommentRole::comment);
  CHECK(detail::comment_role("disclosed") == CommentRole::say);
  CHECK(detail::comment_role("decided") == CommentRole::say);
  CHECK(detail::comment_role("unclear") == CommentRole::unclear);
  CHECK(detail::comment_role("early") == CommentRole::early);
  CHECK(detail::comment_role("investigation") == CommentRole::investigation);
  CHECK(detail::comment_role("statement") == CommentRole::other);
  CHECK(detail::comment_role("further") == CommentRole::further);
  CHECK(detail::comment_role("but") == CommentRole::but);
}

TEST_CASE("two versions' headlines: a new headline over a new lede of its own announces it", "[align]") {
  // Real cases (gold cases and a sample), whole: whether a lede is new depends on the rest.
  // "Kestrel probe returns first close-up images of asteroid Vesna" / "Kestrel probe enters orbit
  // around asteroid Vesna": the new headline has more in common with the new lede (the orbit,
  // news no old sentence carries) than with the old headline. A new claim.
  const auto c = test::gold_case("cases", "asteroid-probe-update");
  REQUIRE(c.documents.size() == 2);
  CHECK(entry_of(c, 0, 0).op == Op::removed);
  CHECK(entry_of(c, 1, 0).op == Op::added);
  // "Police swarm Brookfield high school after report of gunman; students locked down" /
  // "Report of gunman at Brookfield high school was a hoax, police say": a rewrite that kept 3
  // of 15 sentences word for word is still two versions, and a headline over a new lede is a
  // new claim however many names it shares with the old one (similarity 0.57).
  const auto hoax = test::gold_case("cases-dev", "school-lockdown-hoax-update");
  REQUIRE(hoax.stats.equal == 3);
  CHECK(entry_of(hoax, 0, 0).op == Op::removed);
  CHECK(entry_of(hoax, 1, 0).op == Op::added);
  // "Cedar Gap fire grows to 18,000 acres, forcing more evacuations in Oregon" / "Evacuation
  // orders lifted as rain helps crews tame Cedar Gap fire": a rewrite that kept one sentence of
  // 16 word for word, and the lede's dateline, is two versions too.
  const auto fire = test::gold_case("cases-fresh", "wildfire-containment-update");
  REQUIRE(fire.stats.equal == 1);
  CHECK(entry_of(fire, 0, 0).op == Op::removed);
  CHECK(entry_of(fire, 1, 0).op == Op::added);
  // "Fire aboard Greek ferry kills at least 23" / "Death toll in Greek ferry fire rises to 41;
  // captain arrested": both carry a figure, which the new one updates. One claim.
  const std::string samples = STORYDIFF_SAMPLES_DIR;
  const auto toll = diff(test::slurp(samples + "/harbor-ferry-fire/v1.txt"), test::slurp(samples + "/harbor-ferry-fire/v2.txt"));
  CHECK(entry_of(toll, 0, 0).op == Op::modified);
  CHECK(entry_of(toll, 0, 0).b == std::vector<std::uint32_t>{0});
  // "Cedar Ridge Fire forces evacuations north of Marlow" / "Cedar Ridge Fire forces more
  // evacuations north of Marlow": over a new lede, but all but word for word. One claim.
  const auto more = test::gold_case("cases-fresh5", "wildfire-evacuation-update");
  CHECK(entry_of(more, 0, 0).op == Op::modified);
  CHECK(entry_of(more, 0, 0).b == std::vector<std::uint32_t>{0});
  // "Snowstorm cancels 900 flights in Denver, shuts stretch of I-70" / "Denver snowstorm cancels
  // 1,400 flights; I-70 reopens after 10-hour closure": the ledes pair, but the new headline
  // restarts what the old one stopped. A new claim.
  const auto reopens = test::gold_case("cases-fresh5", "snowstorm-travel-update");
  CHECK(entry_of(reopens, 0, 0).op == Op::removed);
  CHECK(entry_of(reopens, 1, 0).op == Op::added);
}

TEST_CASE("a merge whose first half is only partly carried over still joins", "[align]") {
  // The merged sentence keeps half of the first old sentence and all of the second: the group is
  // barely more similar than the pair alone, but what the new sentence says beyond the second old
  // one is the first one's.
  const std::string before = "The toll board met on Monday in Norfolk.\n";
  const std::string after = "\nThe new rates take effect on March 1.\n";
  const auto c = diff(before +
                          "Business groups largely supported the plan, saying the bridge is vital to the region's economy. "
                          "The Hampton Roads Chamber said in a statement that \"a reliable crossing is worth far more than "
                          "a few extra dollars.\"" + after,
                      before +
                          "Business groups largely supported the plan, and the Hampton Roads Chamber said in a statement "
                          "that \"a reliable crossing is worth far more than a few extra dollars.\"" + after);
  const auto& e = entry_of(c, 1, 1);
  CHECK(e.op == Op::modified);
  CHECK(e.a == std::vector<std::uint32_t>{1, 2});
  CHECK(e.b == std::vector<std::uint32_t>{1});
  CHECK(c.stats.merges == 1);
  CHECK(c.stats.removed == 0);
}

namespace {

// Both old sentences end in one merge with the new one: nothing removed.
void check_one_merge(const std::string& old_text, const std::string& new_text) {
  const auto c = diff(old_text, new_text);
  CHECK(c.stats.merges == 1);
  CHECK(c.stats.removed == 0);
}

}  // namespace

TEST_CASE("a merge's no-comment is its sentences' together", "[align]") {
  // One half regrets, the other says the cause is not known: one claim with a sentence that says
  // both, though only one of its halves says something is not known.
  check_one_merge("Farrow Chemical said in a statement that it deeply regrets the leak and would pay for the cleanup.\n"
                  "The cause of the leak was under investigation.\n",
                  "Farrow Chemical, which said it deeply regrets the leak and would pay for the cleanup, has not said what caused it.\n");
}

TEST_CASE("a sentence that restarts what the other stops is another claim", "[align]") {
  // Without the rule these pair at 0.5-0.6: the same subject, the same stem, one word apart.
  const auto c = diff("Bullet train services between Tokyo and Aomori were suspended for several hours.\n"
                      "The quake struck at 4:12 a.m. off the coast.\n",
                      "The quake struck at 4:12 a.m. off the coast.\n"
                      "Bullet train service between Tokyo and Aomori had resumed by midmorning.\n");
  CHECK(entry_of(c, 0, 0).op == Op::removed);
  CHECK(entry_of(c, 1, 1).op == Op::added);
  const auto lifted = diff("Officials ordered residents within a mile of the plant to shelter in place.\n",
                           "The parish lifted the shelter-in-place order for residents within a mile of the plant.\n");
  CHECK(lifted.stats.removed == 1);
  CHECK(lifted.stats.added == 1);
  // A warning "in effect" is in the state a lifting ends.
  const auto warning = diff("A flood warning for the river basin remains in effect until Wednesday morning.\n",
                            "The flood warning for the river basin was lifted at 9 a.m. Wednesday.\n");
  CHECK(warning.stats.removed == 1);
  CHECK(warning.stats.added == 1);
  // An attack that crippled systems, and the systems restored (or reconnected).
  const auto restored = diff("A ransomware attack has crippled computer systems at St. Brigid Regional Medical Center.\n",
                             "St. Brigid Regional Medical Center said it had restored most of its computer systems.\n");
  CHECK(restored.stats.removed == 1);
  CHECK(restored.stats.added == 1);
  // A claim told in two sentences, stop then restart, is one claim with a sentence that has both.
  check_one_merge("Interstate 80 was closed in both directions between Ogallala and Paxton for six hours.\n"
                  "It reopened at noon.\n",
                  "A six-hour closure of Interstate 80 between Ogallala and Paxton ended at noon.\n");
  // Both sides restarting (or neither) is no contradiction: these still pair.
  const auto same = diff("The ground stop was lifted at 9 a.m., the FAA said.\n",
                         "The FAA said it lifted the ground stop at 9 a.m. Eastern.\n");
  CHECK(same.stats.modified == 1);
}

TEST_CASE("state words: which words stop and restart", "[align]") {
  using storydiff::detail::kRestarts;
  using storydiff::detail::kStops;
  using storydiff::detail::opposite_states;
  using storydiff::detail::state_words;
  CHECK(state_words("suspended") == kStops);
  CHECK(state_words("shutdown") == kStops);
  CHECK(state_words("resumed") == kRestarts);
  CHECK(state_words("lifted") == kRestarts);
  CHECK(state_words("effect") == kStops);  // "remains in effect", "took effect"
  CHECK(state_words("crippled") == kStops);
  CHECK(state_words("outage") == kStops);
  CHECK(state_words("reconnected") == kRestarts);
  CHECK(state_words("end") == 0);  // "at the end of the year"
  CHECK(state_words("said") == 0);
  CHECK(opposite_states(kStops, kRestarts));
  CHECK(opposite_states(kRestarts | kStops, kStops));  // "lifted the order" / "ordered"
  CHECK_FALSE(opposite_states(kRestarts | kStops, kRestarts | kStops));  // "closed ... reopened" / "closure ... ended"
  CHECK_FALSE(opposite_states(kStops, kStops));
  CHECK_FALSE(opposite_states(0, kRestarts));
}

TEST_CASE("moves are counted in claims: a merge moved is one move, not two", "[align]") {
  // Old: A B C, then two pairs of sentences that the new text merges (M, N) and puts first.
  // Keeping the merges in place takes moving three claims (A, B, C); moving the merges, two.
  // (Counted in sentences, the merges would weigh four against three and stay.)
  const auto c = diff("Alpha reports a first finding on the city budget.\n"
                      "Bravo explains the second finding on property taxes.\n"
                      "Charlie describes a third finding on school buses.\n"
                      "Delta adds a fourth point about roads.\n"
                      "Delta also mentions the bridges.\n"
                      "Echo closes with a fifth point about parks.\n"
                      "Echo also mentions the playgrounds.\n",
                      "Delta adds a fourth point about roads and also mentions the bridges.\n"
                      "Echo closes with a fifth point about parks and also mentions the playgrounds.\n"
                      "Alpha reports a first finding on the city budget.\n"
                      "Bravo explains the second finding on property taxes.\n"
                      "Charlie describes a third finding on school buses.\n");
  REQUIRE(c.stats.merges == 2);
  CHECK(c.stats.moved == 2);
  CHECK(entry_of(c, 0, 3).moved);
  CHECK(entry_of(c, 0, 5).moved);
  CHECK_FALSE(entry_of(c, 0, 0).moved);
}

TEST_CASE("a figure two sentences alone share pairs them, or joins a merge, between outlets", "[align]") {
  // Below the threshold on words alone; "1.8" is in no other sentence of either text.
  check_one_merge("Vesna is about 1.8 miles across and orbits the sun between Mars and Jupiter.\n"
                  "Scientists believe it is a fragment of a larger body that broke apart about 4.5 billion years ago.\n",
                  "Vesna, some 1.8 miles wide, is thought to be a leftover piece of a body that shattered about 4.5 billion years ago.\n");
  const auto pair = diff("The council met at noon.\nMs. Okafor's well tested at 1,400 parts per trillion for PFOA.\n",
                         "Records show her water held 1400 parts of the chemical.\nThe council met in the evening.\n");
  CHECK(entry_of(pair, 0, 1).op == Op::modified);
  CHECK(entry_of(pair, 0, 1).b == std::vector<std::uint32_t>{0});
}

TEST_CASE("between versions, a reworded sentence out of order needs one and a half times the threshold", "[align]") {
  const std::string body =
      "The team has played at the fairgrounds since 1962.\n"
      "Supporters say the new stadium would bring 2,000 jobs.\n"
      "Opponents say the public money should go to schools.\n"
      "The vote is expected late in the evening.\n";
  const std::string old_doc =
      "The county commission met on Tuesday to debate the stadium deal.\n"
      "Two commissioners have said they will vote yes, and two have not announced their position.\n" + body;
  const std::string first = "The county commission met on Tuesday to debate the stadium deal.\n";
  // Same topic, another claim, at the other end of the article: two claims, though the
  // similarity clears the threshold (in order, or between outlets, it would pair).
  const auto other = diff(old_doc, first + body +
                                       "Commissioner Daniel Ortiz, who had not announced his position, cast the deciding vote after the "
                                       "team's owners agreed to pay for new roads and parking.\n");
  CHECK(entry_of(other, 0, 1).op == Op::removed);
  CHECK(entry_of(other, 1, 5).op == Op::added);
  Options loose;
  loose.threshold = 0.1;  // one and a half times that is still below the pair's similarity (0.27)
  CHECK(entry_of(diff(old_doc, first + body +
                                   "Commissioner Daniel Ortiz, who had not announced his position, cast the deciding vote after the "
                                       "team's owners agreed to pay for new roads and parking.\n",
                      loose),
                 0, 1)
            .moved);
  // The same sentence moved with its words: one claim, moved.
  const auto same = diff(old_doc, first + body +
                                      "Two commissioners have said they would vote yes, and two had not yet announced a position.\n");
  const auto& e = entry_of(same, 0, 1);
  CHECK(e.op == Op::modified);
  CHECK(e.b == std::vector<std::uint32_t>{5});
  CHECK(e.moved);
}

TEST_CASE("an update's old lede pushed down below a new one pairs where it went", "[align]") {
  const std::string body =
      "\nThe leak was reported at 9:40 a.m. at the Harlan Ridge Municipal Water Works, which sits about 300 yards from "
      "Lincoln Middle School.\n\n"
      "A valve on a 1-ton chlorine cylinder failed during a routine changeover, according to a city spokesman.\n\n"
      "Classes were canceled for Wednesday.\n";
  const std::string old_lede =
      "HARLAN RIDGE, Ohio (Wire) \xE2\x80\x94 About 600 students were evacuated from a middle school here Tuesday "
      "morning after a chlorine leak at a neighboring water treatment plant, officials said.";
  const auto c = diff("Chemical leak forces evacuation of Harlan Ridge middle school\n\n" + old_lede + "\n" + body,
                      "All-clear given after chlorine leak empties Harlan Ridge middle school\n\n"
                      "HARLAN RIDGE, Ohio (Wire) \xE2\x80\x94 Officials gave the all-clear Tuesday afternoon after a chlorine "
                      "leak at a water treatment plant, and about 600 students who had been evacuated from a middle "
                      "school here were sent home for the day.\n\n"
                      "The students were led out of Lincoln Middle School on Tuesday morning after the leak at the "
                      "neighboring plant, officials said.\n" + body);
  const AlignmentEntry& lede = entry_of(c, 0, 1);
  CHECK(lede.op == Op::modified);
  CHECK(lede.b == std::vector<std::uint32_t>{2});
  CHECK(entry_of(c, 1, 1).op == Op::added);  // the new development
  CHECK(entry_of(c, 1, 0).op == Op::added);  // and its headline
  // With no sentence nearly as like it further down, the old lede is the new one reworded.
  const auto reworded = diff("Chemical leak forces evacuation of Harlan Ridge middle school\n\n" + old_lede + "\n" + body,
                             "Chemical leak forces evacuation of Harlan Ridge middle school\n\n"
                             "HARLAN RIDGE, Ohio (Wire) \xE2\x80\x94 About 640 students were evacuated from a middle school "
                             "here on Tuesday after a chlorine leak at a water treatment plant next door, officials said.\n" + body);
  CHECK(entry_of(reworded, 0, 1).b == std::vector<std::uint32_t>{1});
  // Nor is the new lede part of a split of the old one: as a split candidate ("Highly pathogenic
  // bird flu has been confirmed at two commercial turkey farms" / new "Iowa officials ordered the
  // culling of about 140,000 turkeys after bird flu was confirmed at a third farm" + "Bird flu has
  // been confirmed at three commercial turkey farms"), or joining the split afterwards ("A fire
  // broke out Tuesday at a chemical plant" / new "Firefighters contained a fire at a chemical
  // plant" + "The blaze, which broke out Tuesday, ...").
  for (const char* name : {"bird-flu-farm-update", "chemical-plant-fire-update"}) {
    INFO(name);
    const auto real = test::gold_case("cases-fresh6", name);
    CHECK(entry_of(real, 0, 1).b == std::vector<std::uint32_t>{2});
    CHECK(entry_of(real, 1, 1).op == Op::added);
  }
  // A new lede little like the old one, without a figure both carry, is the new development's
  // too, and so is its headline: "City Councilor Helen Marlow held a lead over businessman
  // Daniel Okonjo ... with about 88% of ballots counted" / "Businessman Daniel Okonjo conceded
  // Westbrook's mayoral race to City Councilor Helen Marlow on Thursday" (0.52).
  const auto conceded = test::gold_case("cases-fresh6", "election-concession-update");
  CHECK(entry_of(conceded, 0, 1).op == Op::removed);
  CHECK(entry_of(conceded, 1, 1).op == Op::added);
  CHECK(entry_of(conceded, 0, 0).op == Op::removed);
  // The same figure in both updates nothing: "stayed off the job for a third day on Wednesday,
  // keeping about 19,000 students out of class" / "will return to classrooms Friday ... ending a
  // four-day walkout that kept about 19,000 students out of school" (0.33).
  const auto deal = test::gold_case("cases-fresh6", "teachers-walkout-update");
  CHECK(entry_of(deal, 0, 1).op == Op::removed);
  // Plain sentences with no headline above them have no lede to tell a new development.
  const auto plain = diff("Firefighters arrived. Flags flew. The cafe reopened. Family safe.\n",
                          "Firefighters left. Flags flew. The cafe reopened. Family safe.\n");
  CHECK(entry_of(plain, 0, 0).op == Op::modified);
  // With a figure both carry, far reworded ledes still pair (0.38): "Hurricane Marisol
  // strengthened into a Category 3 storm" / "Marisol grew into a dangerous Category 4 storm".
  const auto storm = test::gold_case("cases", "storm-coast-evacuation-update");
  CHECK(entry_of(storm, 0, 1).b == std::vector<std::uint32_t>{1});
}

TEST_CASE("two outlets' ledes pair on less than the threshold; other sentences do not", "[align]") {
  const std::string a =
      "Dozens feared dead as migrant boat capsizes off Greek island\n\n"
      "KALYROS, Greece (Meridian Wire) — At least 31 people died and dozens more were missing after a fishing boat "
      "crowded with migrants capsized before dawn on Wednesday, the coast guard said.\n\n"
      "Rescuers pulled 104 survivors from the water, most of them men from Syria and Egypt.\n\n"
      "The boat had left Tobruk in eastern Libya on Sunday, survivors said.\n";
  const std::string lede =
      "More than 30 people drowned and hundreds more were feared lost after an overcrowded trawler capsized in the "
      "Aegean early on Wednesday.";
  const std::string rest =
      "Greece declared three days of national mourning.\n\n"
      "Survivors told officials that the vessel set sail from Tobruk in Libya on Sunday.\n";
  const auto c = diff(a, "Hundreds feared lost in Aegean shipwreck\n\n" + lede + "\n\n" + rest);
  const AlignmentEntry& ledes = entry_of(c, 0, 1);
  CHECK(ledes.op == Op::modified);
  CHECK(ledes.b == std::vector<std::uint32_t>{1});
  CHECK(ledes.similarity < Options{}.threshold);
  // The same sentence below another lede is only as alike as any two sentences: not a pair.
  const auto later = diff(a, "Hundreds feared lost in Aegean shipwreck\n\nA search went on through the night.\n\n" +
                                 lede + "\n\n" + rest);
  CHECK(entry_of(later, 0, 1).op == Op::removed);
}
