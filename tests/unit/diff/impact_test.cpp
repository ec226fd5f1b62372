// frist diff with case data, through the binary (FRIST_BIN): on the
// conformance cases the flipped cases are exactly those whose
// fire_måneders_frist verdict differs between serviceloven and
// serviceloven_ast2023 in expected.jsonl; on 10 000 `frist gen` cases the
// counts reconcile, the flips agree with two `frist run`s, the output does
// not depend on the thread count, and the run is fast.
#include <simdjson.h>
#include <sys/wait.h>

#include <chrono>
#include <map>
#include <set>

#include "diff_support.hpp"

using namespace frist;
using namespace frist::diff_test;

namespace {

const std::string kAmendment = "diff rulesets/serviceloven.frist rulesets/serviceloven_ast2023.frist";

struct RuleFlips {
  std::string old_id, new_id;
  std::uint64_t cases = 0;
  std::vector<std::string> flipped;
};

struct ParsedImpact {
  std::uint64_t read = 0;
  std::uint64_t evaluated[2] = {}, rejected[2] = {}, uncovered[2] = {};
  std::vector<RuleFlips> rules;
};

ParsedImpact parse_impact(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(json);
  simdjson::dom::element im = doc["impact"];
  ParsedImpact out;
  out.read = std::uint64_t(im["read"]);
  const char* sides[2] = {"old", "new"};
  for (int s = 0; s < 2; ++s) {
    out.evaluated[s] = std::uint64_t(im[sides[s]]["evaluated"]);
    out.rejected[s] = std::uint64_t(im[sides[s]]["rejected"]);
    out.uncovered[s] = std::uint64_t(im[sides[s]]["uncovered"]);
  }
  for (simdjson::dom::element r : simdjson::dom::array(im["rules"])) {
    RuleFlips f;
    std::string_view id;
    if (r["old_id"].get(id) == simdjson::SUCCESS) f.old_id = std::string(id);
    if (r["new_id"].get(id) == simdjson::SUCCESS) f.new_id = std::string(id);
    f.cases = std::uint64_t(r["cases"]);
    for (simdjson::dom::element c : simdjson::dom::array(r["flipped"])) f.flipped.emplace_back(std::string_view(c));
    CHECK(std::uint64_t(r["flipped_count"]) == f.flipped.size());
    out.rules.push_back(std::move(f));
  }
  return out;
}

// (case, rule) → verdict ("compliant/exempt" when exempt) from JSON lines
// with "case", "rule", "verdict" and optionally "exempt" and "ruleset".
std::map<std::pair<std::string, std::string>, std::string> verdicts(const std::string& jsonl, const std::string& ruleset) {
  std::map<std::pair<std::string, std::string>, std::string> out;
  simdjson::dom::parser parser;
  std::istringstream lines(jsonl);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    simdjson::dom::element doc = parser.parse(line);
    std::string_view rs, verdict, rule, id;
    if (doc["verdict"].get(verdict) != simdjson::SUCCESS) continue;
    if (!ruleset.empty() && (doc["ruleset"].get(rs) != simdjson::SUCCESS || rs != ruleset)) continue;
    REQUIRE(doc["case"].get(id) == simdjson::SUCCESS);
    REQUIRE(doc["rule"].get(rule) == simdjson::SUCCESS);
    bool exempt = false;
    if (doc["exempt"].get(exempt) != simdjson::SUCCESS) exempt = false;
    out[{std::string(id), std::string(rule)}] = std::string(verdict) + (exempt ? "/exempt" : "");
  }
  return out;
}

// The (rule → case ids) whose verdict differs between two verdict maps,
// for cases evaluated by both.
std::map<std::string, std::set<std::string>> differing(const std::map<std::pair<std::string, std::string>, std::string>& a,
                                                       const std::map<std::pair<std::string, std::string>, std::string>& b) {
  std::map<std::string, std::set<std::string>> out;
  for (const auto& [key, verdict] : a) {
    auto it = b.find(key);
    if (it != b.end() && it->second != verdict) out[key.second].insert(key.first);
  }
  return out;
}

void check_reconciles(const ParsedImpact& p) {
  for (int s = 0; s < 2; ++s) CHECK(p.read == p.evaluated[s] + p.rejected[s] + p.uncovered[s]);
}

}  // namespace

