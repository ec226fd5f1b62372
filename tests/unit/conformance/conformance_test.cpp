// The public conformance suite (../shared/conformance): every shipped ruleset
// over cases.jsonl gives exactly the records of expected.jsonl; the bundle of
// serviceloven_ast2023 + barnets_lov gives each case the law in force;
// bad.jsonl gives exactly the rejections of bad-expected.jsonl while its good
// cases are still evaluated; and the same cases as CSV (and, where every
// timestamp is a date-time, as XES) give the same verdicts.
#include <catch2/catch.hpp>

#include <simdjson.h>

#include <fmt/format.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "compiler/compile.hpp"
#include "runtime/eval/driver.hpp"
#include "runtime/io/case_source.hpp"
#include "tests/unit/support/files.hpp"

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

using test_support::slurp;

struct Collected {
  std::vector<Record> records;  // in output order
  std::map<std::uint64_t, eval::CaseResult> by_line;
  eval::DriveSummary summary;
};

class Processor : public eval::CaseProcessor {
 public:
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
    auto s = eval::drive(*input, b, o, [&] { return std::make_unique<Processor>(); }, consumer);
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

namespace {

// The conformance cases rewritten in another format by this test itself.
struct Converted {
  std::string csv;        // the cases as they are, rows scattered
  std::string jsonl_at_noon;  // every date-only timestamp made a date-time (noon)
  std::string xes_at_noon;    // the same, as XES (XES timestamps are date-times)
};

std::string csv_cell(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '"') out += "&quot;";
    else out += c;
  }
  return out;
}

// `2022-06-01` → `2022-06-01T12:00`; date-times unchanged.
std::string at_noon(const std::string& at) { return at.size() == 10 ? at + "T12:00" : at; }

Converted convert_cases(const std::string& jsonl) {
  simdjson::dom::parser parser;
  std::vector<std::string> attr_columns, case_columns;
  struct Row {
    std::string case_id, type, at, id;
    std::map<std::string, std::string> attrs;
  };
  std::vector<Row> rows;
  std::map<std::string, std::map<std::string, std::string>> case_attrs;
  Converted out;
  out.xes_at_noon = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<log xes.version=\"1.0\">\n";
  std::istringstream lines(jsonl);
  std::string line;
  auto text_of = [](simdjson::dom::element v) -> std::pair<std::string, std::string> {  // (text, xes type)
    switch (v.type()) {
      case simdjson::dom::element_type::STRING: return {std::string(std::string_view(v)), "string"};
      case simdjson::dom::element_type::BOOL: return {bool(v) ? "true" : "false", "boolean"};
      case simdjson::dom::element_type::INT64: return {std::to_string(std::int64_t(v)), "int"};
      default: return {fmt::format("{}", double(v)), "float"};
    }
  };
  while (std::getline(lines, line)) {
    auto doc = parser.parse(line);
    const std::string id{std::string_view(doc["case"])};
    std::string noon_line = line;
    std::string trace = "  <trace>\n    <string key=\"concept:name\" value=\"" + xml_escape(id) + "\"/>\n";
    simdjson::dom::object attrs;
    if (doc["attrs"].get(attrs) == simdjson::SUCCESS) {
      for (auto [k, v] : attrs) {
        auto [t, xt] = text_of(v);
        case_attrs[id][std::string(k)] = t;
        const std::string key = "case." + std::string(k);
        if (std::find(case_columns.begin(), case_columns.end(), key) == case_columns.end()) case_columns.push_back(key);
        trace += fmt::format("    <{} key=\"{}\" value=\"{}\"/>\n", xt, xml_escape(k), xml_escape(t));
      }
    }
    for (auto ev : simdjson::dom::array(doc["events"])) {
      Row r;
      r.case_id = id;
      r.type = std::string(std::string_view(ev["type"]));
      r.at = std::string(std::string_view(ev["at"]));
      if (r.at.size() == 10) {
        const std::string from = "\"at\": \"" + r.at + "\"", to = "\"at\": \"" + at_noon(r.at) + "\"";
        for (std::size_t pos = noon_line.find(from); pos != std::string::npos; pos = noon_line.find(from, pos + to.size()))
          noon_line.replace(pos, from.size(), to);
      }
      std::string_view eid;
      if (ev["id"].get(eid) == simdjson::SUCCESS) r.id = std::string(eid);
      trace += "    <event>\n      <string key=\"concept:name\" value=\"" + xml_escape(r.type) + "\"/>\n";
      trace += "      <date key=\"time:timestamp\" value=\"" + at_noon(r.at) + "\"/>\n";
      if (!r.id.empty()) trace += "      <string key=\"id\" value=\"" + xml_escape(r.id) + "\"/>\n";
      simdjson::dom::object ea;
      if (ev["attrs"].get(ea) == simdjson::SUCCESS) {
        for (auto [k, v] : ea) {
          auto [t, xt] = text_of(v);
          r.attrs[std::string(k)] = t;
          if (std::find(attr_columns.begin(), attr_columns.end(), std::string(k)) == attr_columns.end()) attr_columns.emplace_back(k);
          trace += fmt::format("      <{} key=\"{}\" value=\"{}\"/>\n", xt, xml_escape(k), xml_escape(t));
        }
      }
      trace += "    </event>\n";
      rows.push_back(std::move(r));
    }
    trace += "  </trace>\n";
    out.xes_at_noon += trace;
    out.jsonl_at_noon += noon_line + "\n";
  }
  out.xes_at_noon += "</log>\n";
  // CSV: rows in reverse order, so a case's rows are scattered.
  out.csv = "case,type,at,id";
  for (const auto& c : attr_columns) out.csv += "," + csv_cell(c);
  for (const auto& c : case_columns) out.csv += "," + csv_cell(c);
  out.csv += "\n";
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    out.csv += csv_cell(it->case_id) + "," + csv_cell(it->type) + "," + it->at + "," + csv_cell(it->id);
    for (const auto& c : attr_columns) out.csv += "," + (it->attrs.count(c) ? csv_cell(it->attrs.at(c)) : "");
    for (const auto& c : case_columns) {
      const auto& ca = case_attrs[it->case_id];
      const std::string k = c.substr(5);
      out.csv += "," + (ca.count(k) ? csv_cell(ca.at(k)) : "");
    }
    out.csv += "\n";
  }
  return out;
}

