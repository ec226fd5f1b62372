// Rule coverage in `frist test`: which verdicts a rule's structure can
// produce (possible_verdicts), what passing tests showed, the table and the
// total.
#include <catch2/catch.hpp>

#include "cli/testing/coverage.hpp"
#include "cli/testing/possible_verdicts.hpp"
#include "compiler/compile.hpp"
#include "format_fixture.hpp"

namespace {

using namespace frist;
using vm::Verdict;

std::uint8_t bit(Verdict v) { return static_cast<std::uint8_t>(1u << static_cast<unsigned>(v)); }

// The possible verdicts of the one rule in `body` (after a small vocabulary).
std::uint8_t possible(const std::string& body) {
  format_test::ScratchDir dir;
  const auto path = dir.path / "r.frist";
  std::ofstream(path) << "sprog da\nhændelse start\n  ok: sandhedsværdi = falsk\n  grund: tekst\nhændelse slut\n" << body;
  auto zone = time::Zone::load();
  compiler::DiagnosticSink sink;
  compiler::CompileOptions o;
  o.home = FRIST_SOURCE_ROOT;
  auto c = compiler::compile_file(path.string(), o, *zone, sink);
  std::string diags;
  for (const auto& d : sink.diagnostics()) diags += compiler::render_text(d, sink, false);
  INFO(diags);
  REQUIRE(c.checked);
  REQUIRE(c.ruleset);
  REQUIRE(c.checked->rules.size() == 1);
  return cli::possible_verdicts(c.checked->rules[0], c.checked->vocabulary);
}

}  // namespace

TEST_CASE("possible verdicts follow the rule's structure", "[test][coverage]") {
  const std::uint8_t always = bit(Verdict::Compliant) | bit(Verdict::Violated);
  // No deadline, no condition, nothing that can be missing.
  CHECK(possible("regel r\n  kræv findes start\n") == always);
  // A deadline: pending; a condition: not applicable.
  CHECK(possible("regel r\n  gælder når findes start\n  lad s = første start\n  kræv findes slut e hvor e senest dato(s) + 1 måned\n") ==
        (always | bit(Verdict::Pending) | bit(Verdict::NotApplicable)));
  // An attribute without a default can be missing; one with a default cannot.
  CHECK(possible("regel r\n  kræv findes start s hvor s.ok\n") == always);
  CHECK(possible("regel r\n  kræv findes start s hvor s.grund = \"x\"\n") == (always | bit(Verdict::Undetermined)));
  // `for hver` over no events: not applicable.
  CHECK((possible("regel r\n  for hver start s\n  kræv s.ok\n") & bit(Verdict::NotApplicable)) != 0);
}

TEST_CASE("a rule looked at only after its deadline is never pending", "[test][coverage]") {
  const std::string rule =
      "regel r\n"
      "  lad s = første start\n"
      "  lad frist = dato(s) + 4 måneder\n"
      "  gælder når opgørelsesdato > frist og findes start\n"
      "  kræv findes slut e hvor e inden for 4 måneder efter s\n";
  CHECK((possible(rule) & bit(Verdict::Pending)) == 0);
  // Written the other way round.
  std::string flipped = rule;
  const std::string as_of_after = "opgørelsesdato > frist";
  flipped.replace(flipped.find(as_of_after), as_of_after.size(), "frist < opgørelsesdato");
  CHECK((possible(flipped) & bit(Verdict::Pending)) == 0);
  // `>=` lets the as-of date be the deadline's own day, when it is pending.
  std::string on_the_day = rule;
  on_the_day.replace(on_the_day.find(">"), 1, ">=");
  CHECK((possible(on_the_day) & bit(Verdict::Pending)) != 0);
  // Another date than the deadline proves nothing.
  std::string other = rule;
  other.replace(other.find("4 måneder\n  gælder"), std::string("4 måneder").size(), "3 måneder");
  CHECK((possible(other) & bit(Verdict::Pending)) != 0);
}

TEST_CASE("coverage counts the possible verdicts that passing tests showed", "[test][coverage]") {
  cli::FileTestReport rep;
  rep.file = "regler.frist";
  rep.rule_ids = {"a", "b"};
  rep.rule_possible = {static_cast<std::uint8_t>(bit(Verdict::Compliant) | bit(Verdict::Violated)),
                       static_cast<std::uint8_t>(bit(Verdict::Compliant) | bit(Verdict::Violated) | bit(Verdict::Pending))};
  cli::TestResult pass;
  pass.passed = true;
  pass.verdicts_seen = {{"a", Verdict::Compliant}, {"a", Verdict::Violated}, {"b", Verdict::Pending}};
  cli::TestResult fail;
  fail.passed = false;
  fail.verdicts_seen = {{"b", Verdict::Compliant}};  // a failing test proves nothing
  rep.results = {pass, fail};
  cli::FileTestReport no_rules;
  no_rules.file = "moduler.frist";
  const auto cov = cli::rule_coverage({rep, no_rules});
  REQUIRE(cov.size() == 1);
  const auto total = cli::coverage_total(cov);
  CHECK(total.possible == 5);
  CHECK(total.tested == 3);
  CHECK(total.percent() == Approx(60.0));
  const std::string table = cli::render_coverage(cov, false);
  INFO(table);
  // Each row: the rule and one mark per verdict, in the column order.
  std::string squeezed;
  for (char c : table)
    if (c != ' ') squeezed += c;
  CHECK(squeezed.find("\na✓✓–––\n") != std::string::npos);
  CHECK(squeezed.find("\nb✗✗✓––\n") != std::string::npos);
  CHECK(table.find("Dækning i alt: 60,0 % (3 af 5 mulige udfald prøvet)") != std::string::npos);
  CHECK(cli::coverage_total({}).percent() == Approx(100.0));
}
