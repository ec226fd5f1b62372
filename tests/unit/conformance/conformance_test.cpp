// The public conformance suite (../shared/conformance): every shipped ruleset
// over cases.jsonl gives exactly the records of expected.jsonl; the bundle of
// serviceloven_ast2023 + barnets_lov gives each case the law in force;
// bad.jsonl gives exactly the rejections of bad-expected.jsonl while its good
// cases are still evaluated; and the same cases as CSV (and, where every
// timestamp is a date-time, as XES) give the same verdicts.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <fstream>
#include <map>
#include <sstream>

#include "compiler/compile.hpp"
#include "runtime/eval/driver.hpp"
#include "runtime/io/case_source.hpp"

namespace {

using namespace frist;

const std::string kShared = FRIST_SHARED_ROOT "/conformance/";
const std::string kRoot = FRIST_SOURCE_ROOT "/";

struct Record {
  std::string case_id, ruleset, rule, verdict;
  bool exempt = false;
  bool operator<(const Record& o) const {
    return std::tie(case_id, ruleset, rule, verdict, exempt) < std::tie(o.case_id, o.ruleset, o.rule, o.verdict, o.exempt);
  }
  bool operator==(const Record& o) const {
    return std::tie(case_id, ruleset, rule, verdict, exempt) == std::tie(o.case_id, o.ruleset, o.rule, o.verdict, o.exempt);
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Collected {
  std::vector<Record> records;  // in output order
  std::map<std::uint64_t, eval::CaseResult> by_line;
  eval::DriveSummary summary;
};

class Processor : public eval::CaseProcessor {
 public:
  explicit Processor(const eval::Bundle& b) : bundle_(b) {}
  void evaluated(const model::CaseTimeline& tl, eval::Evaluator& ev, const eval::Coverage& cov, eval::CaseResult& out) override {
    (void)tl;
    for (std::uint32_t m : cov.members) {
      ev.evaluate(m, results_);
      for (std::uint16_t r = 0; r < results_.size(); ++r) {
        eval::CompactVerdict v;
        v.member = static_cast<std::uint16_t>(m);
        v.rule = r;
        v.verdict = results_[r].outcome.verdict;
        v.exempt = results_[r].outcome.exempt && v.verdict == vm::Verdict::Compliant;
        out.verdicts.push_back(v);
      }
    }
  }
  void format_rejected(eval::CaseResult&) override {}
  void format_uncovered(eval::CaseResult&) override {}

 private:
  const eval::Bundle& bundle_;
  std::vector<vm::RuleResult> results_;
};

class Consumer : public eval::CaseConsumer {
 public:
  Consumer(const eval::Bundle& b, Collected& c) : bundle_(b), c_(c) {}
  void consume(const eval::CaseResult& r) override {
    c_.by_line[r.line] = r;
    for (const auto& v : r.verdicts) {
      const auto& m = bundle_.members()[v.member];
      const auto& rs = *m.compiled;
      c_.records.push_back({r.case_id, m.id, rs.strings[rs.rules[v.rule].id], vm::verdict_name(v.verdict), v.exempt});
    }
  }

 private:
  const eval::Bundle& bundle_;
  Collected& c_;
};

struct Fixture {
  std::unique_ptr<time::Zone> zone;
  Fixture() {
    auto z = time::Zone::load();
    REQUIRE(z);
    zone = std::make_unique<time::Zone>(std::move(*z));
  }

  std::unique_ptr<eval::Bundle> bundle(const std::vector<std::string>& names) {
    std::vector<std::shared_ptr<const bytecode::CompiledRuleset>> rulesets;
    std::vector<std::string> sources;
    compiler::CompileOptions options;
    options.home = FRIST_SOURCE_ROOT;
    for (const std::string& n : names) {
      compiler::DiagnosticSink sink;
      auto c = compiler::compile_file(kRoot + "rulesets/" + n + ".frist", options, *zone, sink);
      INFO(n);
      REQUIRE(c.ruleset);
      rulesets.push_back(c.ruleset);
      sources.push_back(n);
    }
    auto b = eval::Bundle::create(rulesets, sources, *zone);
    REQUIRE(b);
    return std::move(*b);
  }

  Collected run(const eval::Bundle& b, const std::string& path, io::InputFormat format, unsigned threads = 2) {
    io::OpenOptions open;
    open.path = path;
    open.format = format;
    auto input = io::open_input(open, b.vocabulary(), *zone);
    REQUIRE(input);
    Collected c;
    Consumer consumer(b, c);
    eval::DriveOptions o;
    o.threads = threads;
    o.batch_size = 7;  // several batches even for small files
    o.as_of = *time::parse_date("2024-12-31");
    auto s = eval::drive(*input, b, o, [&] { return std::make_unique<Processor>(b); }, consumer);
    REQUIRE(s);
    c.summary = *s;
    return c;
  }
};

std::vector<Record> expected_for(const std::vector<std::string>& rulesets) {
  std::vector<Record> out;
  simdjson::dom::parser parser;
  std::istringstream lines(slurp(kShared + "expected.jsonl"));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    auto doc = parser.parse(line);
    Record r;
    r.case_id = std::string(std::string_view(doc["case"]));
    r.ruleset = std::string(std::string_view(doc["ruleset"]));
    r.rule = std::string(std::string_view(doc["rule"]));
    r.verdict = std::string(std::string_view(doc["verdict"]));
    bool exempt = false;
    if (doc["exempt"].get(exempt) == simdjson::SUCCESS) r.exempt = exempt;
    if (std::find(rulesets.begin(), rulesets.end(), r.ruleset) != rulesets.end()) out.push_back(r);
  }
  return out;
}

}  // namespace

TEST_CASE("conformance: each shipped ruleset gives exactly expected.jsonl", "[conformance]") {
  Fixture f;
  for (const std::string name : {"serviceloven", "serviceloven_ast2023", "barnets_lov"}) {
    INFO(name);
    auto b = f.bundle({name});
    Collected c = f.run(*b, kShared + "cases.jsonl", io::InputFormat::Jsonl);
    const std::vector<Record> want = expected_for({name});
    CHECK(c.records.size() == want.size());
    // Same records in the same order (input order of cases, then rule order).
    for (std::size_t i = 0; i < std::min(want.size(), c.records.size()); ++i) {
      INFO(want[i].case_id << " " << want[i].rule);
      CHECK(c.records[i] == want[i]);
    }
    CHECK(c.summary.read == 75);
    CHECK(c.summary.read == c.summary.evaluated + c.summary.rejected + c.summary.uncovered);
    CHECK(c.summary.uncovered == (name == std::string("barnets_lov") ? 44u : 31u));
  }
}

TEST_CASE("conformance: the bundle evaluates each case by the law in force", "[conformance]") {
  Fixture f;
  auto b = f.bundle({"serviceloven_ast2023", "barnets_lov"});
  Collected c = f.run(*b, kShared + "cases.jsonl", io::InputFormat::Jsonl);
  std::vector<Record> want = expected_for({"serviceloven_ast2023", "barnets_lov"});
  std::vector<Record> got = c.records;
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  CHECK(got == want);
  CHECK(c.summary.evaluated == 75);
  CHECK(c.summary.uncovered == 0);
}

TEST_CASE("conformance: bad.jsonl gives exactly the rejections of bad-expected.jsonl", "[conformance]") {
  Fixture f;
  auto b = f.bundle({"serviceloven"});
  for (unsigned threads : {1u, 2u}) {
    Collected c = f.run(*b, kShared + "bad.jsonl", io::InputFormat::Jsonl, threads);
    simdjson::dom::parser parser;
    std::istringstream lines(slurp(kShared + "bad-expected.jsonl"));
    std::string line;
    std::size_t checked = 0;
    while (std::getline(lines, line)) {
      auto doc = parser.parse(line);
      const std::uint64_t n = std::uint64_t(doc["line"]);
      const std::string expect{std::string_view(doc["expect"])};
      INFO("line " << n);
      REQUIRE(c.by_line.count(n) == 1);
      const eval::CaseResult& r = c.by_line[n];
      std::string_view id;
      const bool has_id = doc["case"].get(id) == simdjson::SUCCESS;
      if (expect == "rejected") {
        CHECK(r.status == eval::CaseStatus::Rejected);
        CHECK(r.has_case_id == has_id);
        if (has_id) CHECK(r.case_id == id);
        CHECK_FALSE(r.reason.empty());
      } else {
        CHECK(r.status == eval::CaseStatus::Evaluated);
        simdjson::dom::object verdicts = doc["verdicts"];
        std::size_t i = 0;
        for (auto [rule, verdict] : verdicts) {
          const auto& rs = *b->members()[0].compiled;
          REQUIRE(i < r.verdicts.size());
          CHECK(rs.strings[rs.rules[r.verdicts[i].rule].id] == rule);
          CHECK(std::string(vm::verdict_name(r.verdicts[i].verdict)) == std::string_view(verdict));
          ++i;
        }
      }
      ++checked;
    }
    CHECK(checked == 24);
    CHECK(c.summary.read == 24);
    CHECK(c.summary.evaluated == 4);
    CHECK(c.summary.rejected == 20);
  }
}