std::string write_temp(const std::string& name, const std::string& text) {
  const std::string path = "/tmp/frist-conformance-" + std::to_string(::getpid()) + "-" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

}  // namespace

TEST_CASE("conformance: the same cases as CSV and XES give the same verdicts", "[conformance]") {
  Fixture f;
  const Converted conv = convert_cases(slurp(kShared + "cases.jsonl"));
  const std::string csv = write_temp("cases.csv", conv.csv);
  const std::string noon_jsonl = write_temp("noon.jsonl", conv.jsonl_at_noon);
  const std::string xes = write_temp("noon.xes", conv.xes_at_noon);
  for (const std::string name : {"serviceloven", "serviceloven_ast2023", "barnets_lov"}) {
    INFO(name);
    auto b = f.bundle({name});
    const Collected from_jsonl = f.run(*b, kShared + "cases.jsonl", io::InputFormat::Jsonl);
    const Collected from_csv = f.run(*b, csv, io::InputFormat::Csv);
    // CSV emits cases in order of first appearance (here reversed): compare as sets.
    std::vector<Record> a = from_jsonl.records, c = from_csv.records;
    std::sort(a.begin(), a.end());
    std::sort(c.begin(), c.end());
    CHECK(a == c);
    CHECK(from_csv.summary.read == 75);
    CHECK(from_csv.summary.rejected == 0);
    // XES carries date-times only: the cases with every timestamp a date-time
    // give the same verdicts as JSON Lines and as XES.
    const Collected noon = f.run(*b, noon_jsonl, io::InputFormat::Jsonl);
    const Collected from_xes = f.run(*b, xes, io::InputFormat::Xes);
    CHECK(noon.records == from_xes.records);
    CHECK(from_xes.summary.read == 75);
    CHECK(from_xes.summary.rejected == 0);
    CHECK(noon.summary.rejected == 0);
  }
  std::remove(csv.c_str());
  std::remove(noon_jsonl.c_str());
  std::remove(xes.c_str());
}
