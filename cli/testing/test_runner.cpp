// The in-language test runner behind `frist test`.
#include "cli/testing/test_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <deque>
#include <filesystem>

#include "cli/common.hpp"
#include "cli/testing/possible_verdicts.hpp"
#include "compiler/compile.hpp"
#include "compiler/lower.hpp"
#include "runtime/eval/bundle.hpp"
#include "runtime/eval/reasons.hpp"
#include "runtime/io/case_builder.hpp"

namespace frist::cli {
namespace fs = std::filesystem;
using compiler::Expr;
using compiler::ExprKind;
using compiler::TestDecl;
using compiler::TestValue;
using compiler::VerdictName;

namespace {

const char* verdict_word(VerdictName v, bool da) {
  switch (v) {
    case VerdictName::Compliant: return da ? "overholdt" : "compliant";
    case VerdictName::Violated: return da ? "ikke overholdt" : "violated";
    case VerdictName::Pending: return da ? "afventer" : "pending";
    case VerdictName::NotApplicable: return da ? "ikke relevant" : "not applicable";
    case VerdictName::Undetermined: return da ? "kan ikke vurderes" : "undetermined";
    case VerdictName::Uncovered: return da ? "ikke dækket" : "uncovered";
  }
  return "?";
}

const char* verdict_word(vm::Verdict v, bool da) {
  return da ? vm::verdict_label_da(v) : vm::verdict_name(v);
}

VerdictName to_name(vm::Verdict v) {
  switch (v) {
    case vm::Verdict::Compliant: return VerdictName::Compliant;
    case vm::Verdict::Violated: return VerdictName::Violated;
    case vm::Verdict::Pending: return VerdictName::Pending;
    case vm::Verdict::NotApplicable: return VerdictName::NotApplicable;
    case vm::Verdict::Undetermined: return VerdictName::Undetermined;
  }
  return VerdictName::Undetermined;
}

// ISO 8601 text of a duration literal written in a test case.
std::string iso_duration(const model::Duration& d) {
  switch (d.kind) {
    case model::Duration::Kind::Calendar: {
      std::string s = "P";
      if (d.months != 0) s += fmt::format("{}M", d.months);
      if (d.days != 0 || d.months == 0) s += fmt::format("{}D", d.days);
      return s;
    }
    case model::Duration::Kind::Clock: return fmt::format("PT{}S", d.micros / 1'000'000);
    case model::Duration::Kind::Workdays: return {};
  }
  return {};
}

io::InputValue input_value(const TestValue& v, std::string& scratch) {
  switch (v.kind) {
    case TestValue::Kind::Text: return io::InputValue::of_string(v.text);
    case TestValue::Kind::Number:
      if (v.text.find('.') != std::string::npos) return io::InputValue::of_float(std::strtod(v.text.c_str(), nullptr));
      return io::InputValue::of_int(std::strtoll(v.text.c_str(), nullptr, 10));
    case TestValue::Kind::Bool: return io::InputValue::of_bool(v.bool_value);
    case TestValue::Kind::Date:
    case TestValue::Kind::DateTime: return io::InputValue::of_string(v.text);
    case TestValue::Kind::Duration:
      scratch = iso_duration(v.duration);
      return io::InputValue::of_string(scratch);
  }
  return io::InputValue::null();
}

// The latest date of the test case's events (the default as-of date).
std::optional<time::Days> latest_date(const TestDecl& t) {
  std::optional<time::Days> best;
  for (const auto& e : t.events) {
    if (auto d = time::parse_date(e.at.substr(0, 10))) best = best ? std::max(*best, *d) : *d;
  }
  return best;
}

std::string describe_timeline(const model::CaseTimeline& tl, const model::Vocabulary& v, const time::Zone& zone,
                              time::Days as_of) {
  std::string out;
  for (const model::Event& e : tl.events) {
    const std::string when = e.at.is_date() ? time::format_date(e.at.date) : time::format_timestamp(e.at, zone);
    out += fmt::format("      {}  {}{}{}\n", when, v.event_types()[e.type].name,
                       e.id_length >= 0 ? " id " : "", e.id_length >= 0 ? std::string(tl.event_id(e)) : std::string(),
                       e.at.date > as_of ? "" : "");
    if (e.at.date > as_of) out.insert(out.size() - 1, "  (after the as-of date: ignored)");
  }
  return out;
}

class FileRunner {
 public:
  FileRunner(const std::string& path, const compiler::CompileOptions& options) : path_(path), options_(options) {}

