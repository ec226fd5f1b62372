// The three writers on hand-made diffs and impacts: text and Markdown list
// at most 20 flipped cases and count the rest, JSON lists them all and is
// valid JSON with stable keys (null rates for 0/0), Markdown keeps Frist
// text in code spans and escapes prose, rates use the language's decimal
// comma.
#include <simdjson.h>

#include "compiler/diff/render.hpp"
#include "diff_support.hpp"

using namespace frist;
using namespace frist::compiler::diff;

namespace {

SemanticDiff one_changed_rule(grammar::Lang lang) {
  SemanticDiff d;
  d.lang = lang;
  d.old_source = "gammel.frist";
  d.new_source = "ny.frist";
  d.old_id = d.new_id = "r";
  RuleDiff r;
  r.status = RuleStatus::Changed;
  r.old_id = r.new_id = "fire_måneders_frist";
  r.title = "Undersøgelsen *afsluttet* <til tiden>";
  r.old_position = r.new_position = 1;
  Change c;
  c.kind = "requirement";
  c.action = "changed";
  c.label = "kræv";
  c.old_text = "a * 2 > b";
  c.new_text = "a * 3 > b";
  c.text = "kræv: a * 2 > b → a * 3 > b";
  r.changes.push_back(c);
  d.rules.push_back(r);
  RuleDiff same;
  same.old_id = same.new_id = "uændret_regel";
  same.old_position = same.new_position = 2;
  d.rules.push_back(same);
  return d;
}

Impact impact_with_flips(std::size_t flips) {
  Impact im;
  im.cases = "sager.jsonl";
  im.as_of = "2024-12-31";
  im.read = flips + 10;
  im.old_side = {flips + 5, 2, 3};
  im.new_side = {flips + 5, 2, 3};
  RuleImpact changed;
  changed.old_id = changed.new_id = "fire_måneders_frist";
  for (std::size_t i = 0; i < flips; ++i) changed.add(CaseState::Compliant, CaseState::Violated, "C-" + std::to_string(i));
  for (int i = 0; i < 5; ++i) changed.add(CaseState::NotApplicable, CaseState::NotApplicable, "N");
  im.rules.push_back(changed);
  RuleImpact quiet;
  quiet.old_id = quiet.new_id = "uændret_regel";
  quiet.add(CaseState::Pending, CaseState::Pending, "P");
  im.rules.push_back(quiet);
  return im;
}

}  // namespace

TEST_CASE("diff render: text lists 20 flipped cases and counts the rest", "[diff][render]") {
  const SemanticDiff d = one_changed_rule(grammar::Lang::Da);
  const Impact im = impact_with_flips(25);
  const std::string text = render_report(d, &im, Format::Text);
  CHECK(text.find("sager, der skifter (25): C-0, C-1,") != std::string::npos);
  CHECK(text.find("C-19 og 5 til") != std::string::npos);
  CHECK(text.find("C-20") == std::string::npos);
  CHECK(text.find("overholdt → ikke overholdt: 25") != std::string::npos);
  CHECK(text.find("overholdt i 25 ud af 25 (100,0 %) → 0 ud af 25 (0,0 %)") != std::string::npos);
  CHECK(text.find("1 regler uden ændrede udfald") != std::string::npos);
  CHECK(text.find("før: vurderet 30, afvist 2, ikke dækket 3") != std::string::npos);
}

TEST_CASE("diff render: Markdown puts Frist in code spans and escapes prose", "[diff][render]") {
  const SemanticDiff d = one_changed_rule(grammar::Lang::Da);
  const Impact im = impact_with_flips(21);
  const std::string md = render_report(d, &im, Format::Markdown);
  CHECK(md.find("- **ændret** `fire_måneders_frist` — Undersøgelsen \\*afsluttet\\* \\<til tiden>") != std::string::npos);
  CHECK(md.find("  - kræv: `a * 2 > b` → `a * 3 > b`") != std::string::npos);
  CHECK(md.find("| overholdt | ikke overholdt | 21 |") != std::string::npos);
  CHECK(md.find("`C-19` og 1 til") != std::string::npos);
}

TEST_CASE("diff render: JSON lists every flipped case and parses", "[diff][render]") {
  SemanticDiff d = one_changed_rule(grammar::Lang::En);
  Impact im = impact_with_flips(25);
  RuleImpact empty;
  empty.old_id = "x";
  im.rules.push_back(empty);
  RuleDiff removed;
  removed.status = RuleStatus::Removed;
  removed.old_id = "x";
  removed.old_position = 3;
  d.rules.push_back(removed);
  const std::string json = render_report(d, &im, Format::Json);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  REQUIRE(parser.parse(json).get(doc) == simdjson::SUCCESS);
  CHECK(std::string_view(doc["format"]) == "frist-diff/1");
  CHECK(std::string_view(doc["language"]) == "en");
  CHECK(bool(doc["changed"]));
  CHECK(std::uint64_t(doc["summary"]["changed"]) == 1);
  CHECK(std::uint64_t(doc["summary"]["removed"]) == 1);
  CHECK(std::uint64_t(doc["summary"]["unchanged"]) == 1);
  simdjson::dom::array rules = doc["impact"]["rules"];
  REQUIRE(rules.size() == 3);
  simdjson::dom::element first = rules.at(0);
  CHECK(simdjson::dom::array(first["flipped"]).size() == 25);
  CHECK(std::uint64_t(first["flipped_count"]) == 25);
  CHECK(double(first["rate_before"]) == 1.0);
  CHECK(double(first["rate_after"]) == 0.0);
  simdjson::dom::element third = rules.at(2);
  CHECK(third["rate_before"].is_null());
  CHECK(third["new_id"].is_null());
  simdjson::dom::array d_rules = doc["rules"];
  CHECK(d_rules.at(2)["new_position"].is_null());
}

TEST_CASE("diff render: no change is said in the new file's language", "[diff][render]") {
  SemanticDiff d;
  d.lang = grammar::Lang::En;
  d.old_source = "a.frist";
  d.new_source = "b.frist";
  CHECK(render_report(d, nullptr, Format::Text) == "Semantic diff: a.frist → b.frist\nNo change in meaning.\n");
  d.lang = grammar::Lang::Da;
  CHECK(render_report(d, nullptr, Format::Markdown).find("Ingen ændringer i betydning.") != std::string::npos);
}
