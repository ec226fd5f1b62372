// Mergeable partial results: the JSON reports of disjoint parts of a data
// set merge into exactly the JSON report of one run over all of it (same
// bytes), in any order and any split; the report does not depend on the
// thread count; a duplicate case rejected late is never counted; cases
// without the group attribute form the null group; reports of different
// rulesets, as-of dates or groupings refuse to merge.
#include <cstdio>
#include <cstdlib>

#include "report_fixture.hpp"

using namespace frist;
using namespace frist::report_test;

namespace {

const std::string kCases = FRIST_SHARED_ROOT "/conformance/cases.jsonl";

// Splits `lines` at the given cut points, reports each part, merges the
// parsed JSON reports (in `order`) and returns the merged JSON text.
std::string merged_json(ReportFixture& f, const ScratchDir& dir, const std::vector<std::string>& lines,
                        const std::vector<std::size_t>& cuts, bool reverse = false) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  for (std::size_t i = 0; i <= cuts.size(); ++i) {
    const std::size_t to = i < cuts.size() ? cuts[i] : lines.size();
    const std::string path = dir.write("part" + std::to_string(i) + ".jsonl", join(lines, from, to));
    parts.push_back(report::write_json(f.run(path)));
    from = to;
  }
  if (reverse) std::reverse(parts.begin(), parts.end());
  auto merged = report::read_json(parts.front(), "part");
  REQUIRE(merged);
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto r = report::read_json(parts[i], "part");
    REQUIRE(r);
    auto ok = report::merge(*merged, *r);
    INFO((ok ? std::string() : ok.error().message));
    REQUIRE(ok);
  }
  return report::write_json(*merged);
}

}  // namespace

TEST_CASE("report merge: two halves of the conformance cases give the whole report", "[report][merge]") {
  ReportFixture f({"serviceloven_ast2023", "barnets_lov"});
  ScratchDir dir;
  const std::vector<std::string> lines = lines_of(slurp(kCases));
  REQUIRE(lines.size() == 75);
  const std::string whole = report::write_json(f.run(kCases));
  CHECK(merged_json(f, dir, lines, {lines.size() / 2}) == whole);
  CHECK(merged_json(f, dir, lines, {lines.size() / 2}, true) == whole);
  // Uneven and three-way splits, one part a single case.
  CHECK(merged_json(f, dir, lines, {1}) == whole);
  CHECK(merged_json(f, dir, lines, {10, 60}, true) == whole);
  // Parsing and writing again is the identity.
  auto back = report::read_json(whole, "whole");
  REQUIRE(back);
  CHECK(report::write_json(*back) == whole);
}

TEST_CASE("report merge: a larger frist gen data set split in two", "[report][merge]") {
  const char* bin = std::getenv("FRIST_BIN");
  if (bin == nullptr) {
    WARN("FRIST_BIN not set (run through ctest): the frist gen part is skipped");
    return;
  }
  ScratchDir dir;
  const std::string data = (dir.path / "gen.jsonl").string();
  const std::string command = std::string(bin) + " gen --cases 4000 --seed 11 -o " + data + " 2>/dev/null";
  if (std::system(command.c_str()) != 0) {
    WARN("frist gen is not available: the larger data set is skipped");
    return;
  }
  ReportFixture f({"serviceloven_ast2023", "barnets_lov"});
  const std::vector<std::string> lines = lines_of(slurp(data));
  const report::Report whole_report = f.run(data);
  CHECK(whole_report.groups.size() > 10);
  CHECK(whole_report.cases.read == whole_report.cases.evaluated + whole_report.cases.rejected + whole_report.cases.uncovered);
  const std::string whole = report::write_json(whole_report);
  CHECK(merged_json(f, dir, lines, {lines.size() / 2}) == whole);
  CHECK(merged_json(f, dir, lines, {777, 2500}, true) == whole);
  // The same for any number of threads.
  CHECK(report::write_json(f.run(data, "kommune", 1)) == whole);
  CHECK(report::write_json(f.run(data, "kommune", 4)) == whole);
}