  FileTestReport run() {
    report_.file = path_;
    auto zone = time::Zone::load();
    if (!zone) {
      report_.compiled = false;
      return std::move(report_);
    }
    zone_ = std::make_unique<time::Zone>(std::move(*zone));
    compiler::DiagnosticSink sink;
    compilation_ = compiler::compile_file(path_, options_, *zone_, sink);
    if (!compilation_.ruleset) {
      sink.sort_by_location();
      print_diagnostics(sink);
      report_.compiled = false;
      return std::move(report_);
    }
    const compiler::Module& root = *compilation_.program->root;
    danish_ = root.lang == grammar::Lang::Da;
    report_.danish = danish_;
    for (const compiler::CheckedRule& r : compilation_.checked->rules) {
      if (r.module != &root) continue;
      report_.rule_ids.push_back(r.id);
      report_.rule_possible.push_back(possible_verdicts(r, compilation_.checked->vocabulary));
    }
    if (root.tests.empty()) return std::move(report_);

    // Expression tests: lowered into a scratch copy of the compiled file.
    scratch_ = std::make_shared<bytecode::CompiledRuleset>(*compilation_.ruleset);
    struct Pending {
      const TestDecl* test;
      const compiler::Expectation* expectation;
      std::uint32_t function;
      bool ok;
    };
    std::vector<Pending> pending;
    for (const TestDecl& t : root.tests) {
      for (const compiler::Expectation& x : t.expectations) {
        if (!x.is_expression) continue;
        compiler::DiagnosticSink tsink;
        tsink.set_language(x.expr->span.file, root.lang);
        Expr copy = std::move(*x.expr->clone());
        std::vector<compiler::SlotInfo> slots;
        const compiler::Type type = compiler::check_standalone(*compilation_.checked, copy, slots, tsink);
        if (!tsink.has_errors() && !type.is(compiler::TypeKind::Bool)) {
          tsink.report(compiler::DiagId::NotCondition, x.expr->span, danish_ ? "en forventning" : "an expectation",
                       compiler::type_name(type, root.lang, &compilation_.checked->vocabulary));
        }
        if (tsink.has_errors()) {
          tsink.sort_by_location();
          print_diagnostics(tsink);
          pending.push_back({&t, &x, 0, false});
          continue;
        }
        const std::uint32_t f = compiler::lower_expression(*scratch_, *compilation_.checked, copy, slots, *zone_, tsink);
        pending.push_back({&t, &x, f, !tsink.has_errors()});
      }
    }
    std::shared_ptr<const vm::LinkedRuleset> linked;
    if (!pending.empty()) {
      auto l = vm::LinkedRuleset::link_alone(scratch_, *zone_);
      if (l) linked = *l;
    }
    std::unique_ptr<vm::Machine> machine;
    if (linked) machine = std::make_unique<vm::Machine>(*linked);
    model::CaseTimeline empty;
    empty.type_start.assign(compilation_.checked->vocabulary.size() + 1, 0);
    std::vector<std::uint32_t> visible(compilation_.checked->vocabulary.size(), 0);

    for (const TestDecl& t : root.tests) {
      const bool expression_test = std::all_of(t.expectations.begin(), t.expectations.end(),
                                               [](const compiler::Expectation& x) { return x.is_expression; });
      if (expression_test) {
        for (const Pending& p : pending) {
          if (p.test != &t) continue;
          TestResult r = base_result(t, p.expectation->span);
          r.expected = danish_ ? "sand" : "true";
          if (!p.ok || !machine) {
            r.error = danish_ ? "forventningen kan ikke oversættes (se fejlene ovenfor)" : "the expectation does not compile (see the errors above)";
          } else {
            vm::CaseContext ctx;
            ctx.timeline = &empty;
            ctx.type_visible = visible.data();
            ctx.as_of = t.as_of.value_or(0);
            machine->begin_case();
            const vm::Value v = machine->call(p.function, ctx, nullptr, 0);
            const Truth truth = v.as_truth();
            r.passed = truth == Truth::True;
            r.actual = truth == Truth::True ? (danish_ ? "sand" : "true") : truth == Truth::False ? (danish_ ? "falsk" : "false")
                                                                                                 : (danish_ ? "ukendt" : "unknown");
          }
          report_.results.push_back(std::move(r));
        }
        continue;
      }
      run_rule_test(t);
    }
    return std::move(report_);
  }

