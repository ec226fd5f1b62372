// The canonical form and the comparison in-process: what must not count as
// a change (keyword language, let and binder names, a let written out by
// hand, 12 months = 1 year) and what must (a deadline, an end event, a
// binder that now means another event), how changes are described, and the
// 2023 amendment: exactly one changed rule besides the ruleset's id, title
// and version.
#include <sys/wait.h>

#include "compiler/diff/canonical.hpp"
#include "compiler/diff/describe.hpp"
#include "diff_support.hpp"

using namespace frist;
using namespace frist::diff_test;
using compiler::diff::RuleStatus;

namespace {

const std::string kVocabulary = R"(
hændelse opmærksom
hændelse undersøgelse_afsluttet
hændelse partshøringsmøde
hændelse afgørelse
  akut: sandhedsværdi = falsk
)";

std::string danish(const std::string& rules) {
  return "sprog da\nregelsæt r \"R\"\n  version \"1\"\n" + kVocabulary + rules;
}

const compiler::diff::RuleDiff& only_rule(const compiler::diff::SemanticDiff& d) {
  REQUIRE(d.rules.size() == 1);
  return d.rules.front();
}

}  // namespace

TEST_CASE("diff: Danish and English keywords give the same canonical rules", "[diff][canonical]") {
  const std::string da = danish(R"(
regel frist "Frist"
  gælder når findes afgørelse a hvor ikke a.akut
  lad start = første opmærksom
  ubestemt når start mangler fordi "ingen start"
  kræv (første undersøgelse_afsluttet s hvor dato(s) >= dato(start)) senest dato(start) + 4 måneder
)");
  const std::string en = R"(language en
ruleset r "R"
  version "1"
event opmærksom
event undersøgelse_afsluttet
event partshøringsmøde
event afgørelse
  akut: bool = false
rule frist "Frist"
  applies when exists afgørelse a where not a.akut
  let start = first opmærksom
  undetermined when start missing because "ingen start"
  require (first undersøgelse_afsluttet s where date(s) >= date(start)) on or before date(start) + 4 months
)";
  TextDiff t(da, en);
  CHECK_FALSE(t.diff.has_changes());
  CHECK(t.diff.lang == grammar::Lang::En);
  const auto a = compiler::diff::canonical_rule(*t.old_side->compilation.checked, t.old_side->compilation.checked->rules[0]);
  const auto b = compiler::diff::canonical_rule(*t.new_side->compilation.checked, t.new_side->compilation.checked->rules[0]);
  CHECK(a.body_key == b.body_key);
  // Language-neutral: no keyword of either language in the key.
  CHECK(a.body_key.find("første") == std::string::npos);
  CHECK(a.body_key.find("first ") != std::string::npos);  // the canonical head, not the English keyword "first"
  CHECK(a.mentions.event_types.count("undersøgelse_afsluttet") == 1);
  CHECK(a.mentions.attributes.count("afgørelse.akut") == 1);
}

TEST_CASE("diff: names of lets and binders, and lets written out, make no difference", "[diff][canonical]") {
  const std::string a = danish(R"(
regel r1 "R1"
  lad d = første afgørelse a hvor ikke a.akut
  kræv findes undersøgelse_afsluttet u hvor dato(u) <= dato(d)
regel r2 "R2"
  for hver afgørelse a
  lad tidligere = sidste afgørelse p hvor dato(p) < dato(a)
  kræv findes opmærksom o hvor dato(o) <= dato(a) og (tidligere mangler eller dato(o) > dato(tidligere))
)");
  const std::string b = danish(R"(
regel r1 "R1"
  kræv findes undersøgelse_afsluttet x hvor dato(x) <= dato(første afgørelse y hvor ikke y.akut)
regel r2 "R2"
  for hver afgørelse beslutning
  lad ubrugt = første opmærksom
  kræv findes opmærksom m hvor dato(m) <= dato(beslutning)
       og ((sidste afgørelse q hvor dato(q) < dato(beslutning)) mangler
           eller dato(m) > dato(sidste afgørelse q hvor dato(q) < dato(beslutning)))
)");
  TextDiff t(a, b);
  INFO((t.diff.rules.size() > 1 && !t.diff.rules[1].changes.empty() ? t.diff.rules[1].changes[0].text : ""));
  CHECK_FALSE(t.diff.has_changes());
}

TEST_CASE("diff: a binder that refers to another event is a change", "[diff][canonical]") {
  // Same shape and names, but `dato(a)` inside the filter now means the
  // binder of the inner `findes`, not the `for hver` occurrence.
  const std::string a = danish(R"(
regel r "R"
  for hver afgørelse a
  kræv findes opmærksom o hvor findes afgørelse b hvor dato(b) < dato(a)
)");
  const std::string b = danish(R"(
regel r "R"
  for hver afgørelse a
  kræv findes opmærksom o hvor findes afgørelse b hvor dato(b) < dato(b)
)");
  TextDiff t(a, b);
  CHECK(t.diff.has_changes());
  CHECK(only_rule(t.diff).status == RuleStatus::Changed);
}

