// Every JSON Lines line of `frist gen` is either a valid case of
// spec/case-data.md §1 in the vocabulary of spec/rulesets.md §1, or one of
// the deliberately malformed lines — and exactly as many of those as the
// generator reports.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <map>
#include <memory>
#include <set>
#include <string>

#include "cli/gen/calendar.hpp"
#include "tests/unit/gen/gen_support.hpp"

namespace frist::gen {
namespace {

using testing::generate;
using testing::split_lines;

bool is_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

bool valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!is_digits(s.substr(0, 4)) || !is_digits(s.substr(5, 2)) || !is_digits(s.substr(8, 2))) return false;
  const int year = std::stoi(std::string(s.substr(0, 4)));
  const int month = std::stoi(std::string(s.substr(5, 2)));
  const int day = std::stoi(std::string(s.substr(8, 2)));
  return month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

// `YYYY-MM-DD` or `YYYY-MM-DDThh:mm[:ss]` with optional `Z` / `±hh:mm`.
bool valid_timestamp(std::string_view s) {
  if (!valid_date(s.substr(0, 10))) return false;
  if (s.size() == 10) return true;
  if (s.size() < 16 || s[10] != 'T' || s[13] != ':') return false;
  if (!is_digits(s.substr(11, 2)) || !is_digits(s.substr(14, 2))) return false;
  if (std::stoi(std::string(s.substr(11, 2))) > 23 || std::stoi(std::string(s.substr(14, 2))) > 59) return false;
  std::string_view rest = s.substr(16);
  if (rest.size() >= 3 && rest[0] == ':') {
    if (!is_digits(rest.substr(1, 2))) return false;
    rest.remove_prefix(3);
  }
  if (rest.empty() || rest == "Z") return true;
  return rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':' && is_digits(rest.substr(1, 2)) &&
         is_digits(rest.substr(4, 2));
}

enum class Type { Bool, Text };

// Event types and their attributes (spec/rulesets.md §1).
const std::map<std::string, std::map<std::string, Type, std::less<>>, std::less<>>& vocabulary() {
  static const std::map<std::string, std::map<std::string, Type, std::less<>>, std::less<>> types = {
      {"underretning", {{"fagperson", Type::Bool}}},
      {"underretning_vurderet", {{"underretning", Type::Text}}},
      {"underretning_kvitteret", {{"underretning", Type::Text}}},
      {"opmærksom", {}},
      {"undersøgelse_påbegyndt", {}},
      {"undersøgelse_afsluttet", {{"opdateret", Type::Bool}}},
      {"foreløbig_vurdering", {}},
      {"partshøringsmøde", {}},
      {"børnesamtale", {{"om", Type::Text}, {"afslået", Type::Bool}}},
      {"samtale_forældremyndighed", {}},
      {"synspunkter_indhentet", {}},
      {"afgørelse",
       {{"hjemmel", Type::Text}, {"akut", Type::Bool}, {"samtale_undladt", Type::Text}, {"formål", Type::Bool},
        {"varighed", Type::Bool}, {"anbringelse", Type::Bool}, {"uden_samtykke", Type::Bool}}},
      {"handleplan", {{"angiver_indsats", Type::Bool}}},
      {"handleplan_undladt", {{"begrundelse", Type::Text}}},
      {"barnets_plan", {}},
      {"ungeplan", {}},
      {"ungeplan_vurderet", {}},
      {"indsats_iværksat", {}},
      {"indsats_ophørt", {}},
      {"opfølgning", {}},
      {"anbringelse_iværksat", {}},
      {"anbringelse_ophørt", {}},
      {"tilsynsbesøg", {}},
  };
  return types;
}

// Why a line is not a valid case, or "" when it is one.
std::string check_case_line(simdjson::dom::parser& parser, std::string_view line) {
  simdjson::dom::element doc;
  if (parser.parse(line.data(), line.size(), true).get(doc) != simdjson::SUCCESS) return "invalid JSON";
  std::string_view id;
  if (doc["case"].get_string().get(id) != simdjson::SUCCESS || id.empty()) return "no case id";
  simdjson::dom::object attrs;
  if (doc["attrs"].get_object().get(attrs) == simdjson::SUCCESS) {
    for (auto [key, value] : attrs) {
      std::string_view text;
      if (value.get_string().get(text) != simdjson::SUCCESS) return "case attribute not a string";
      if (key == "født" && !valid_date(text)) return "bad født";
      if (key != "født" && key != "kommune") return "unknown case attribute";
    }
  }
  simdjson::dom::array events;
  if (doc["events"].get_array().get(events) != simdjson::SUCCESS) return "no events";
  std::set<std::string_view> ids;
  for (simdjson::dom::element event : events) {
    std::string_view type;
    std::string_view at;
    if (event["type"].get_string().get(type) != simdjson::SUCCESS) return "no type";
    if (event["at"].get_string().get(at) != simdjson::SUCCESS) return "no at";
    if (!valid_timestamp(at)) return "bad timestamp";
    const auto declared = vocabulary().find(type);
    if (declared == vocabulary().end()) return "unknown event type";
    std::string_view event_id;
    if (event["id"].get_string().get(event_id) == simdjson::SUCCESS && !ids.insert(event_id).second)
      return "duplicate event id";
    simdjson::dom::object event_attrs;
    if (event["attrs"].get_object().get(event_attrs) != simdjson::SUCCESS) continue;
    for (auto [key, value] : event_attrs) {
      const auto attribute = declared->second.find(key);
      if (attribute == declared->second.end()) return "undeclared attribute";
      const bool is_bool = value.is_bool();
      if ((attribute->second == Type::Bool) != is_bool) return "wrong value type";
      if (!is_bool && !value.is_string()) return "wrong value type";
    }
  }
  return "";
}

TEST_CASE("every JSONL line is a valid case or one of the intended bad lines", "[gen]") {
  constexpr std::uint64_t kCases = 10'000;
  constexpr PerMillion kRate = 5'000;  // 0.5 %: enough bad lines to see every kind
  const auto out = generate(OutputFormat::Jsonl, kCases, 2024, kRate);
  const auto lines = split_lines(out.text);
  REQUIRE(lines.size() == kCases);
  REQUIRE(out.text.back() == '\n');

  GeneratorOptions options;
  options.seed = 2024;
  options.malformed_rate = kRate;
  auto record = std::make_unique<CaseRecord>();
  simdjson::dom::parser parser;
  std::map<Malformation, int> bad_by_kind;
  std::uint64_t bad = 0;
  std::set<std::string, std::less<>> case_ids;
  for (std::uint64_t i = 0; i < kCases; ++i) {
    generate_case(options, i, *record);
    const std::string why = check_case_line(parser, lines[i]);
    const bool intended_bad = record->malformation != Malformation::None;
    INFO("line " << i + 1 << ": " << why << "\n" << lines[i]);
    CHECK(why.empty() == !intended_bad);
    if (!why.empty()) {
      ++bad;
      ++bad_by_kind[record->malformation];
    }
    char id[32];
    CHECK(case_ids.emplace(id, format_case_id(*record, id)).second);
  }
  CHECK(bad == out.summary.malformed);
  // 0.5 % of 10 000 is 50 on average; every kind of damage shows up.
  CHECK(bad >= 25);
  CHECK(bad <= 80);
  CHECK(bad_by_kind.size() == 4);
}

TEST_CASE("frist gen with --no-bad-lines gives only valid lines", "[gen]") {
  const auto out = generate(OutputFormat::Jsonl, 3000, 9, 0);
  CHECK(out.summary.malformed == 0);
  simdjson::dom::parser parser;
  for (const auto line : split_lines(out.text)) {
    INFO(line);
    CHECK(check_case_line(parser, line).empty());
  }
}

TEST_CASE("the default fault rate is about 0.1 %", "[gen]") {
  const auto out = generate(OutputFormat::Jsonl, 20'000, 77);  // default rate
  CHECK(out.summary.malformed >= 8);
  CHECK(out.summary.malformed <= 40);
}

}  // namespace
}  // namespace frist::gen