 private:
  TestResult base_result(const TestDecl& t, const compiler::Span& at) {
    TestResult r;
    r.file = path_;
    const compiler::LineCol lc = at.file ? at.file->line_col(at.begin) : compiler::LineCol{};
    r.line = lc.line;
    r.column = lc.column;
    r.name = t.name;
    r.target = t.target;
    r.danish = danish_;
    return r;
  }

  void run_rule_test(const TestDecl& t) {
    const bytecode::CompiledRuleset& rs = *compilation_.ruleset;
    const std::string ruleset_id = compilation_.program->ruleset_header() ? compilation_.program->ruleset_header()->id : std::string();
    TestResult proto = base_result(t, t.span);
    auto fail_all = [&](const std::string& why) {
      TestResult r = proto;
      r.error = why;
      report_.results.push_back(std::move(r));
    };
    if (t.target.empty()) {
      fail_all(danish_ ? "testen nævner ingen regel (test \"…\" for regel)" : "the test names no rule (test \"…\" for rule)");
      return;
    }
    const bool whole_ruleset = t.target == ruleset_id;
    auto find_rule = [&](const std::string& id) -> int {
      for (std::size_t i = 0; i < rs.rules.size(); ++i)
        if (rs.strings[rs.rules[i].id] == id) return static_cast<int>(i);
      return -1;
    };
    if (!whole_ruleset && find_rule(t.target) < 0) {
      std::string why = danish_ ? fmt::format("'{}' er hverken en regel eller regelsættet", t.target)
                                : fmt::format("'{}' is neither a rule nor the ruleset", t.target);
      if (auto best = compiler::closest_match(t.target, report_.rule_ids); !best.empty())
        why += danish_ ? fmt::format(" (mente du '{}'?)", best) : fmt::format(" (did you mean '{}'?)", best);
      fail_all(why);
      return;
    }
    if (!bundle_) {
      auto b = eval::Bundle::create({compilation_.ruleset}, {path_}, *zone_);
      if (!b) {
        fail_all(b.error().message);
        return;
      }
      bundle_ = std::move(*b);
      evaluator_ = std::make_unique<eval::Evaluator>(*bundle_);
    }
    // Build the case through the CaseBuilder, exactly as a reader would.
    io::ReadLimits limits;
    io::CaseBuilder builder(bundle_->vocabulary(), *zone_, limits, io::InputStyle::Jsonl);
    model::CaseTimeline timeline;
    io::ReadStats stats;
    builder.begin_case(1, timeline, stats);
    builder.case_id(t.name);
    std::deque<std::string> texts;  // converted texts, stable until the case is finished
    auto value_of = [&](const TestValue& v) {
      texts.emplace_back();
      return input_value(v, texts.back());
    };
    for (const TestValue& v : t.case_attributes) builder.case_attribute(v.name, value_of(v));
    for (const compiler::TestEvent& e : t.events) {
      builder.begin_event();
      builder.event_type(e.type);
      builder.event_at(e.at);
      if (e.has_id) builder.event_id(e.id);
      for (const TestValue& v : e.attributes) builder.event_attribute(v.name, value_of(v));
      builder.end_event();
    }
    io::Rejection rejection;
    if (builder.finish(rejection) == io::DecodeStatus::Rejected) {
      fail_all((danish_ ? "testens sag kan ikke læses: " : "the test's case cannot be read: ") + rejection.reason);
      return;
    }
    if (!stats.undeclared_event_types.empty() || !stats.undeclared_attributes.empty()) {
      std::string names;
      for (const auto& [n, c] : stats.undeclared_event_types) names += (names.empty() ? "" : ", ") + n;
      for (const auto& [n, c] : stats.undeclared_attributes) names += (names.empty() ? "" : ", ") + n;
      fail_all((danish_ ? "testens sag bruger noget, ordforrådet ikke kender: " : "the test's case uses names the vocabulary does not declare: ") + names);
      return;
    }
    const time::Days as_of = t.as_of ? *t.as_of : latest_date(t).value_or(0);
    const eval::Coverage& coverage = evaluator_->cover(timeline, as_of);
    std::vector<vm::RuleResult> results;
    const bool covered = !coverage.members.empty();
    if (covered) evaluator_->evaluate(0, results);
    const std::string timeline_text = describe_timeline(timeline, bundle_->vocabulary(), *zone_, as_of);
    eval::ReasonContext rctx{&rs, &bundle_->vocabulary(), &timeline, zone_.get(), danish_};

    for (const compiler::Expectation& x : t.expectations) {
      if (x.is_expression) continue;
      TestResult r = base_result(t, x.span);
      r.timeline = timeline_text;
      const std::string rule_id = x.rule.empty() ? t.target : x.rule;
      r.target = rule_id;
      r.expected = verdict_word(x.verdict, danish_);
      if (x.exempt) r.expected += danish_ ? " (undtaget)" : " (exempt)";
      if (x.reason) r.expected += fmt::format(" — \"{}\"", *x.reason);
      if (!covered) {
        r.actual = verdict_word(VerdictName::Uncovered, danish_);
        r.actual_reason = coverage.uncovered_reason;
        r.passed = x.verdict == VerdictName::Uncovered && !x.exempt && (!x.reason || *x.reason == r.actual_reason);
        report_.results.push_back(std::move(r));
        continue;
      }
      const int idx = find_rule(rule_id);
      if (idx < 0 || (whole_ruleset && x.rule.empty())) {
        r.error = danish_ ? fmt::format("'{}' er ikke en regel i regelsættet", rule_id) : fmt::format("'{}' is not a rule of the ruleset", rule_id);
        report_.results.push_back(std::move(r));
        continue;
      }
      const vm::Outcome& o = results[static_cast<std::size_t>(idx)].outcome;
      const std::string reason = eval::reason_text(o, static_cast<std::uint32_t>(idx), rctx);
      r.actual = verdict_word(o.verdict, danish_);
      if (o.verdict == vm::Verdict::Compliant && o.exempt) r.actual += danish_ ? " (undtaget)" : " (exempt)";
      r.actual_reason = reason;
      const bool exempt = o.verdict == vm::Verdict::Compliant && o.exempt;
      r.passed = to_name(o.verdict) == x.verdict && (exempt == x.exempt || (!x.exempt && x.verdict != VerdictName::Compliant)) &&
                 (!x.reason || *x.reason == reason);
      if (x.verdict == VerdictName::Compliant && x.exempt != exempt) r.passed = false;
      if (r.passed) r.verdicts_seen.emplace_back(rule_id, o.verdict);
      report_.results.push_back(std::move(r));
    }
  }

  std::string path_;
  const compiler::CompileOptions& options_;
  FileTestReport report_;
  std::unique_ptr<time::Zone> zone_;
  compiler::Compilation compilation_;
  std::shared_ptr<bytecode::CompiledRuleset> scratch_;
  std::unique_ptr<eval::Bundle> bundle_;
  std::unique_ptr<eval::Evaluator> evaluator_;
  bool danish_ = true;
};

}  // namespace

FileTestReport run_file_tests(const std::string& path, const compiler::CompileOptions& options) {
  return FileRunner(path, options).run();
}

std::vector<std::string> collect_test_files(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, ec); it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        if (it->is_regular_file() && it->path().extension() == ".frist") out.push_back(it->path().string());
      }
    } else {
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace frist::cli