TEST_CASE("diff impact: the conformance cases flip exactly where expected.jsonl differs", "[diff][impact]") {
  if (frist_bin() == nullptr) {
    WARN("FRIST_BIN not set (run through ctest): skipped");
    return;
  }
  ScratchDir dir;
  const std::string out = dir.file("impact.json");
  REQUIRE(run_frist(kAmendment + " --cases ../shared/conformance/cases.jsonl --as-of 2024-12-31 --format json", out) == 0);
  const ParsedImpact p = parse_impact(slurp(out));
  CHECK(p.read == 75);
  check_reconciles(p);
  const std::string expected = slurp(FRIST_SHARED_ROOT "/conformance/expected.jsonl");
  const auto want = differing(verdicts(expected, "serviceloven"), verdicts(expected, "serviceloven_ast2023"));
  REQUIRE(want.size() == 1);
  REQUIRE(want.count("fire_måneders_frist") == 1);
  REQUIRE(p.rules.size() == 12);
  for (const RuleFlips& r : p.rules) {
    INFO(r.new_id);
    CHECK(r.old_id == r.new_id);
    const std::set<std::string> got(r.flipped.begin(), r.flipped.end());
    CHECK(got.size() == r.flipped.size());
    auto it = want.find(r.new_id);
    CHECK(got == (it == want.end() ? std::set<std::string>{} : it->second));
  }
}

TEST_CASE("diff impact: 10 000 generated cases reconcile, agree with frist run and are fast", "[diff][impact][gen]") {
  if (frist_bin() == nullptr) {
    WARN("FRIST_BIN not set (run through ctest): skipped");
    return;
  }
  ScratchDir dir;
  const std::string cases = dir.file("sager.jsonl");
  REQUIRE(run_frist("gen --cases 10000 --seed 7 -o " + cases, dir.file("gen.out")) == 0);
  const std::string as_of = " --as-of 2025-12-31";

  const auto start = std::chrono::steady_clock::now();
  REQUIRE(run_frist(kAmendment + " --cases " + cases + as_of + " --format json", dir.file("diff.json")) == 0);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  WARN("frist diff over 10 000 cases (both versions, default threads): " << seconds << " s");
  CHECK(seconds < 20.0);

  const std::string json = slurp(dir.file("diff.json"));
  const ParsedImpact p = parse_impact(json);
  CHECK(p.read == 10000);
  check_reconciles(p);
  CHECK(p.evaluated[0] == p.evaluated[1]);
  CHECK(p.rejected[0] > 0);  // frist gen writes some malformed cases

  // The same flips as two separate runs.
  REQUIRE(run_frist("run rulesets/serviceloven.frist --no-evidence --cases " + cases + as_of, dir.file("old.jsonl")) == 0);
  REQUIRE(run_frist("run rulesets/serviceloven_ast2023.frist --no-evidence --cases " + cases + as_of, dir.file("new.jsonl")) == 0);
  const auto want = differing(verdicts(slurp(dir.file("old.jsonl")), ""), verdicts(slurp(dir.file("new.jsonl")), ""));
  std::size_t flips = 0;
  for (const RuleFlips& r : p.rules) {
    INFO(r.new_id);
    CHECK(r.cases == p.evaluated[0]);
    const std::set<std::string> got(r.flipped.begin(), r.flipped.end());
    auto it = want.find(r.new_id);
    CHECK(got == (it == want.end() ? std::set<std::string>{} : it->second));
    flips += got.size();
  }
  CHECK(flips > 0);

  // Byte-identical for any thread count.
  REQUIRE(run_frist(kAmendment + " --cases " + cases + as_of + " --format json --threads 1", dir.file("one.json")) == 0);
  REQUIRE(run_frist(kAmendment + " --cases " + cases + as_of + " --format json --threads 3", dir.file("three.json")) == 0);
  CHECK(slurp(dir.file("one.json")) == json);
  CHECK(slurp(dir.file("three.json")) == json);
}

TEST_CASE("diff impact: a retyped attribute reads each case against both vocabularies", "[diff][impact]") {
  if (frist_bin() == nullptr) {
    WARN("FRIST_BIN not set (run through ctest): skipped");
    return;
  }
  ScratchDir dir;
  const std::string golden = "tests/golden/diff/";
  // P-7's alvor is 4.5: the old vocabulary (heltal) rejects the case, the new one (decimaltal) reads it.
  REQUIRE(run_frist("diff " + golden + "_base.frist " + golden + "_attr_retyped.frist --cases " + golden +
                        "_cases.jsonl --as-of 2024-12-31 --format json",
                    dir.file("a.json")) == 0);
  const ParsedImpact p = parse_impact(slurp(dir.file("a.json")));
  check_reconciles(p);
  CHECK(p.rejected[0] == p.rejected[1] + 1);
  CHECK(p.evaluated[1] == p.evaluated[0] + 1);
  for (const RuleFlips& r : p.rules) CHECK(r.flipped == std::vector<std::string>{"P-7"});
}