TEST_CASE("diff: durations are compared as amounts (12 months = 1 year)", "[diff][canonical]") {
  const std::string rule = R"(
regel r "R"
  lad start = første opmærksom
  kræv første undersøgelse_afsluttet senest dato(start) + )";
  TextDiff same(danish(rule + "12 måneder\n"), danish(rule + "1 år\n"));
  CHECK_FALSE(same.diff.has_changes());
  TextDiff longer(danish(rule + "12 måneder\n"), danish(rule + "2 år\n"));
  const auto& r = only_rule(longer.diff);
  REQUIRE(r.changes.size() == 1);
  CHECK(r.changes[0].kind == "deadline");
  CHECK(r.changes[0].text == "fristen ændret fra 1 år til 2 år");
}

TEST_CASE("diff: a changed end event is described by what it is", "[diff][describe]") {
  const std::string head = R"(
regel r "R"
  lad start = første opmærksom
  lad slut = )";
  const std::string tail = "\n  kræv slut senest dato(start) + 4 måneder\n";
  TextDiff t(danish(head + "første undersøgelse_afsluttet s hvor dato(s) >= dato(start)" + tail),
             danish(head + "tidligste(dato(sidste undersøgelse_afsluttet), dato(første partshøringsmøde p hvor dato(p) >= dato(start)))" + tail));
  const auto& r = only_rule(t.diff);
  REQUIRE(r.changes.size() == 1);
  CHECK(r.changes[0].kind == "end_event");
  CHECK(r.changes[0].text ==
        "slutbegivenhed: første undersøgelse_afsluttet → tidligste af (sidste undersøgelse_afsluttet, partshøringsmøde)");
}

TEST_CASE("diff: the same rule under a new id is a rename, a changed one under a new id is added and removed", "[diff][rules]") {
  const std::string body = "\n  kræv findes afgørelse a hvor ikke a.akut\n";
  TextDiff renamed(danish("regel gammel \"R\"" + body), danish("regel ny \"R\"" + body));
  const auto& r = only_rule(renamed.diff);
  CHECK(r.renamed);
  CHECK(r.old_id == "gammel");
  CHECK(r.new_id == "ny");
  CHECK(r.status == RuleStatus::Unchanged);
  CHECK(renamed.diff.has_changes());

  TextDiff other(danish("regel gammel \"R\"" + body), danish("regel ny \"R\"\n  kræv findes afgørelse a hvor a.akut\n"));
  CHECK(other.diff.count(RuleStatus::Added) == 1);
  CHECK(other.diff.count(RuleStatus::Removed) == 1);
  CHECK(other.diff.renamed_count() == 0);
}

TEST_CASE("diff: the 2023 amendment changes one rule, its end event", "[diff][amendment]") {
  auto old_side = compile_path(FRIST_SOURCE_ROOT "/rulesets/serviceloven.frist");
  auto new_side = compile_path(FRIST_SOURCE_ROOT "/rulesets/serviceloven_ast2023.frist");
  const auto d = compiler::diff::compare_programs(*old_side->compilation.checked, *new_side->compilation.checked);
  std::vector<std::string> header;
  for (const auto& c : d.ruleset) header.push_back(c.kind);
  CHECK(header == std::vector<std::string>{"id", "title", "version"});
  CHECK(d.calendar.empty());
  CHECK(d.vocabulary.empty());
  CHECK(d.count(RuleStatus::Changed) == 1);
  CHECK(d.count(RuleStatus::Unchanged) == 11);
  CHECK(d.renamed_count() == 0);
  CHECK(d.moved_count() == 0);
  for (const auto& r : d.rules) {
    if (r.status != RuleStatus::Changed) continue;
    CHECK(r.new_id == "fire_måneders_frist");
    REQUIRE(r.changes.size() == 1);
    CHECK(r.changes[0].kind == "end_event");
    CHECK(r.changes[0].old_text == "første undersøgelse_afsluttet");
    CHECK(r.changes[0].new_text == "seneste af (undersøgelse_afsluttet, partshøringsmøde)");
    REQUIRE(r.metadata.size() == 1);
    CHECK(r.metadata[0].kind == "note");
  }
}

TEST_CASE("diff: every shipped ruleset equals itself", "[diff][amendment]") {
  for (const char* name : {"serviceloven", "serviceloven_ast2023", "barnets_lov"}) {
    const std::string path = std::string(FRIST_SOURCE_ROOT "/rulesets/") + name + ".frist";
    auto a = compile_path(path);
    auto b = compile_path(path);
    const auto d = compiler::diff::compare_programs(*a->compilation.checked, *b->compilation.checked);
    INFO(name);
    CHECK_FALSE(d.has_changes());
  }
}

TEST_CASE("diff: the domain renderer keeps precedence and cuts long texts", "[diff][describe]") {
  TextDiff t(danish("regel r \"R\"\n  kræv (findes opmærksom eller findes afgørelse) og ikke findes partshøringsmøde\n"),
             danish("regel r \"R\"\n  kræv findes opmærksom eller (findes afgørelse og ikke findes partshøringsmøde)\n"));
  const auto& r = only_rule(t.diff);
  REQUIRE(r.changes.size() == 1);
  CHECK(r.changes[0].old_text == "(findes opmærksom eller findes afgørelse) og ikke findes partshøringsmøde");
  CHECK(r.changes[0].new_text == "findes opmærksom eller findes afgørelse og ikke findes partshøringsmøde");
  CHECK(compiler::diff::clip("abcdef", 3) == "abc…");
  CHECK(compiler::diff::clip("æøå", 3) == "æøå");
}