TEST_CASE("report: duplicates, the null group and the counts", "[report]") {
  ReportFixture f({"serviceloven_ast2023", "barnets_lov"});
  ScratchDir dir;
  const std::vector<std::string> lines = lines_of(slurp(kCases));
  // The first case, again (a duplicate: rejected late, never counted), and a
  // case without kommune.
  std::string text = join(lines, 0, 3) + lines[0] + "\n";
  std::string anonymous = lines[1];
  const auto at = anonymous.find("\"attrs\": {\"kommune\": \"Tønder\"}");
  REQUIRE(at != std::string::npos);
  anonymous.replace(at, std::string("\"attrs\": {\"kommune\": \"Tønder\"}").size(), "\"attrs\": {}");
  anonymous.replace(anonymous.find("C-bfu_udarbejdet-2"), std::string("C-bfu_udarbejdet-2").size(), "X-no-kommune");
  text += anonymous + "\n";
  const report::Report r = f.run(dir.write("cases.jsonl", text));
  CHECK(r.cases.read == 5);
  CHECK(r.cases.evaluated == 4);
  CHECK(r.cases.rejected == 1);
  CHECK(r.total.cases == 4);
  REQUIRE(r.groups.size() >= 2);
  CHECK(r.groups.back().value == std::nullopt);  // the null group last
  CHECK(r.groups.back().cases == 1);
  std::uint64_t sum = 0;
  for (const report::Group& g : r.groups) sum += g.cases;
  CHECK(sum == r.total.cases);
  // Per rule, the groups add up to the total, and each rule was assessed on
  // exactly the cases its ruleset covered.
  for (std::size_t i = 0; i < r.rules.size(); ++i) {
    report::RuleCounts added;
    for (const report::Group& g : r.groups) added.add(g.rules[i]);
    CHECK(added == r.total.rules[i]);
  }
  const std::string json = report::write_json(r);
  CHECK(json.find("{\"value\": null, \"cases\": 1,") != std::string::npos);
}

TEST_CASE("report: undetermined reasons are counted by text", "[report]") {
  ReportFixture f({"serviceloven_ast2023", "barnets_lov"});
  const report::Report r = f.run(kCases, "");
  CHECK(r.groups.empty());
  CHECK(r.group_by.empty());
  bool found = false;
  for (std::size_t i = 0; i < r.rules.size(); ++i) {
    const report::RuleCounts& c = r.total.rules[i];
    std::uint64_t reasons = 0;
    for (const auto& [text, n] : c.undetermined_reasons) reasons += n;
    CHECK(reasons == c.count(vm::Verdict::Undetermined));
    if (r.rules[i].id == "fire_måneders_frist") {
      found = true;
      CHECK(c.undetermined_reasons.count("start ikke registreret") == 1);
    }
  }
  CHECK(found);
}

TEST_CASE("report merge: refuses reports that do not belong together", "[report][merge]") {
  ReportFixture f({"serviceloven_ast2023", "barnets_lov"});
  const report::Report base = f.run(kCases);
  {
    report::Report other = f.run(kCases, "kommune", 2, "2023-12-31");
    report::Report into = base;
    auto ok = report::merge(into, other);
    REQUIRE_FALSE(ok);
    CHECK(ok.error().message.find("different dates (2024-12-31 and 2023-12-31)") != std::string::npos);
  }
  {
    report::Report other = f.run(kCases, "");
    report::Report into = base;
    auto ok = report::merge(into, other);
    REQUIRE_FALSE(ok);
    CHECK(ok.error().message.find("grouped differently") != std::string::npos);
  }
  {
    ReportFixture g({"serviceloven"});
    report::Report other = g.run(kCases);
    report::Report into = base;
    auto ok = report::merge(into, other);
    REQUIRE_FALSE(ok);
    CHECK(ok.error().message.find("different rulesets") != std::string::npos);
  }
  {
    report::Report other = base;
    other.rulesets[0].sha256[0] = other.rulesets[0].sha256[0] == '0' ? '1' : '0';  // an edited ruleset
    report::Report into = base;
    CHECK_FALSE(report::merge(into, other));
  }
}

TEST_CASE("report json: malformed reports give clear errors", "[report][json]") {
  ReportFixture f({"barnets_lov"});
  const std::string good = report::write_json(f.run(kCases));
  CHECK(report::read_json(good, "a.json"));
  auto err = [](const std::string& text) {
    auto r = report::read_json(text, "a.json");
    REQUIRE_FALSE(r);
    return r.error().message;
  };
  CHECK(err("not json").find("a.json: not a JSON report") == 0);
  CHECK(err("{}").find("'frist_report' is missing") != std::string::npos);
  std::string bad = good;
  bad.replace(bad.find("\"read\": 75"), 10, "\"read\": 76");
  CHECK(err(bad).find("read ≠ evaluated + rejected + uncovered") != std::string::npos);
  bad = good;
  bad.replace(bad.find("\"frist_report\": 1"), 17, "\"frist_report\": 9");
  CHECK(err(bad).find("'frist_report' must be 1") != std::string::npos);
}
