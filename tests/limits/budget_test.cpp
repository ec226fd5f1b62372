// Limits of evaluation (docs/robustness.md): the VM's per-case step budget
// (vm::kDefaultStepBudget) against hostile bytecode that verifies but loops
// forever by re-initialising its own iterator — the one kind of loop the
// verifier cannot bound. A rule must end `undetermined` with the budget as
// its reason, also through `frist run`; a holiday function that loops must
// make linking fail with a clear error after one budget, not one per year.
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "runtime/eval/bundle.hpp"
#include "runtime/eval/reasons.hpp"
#include "runtime/io/case_builder.hpp"
#include "runtime/time/civil.hpp"
#include "tests/unit/bytecode/bytecode_fixtures.hpp"
#include "tests/unit/io/test_vocabulary.hpp"

using namespace frist;
using namespace frist::bytecode;
using namespace frist::bytecode::testing;

namespace {

// A rule whose loop never ends: each pass re-initialises the iterator it
// advances, so ITER_NEXT never runs out while the case has an event.
CompiledRuleset endless_rule() {
  Asm a;
  const Label loop = a.label();
  const Label done = a.label();
  a.op(Op::V_BEGIN).op(Op::ITER_TYPE, {0, kAnyEventType, 0});
  a.bind(loop).op(Op::ITER_NEXT, {0, 1, done});
  a.op(Op::ITER_TYPE, {0, kAnyEventType, 0}).op(Op::LOOP, {loop});
  a.bind(done).op(Op::TRUE).op(Op::V_REQUIRE).op(Op::V_RESULT);
  return with_function(a, {Kind::Iterator, Kind::Event}, 1, /*as_rule=*/true);
}

// A calendar whose one holiday loops over periods the same way.
CompiledRuleset endless_calendar() {
  Asm r;
  r.op(Op::V_BEGIN).op(Op::TRUE).op(Op::V_REQUIRE).op(Op::V_RESULT);
  CompiledRuleset rs = with_function(r, {}, 1, /*as_rule=*/true);
  Constant until;
  until.kind = ConstKind::Date;
  until.days = time::days_from_civil(2100, 1, 1);
  rs.constants.push_back(until);
  const auto k_until = static_cast<std::int64_t>(rs.constants.size() - 1);
  Asm h;
  const Label loop = h.label();
  const Label done = h.label();
  h.op(Op::CONST, {kFourMonths}).op(Op::CONST, {kDate2023}).op(Op::CONST, {k_until}).op(Op::PERIOD_ITER, {1});
  h.bind(loop).op(Op::PERIOD_NEXT, {1, 2, done});
  h.op(Op::CONST, {kFourMonths}).op(Op::CONST, {kDate2023}).op(Op::CONST, {k_until}).op(Op::PERIOD_ITER, {1});
  h.op(Op::LOOP, {loop});
  h.bind(done).op(Op::CONST, {kDate2023}).op(Op::RETURN);
  Calendar cal;
  cal.name = intern(rs, "Endeløs");
  Holiday holiday;
  holiday.name = intern(rs, "aldrig");
  holiday.function = add_function(rs, h, {Kind::Int, Kind::Iterator, Kind::Period}, 1, 3);
  cal.holidays.push_back(holiday);
  rs.calendar = cal;
  return rs;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string run_command(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  REQUIRE(p != nullptr);
  char buffer[4096];
  while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, p)) out.append(buffer, n);
  ::pclose(p);
  return out;
}

}  // namespace

TEST_CASE("limits: a rule that re-initialises its iterator ends undetermined by the step budget", "[limits][budget]") {
  const CompiledRuleset hostile = endless_rule();
  REQUIRE(verify_message(hostile).empty());  // the verifier cannot see the loop is endless
  const time::Zone& zone = io::testing::zone();
  auto bundle = eval::Bundle::create({std::make_shared<const CompiledRuleset>(hostile)}, {"hostile.fristc"}, zone);
  REQUIRE(bundle);

  model::CaseTimeline timeline;
  io::CaseBuilder builder((*bundle)->vocabulary(), zone, io::ReadLimits{}, io::InputStyle::Jsonl);
  io::ReadStats stats;
  builder.begin_case(1, timeline, stats);
  builder.case_id("LOOP-1");
  builder.begin_event();
  builder.event_type("afgørelse");
  builder.event_at("2024-03-01");
  builder.end_event();
  io::Rejection rejection;
  REQUIRE(builder.finish(rejection) == io::DecodeStatus::Case);

  const auto start = std::chrono::steady_clock::now();
  eval::Evaluator evaluator(**bundle);
  REQUIRE(evaluator.cover(timeline, time::days_from_civil(2024, 12, 31)).members.size() == 1);
  std::vector<vm::RuleResult> results;
  evaluator.evaluate(0, results);
  INFO("evaluation took " << seconds_since(start) << " s");
  CHECK(seconds_since(start) < 120);
  REQUIRE(results.size() == 1);
  const vm::Outcome& o = results[0].outcome;
  CHECK(o.verdict == vm::Verdict::Undetermined);
  CHECK(o.reason.kind == vm::ReasonKind::Unknown);
  CHECK(o.reason.value.small == static_cast<std::uint8_t>(vm::UnknownReason::StepBudget));
  CHECK(evaluator.machine(0).budget_exhausted());

  // The same through `frist run`, which must finish and say why.
  const char* frist = std::getenv("FRIST_BIN");
  if (frist == nullptr) return;  // run outside ctest
  io::testing::TempFile file(".fristc");
  {
    const std::vector<std::uint8_t> bytes = write_file(hostile);
    std::ofstream out(file.path(), std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  }
  io::testing::TempFile cases(".jsonl", "{\"case\":\"LOOP-1\",\"events\":[{\"type\":\"afgørelse\",\"at\":\"2024-03-01\"}]}\n");
  const std::string out = run_command(std::string(frist) + " run " + file.path() + " --cases " + cases.path() +
                                      " --as-of 2024-12-31 --threads 1 2>/dev/null");
  CHECK_THAT(out, Catch::Contains("\"case\":\"LOOP-1\",\"ruleset\":\"serviceloven\""));
  CHECK_THAT(out, Catch::Contains("\"verdict\":\"undetermined\",\"reason\":\"beregningen blev afbrudt: for mange trin\""));
}

TEST_CASE("limits: a holiday function that never ends makes linking fail after one step budget", "[limits][budget]") {
  const CompiledRuleset hostile = endless_calendar();
  REQUIRE(verify_message(hostile).empty());
  const auto start = std::chrono::steady_clock::now();
  auto bundle = eval::Bundle::create({std::make_shared<const CompiledRuleset>(hostile)}, {"hostile.fristc"},
                                     io::testing::zone());
  INFO("linking took " << seconds_since(start) << " s");
  CHECK(seconds_since(start) < 120);
  REQUIRE_FALSE(bundle);
  CHECK_THAT(bundle.error().message, Catch::Contains("calendar 'Endeløs': computing the holidays took more than"));
  CHECK_THAT(bundle.error().message, Catch::Contains("steps (the step budget)"));
}
