#include "lexicon.h"

#include <string_view>
#include <unordered_map>

#include "normalize.h"

namespace storydiff::detail {

namespace {

// Each line is a group of words a rewrite commonly exchanges; the first is the canonical one.
// Inflected forms are listed where the light stemmer does not bring them together (irregular
// verbs). Groups are deliberately narrow: a wrong synonym pairs sentences that are not the same
// claim, which costs more than a missed one.
constexpr std::string_view kGroups[] = {
    // (number words become digits before this table: see number_word_value)
    "percent %",
    // months
    "january jan", "february feb", "march mar", "april apr", "august aug", "september sept sep",
    "october oct", "november nov", "december dec",
    // markets and money
    "stock share stocks shares", "fall fell fallen drop slide slid slip decline tumble sink sank sunk plunge lose lost",
    "rise rose risen climb jump gain increase soar surge grow grew grown",
    "revenue sales", "profit earnings", "company firm", "ceo chief executive",
    "cost price", "fund funding money",
    // casualties and disasters
    "kill die died dead death fatal", "injure injured injury wound wounded hurt",
    "rescue rescuer save saved", "blaze fire", "quake earthquake", "flood flooding",
    "evacuate evacuation flee fled", "ship vessel ferry boat", "people persons",
    "passenger traveler", "victim casualty",
    // law and order
    "lawyer attorney counsel", "jury juror jurors", "judge justice", "sue lawsuit suit",
    "police officer officers cop", "arrest detain detained", "charge accuse indict",
    "verdict ruling decision", "appeal challenge", "prison jail",
    // politics
    "vote ballot", "lawmaker legislator", "senator sen", "representative rep",
    "governor gov", "president pres", "minister secretary", "government administration",
    "election poll", "win won victory", "law legislation bill",
    "talk negotiation negotiations", "ban prohibit bar", "agree agreed deal",
    // health
    "medicine medication drug pill pills", "impurity contaminant contamination",
    "hospital clinic", "doctor physician", "vaccinate vaccinated immunize",
    "outbreak epidemic",
    // reporting verbs and hedges that carry the claim
    "announce announced unveil unveiled", "confirm confirmed verify", "warn warned caution",
    "investigate investigation probe inquiry", "begin began begun start launch",
    "end ended finish conclude", "delay postpone postponed", "cancel cancelled scrap",
    "show showed shown reveal revealed", "find found discover discovered", "build built construct",
    "buy bought purchase acquire", "sell sold", "pay paid", "leave left depart", "meet met",
    "hold held", "send sent deploy dispatch", "spend spent", "take took taken", "give gave given",
    "seek sought", "steal stole stolen",
    "big large major", "small minor", "quick fast rapid", "nearly almost roughly approximately",
    "worker employee staff", "resident inhabitant", "child kid", "car vehicle",
    "city town", "official authority authorities", "spokesman spokeswoman spokesperson",
    "statement release", "strike walkout", "union labor", "pay wage wages salary",
    "airport airfield", "plane aircraft jet airplane aeroplane",
    "receive received get got", "outage blackout", "shortage lack", "violator offender",
    "failure fail failing",
    // units, which outlets convert ("14 miles" / "22km", "300,000 acres" / "120,000 hectares"),
    // and the things they measure
    "mile kilometer km", "acre hectare", "foot feet meter", "centimeter cm", "millimeter mm",
    "kilogram kg", "wildfire bushfire", "burn burnt",
    // British and American spellings the stemmer does not bring together (it does -ise/-ize,
    // -our/-or and -tre/-ter)
    "program programme", "jewelry jewellery", "ton tonne", "gray grey", "aluminum aluminium",
    "tire tyre", "plow plough", "mold mould", "defense defence", "offense offence",
    "license licence", "pajamas pyjamas", "curb kerb", "dialog dialogue", "catalog catalogue",
    "travel travelled travelling", "label labelled labelling", "model modelled modelling",
    "fuel fuelled fuelling", "signal signalled signalling", "total totalled", "level levelled",
    "channel channelled",
    // places and their people: "Greek wildfire" / "wildfire in Greece"
    "greece greek greeks", "italy italian italians", "syria syrian syrians", "egypt egyptian egyptians",
    "nigeria nigerian nigerians", "honduras honduran hondurans", "cyprus cypriot cypriots",
    "britain british briton britons", "france french", "germany german germans", "spain spanish",
    "china chinese", "japan japanese", "russia russian russians", "ukraine ukrainian ukrainians",
    "mexico mexican mexicans", "canada canadian canadians", "australia australian australians",
    "india indian indians", "pakistan pakistani pakistanis", "afghanistan afghan afghans",
    "iraq iraqi iraqis", "iran iranian iranians", "israel israeli israelis", "turkey turkish",
    "netherlands dutch", "belgium belgian belgians", "switzerland swiss", "sweden swedish swede swedes",
    "ireland irish", "scotland scottish scot scots", "wales welsh", "korea korean koreans",
    "vietnam vietnamese", "philippines philippine filipino filipinos", "indonesia indonesian indonesians",
    "brazil brazilian brazilians", "argentina argentine argentinian argentinians",
    "colombia colombian colombians", "venezuela venezuelan venezuelans", "chile chilean chileans",
    "peru peruvian peruvians", "cuba cuban cubans", "haiti haitian haitians", "kenya kenyan kenyans",
    "ethiopia ethiopian ethiopians", "somalia somali somalis", "sudan sudanese", "libya libyan libyans",
    "tunisia tunisian tunisians", "morocco moroccan moroccans", "algeria algerian algerians",
    "lebanon lebanese", "jordan jordanian jordanians", "yemen yemeni yemenis",
    "bangladesh bangladeshi bangladeshis", "nepal nepali nepalese", "thailand thai thais",
    "malaysia malaysian malaysians", "norway norwegian norwegians", "denmark danish dane danes",
    "finland finnish", "austria austrian austrians", "hungary hungarian hungarians",
    "romania romanian romanians", "bulgaria bulgarian bulgarians", "serbia serbian serbians serb serbs",
    "croatia croatian croatians", "portugal portuguese", "cambodia cambodian cambodians",
    "myanmar burmese", "taiwan taiwanese", "singapore singaporean", "qatar qatari", "kuwait kuwaiti",
    "palestine palestinian palestinians", "europe european europeans", "africa african africans",
    "texas texan texans", "california californian californians",
};

std::unordered_map<std::string, std::string> build(std::vector<std::string>* conflicts = nullptr) {
  std::unordered_map<std::string, std::string> map;
  std::unordered_map<std::string, std::string> group_of;  // stem -> canonical of its group
  std::string stemmed, canonical;
  for (const std::string_view group : kGroups) {
    canonical.clear();
    std::size_t k = 0;
    while (k < group.size()) {
      std::size_t e = group.find(' ', k);
      if (e == std::string_view::npos) e = group.size();
      const std::string_view word = group.substr(k, e - k);
      k = e + 1;
      if (word == "%") {
        stemmed = "%";
      } else if (word[0] >= '0' && word[0] <= '9') {
        stemmed = std::string(word);
      } else {
        word_term(word, stemmed);
      }
      if (canonical.empty()) canonical = stemmed;
      auto [it, fresh] = group_of.emplace(stemmed, canonical);
      if (!fresh && it->second != canonical && conflicts) conflicts->push_back(std::string(word));
      if (stemmed != canonical) map.emplace(stemmed, canonical);
    }
  }
  return map;
}

}  // namespace

std::vector<std::string> lexicon_conflicts() {
  std::vector<std::string> conflicts;
  build(&conflicts);
  return conflicts;
}

void canonical_term(std::string& term) {
  static const std::unordered_map<std::string, std::string> map = build();
  if (auto it = map.find(term); it != map.end()) term = it->second;
}

}  // namespace storydiff::detail
