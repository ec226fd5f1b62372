// The sample rulesets of the bytecode tests (see bytecode_fixtures.hpp).
#include "bytecode_fixtures.hpp"

#include "runtime/time/civil.hpp"

namespace frist::bytecode::testing {
namespace {

model::AttributeDecl attr(std::string name, model::ValueType type, std::optional<model::Literal> def = std::nullopt,
                          std::string doc = {}) {
  model::AttributeDecl a;
  a.name = std::move(name);
  a.type = type;
  a.default_value = std::move(def);
  a.doc = std::move(doc);
  return a;
}

template <typename T>
model::Literal lit(model::ValueType type, T value) {
  model::Literal l;
  l.type = type;
  l.value = std::move(value);
  return l;
}

Constant constant(ConstKind kind) {
  Constant c;
  c.kind = kind;
  return c;
}

void add_constants(CompiledRuleset& rs) {
  Constant c = constant(ConstKind::Int);
  c.i = 3;
  rs.constants.push_back(c);
  c.i = 1;
  rs.constants.push_back(c);
  c = constant(ConstKind::Decimal);
  c.d = 0.5;
  rs.constants.push_back(c);
  c = constant(ConstKind::Text);
  c.s = intern(rs, "x");
  rs.constants.push_back(c);
  c = constant(ConstKind::Date);
  c.days = time::days_from_civil(2023, 1, 1);
  rs.constants.push_back(c);
  c = constant(ConstKind::Time);
  c.lo = c.hi = 1'677'659'400'000'000;  // 2023-03-01T08:30:00Z
  c.days = time::days_from_civil(2023, 3, 1);
  c.precision = 1;
  rs.constants.push_back(c);
  c = constant(ConstKind::Duration);
  c.months = 4;
  rs.constants.push_back(c);
  c = constant(ConstKind::Duration);
  c.duration_kind = 1;
  c.micros = 24LL * 3600 * 1'000'000;
  rs.constants.push_back(c);
  c = constant(ConstKind::Duration);
  c.duration_kind = 2;
  c.days = 6;
  rs.constants.push_back(c);
}

// Strings, constants and vocabulary shared by every sample.
CompiledRuleset base() {
  CompiledRuleset rs;
  rs.strings.emplace_back();
  for (std::uint8_t i = 0; i < 32; ++i) rs.source_sha256[i] = static_cast<std::uint8_t>(i * 7 + 1);
  add_constants(rs);
  rs.vocabulary = sample_vocabulary();
  rs.meta.id = intern(rs, "serviceloven");
  rs.meta.title = intern(rs, "Lov om social service");
  rs.meta.version = intern(rs, "2024.1");
  rs.meta.source = intern(rs, "rulesets/serviceloven.frist");
  return rs;
}

std::uint32_t add_rule(CompiledRuleset& rs, const std::string& id, std::uint32_t function, bool for_each = false,
                       std::uint16_t occurrence_type = kAnyEventType) {
  Rule r;
  r.id = intern(rs, id);
  r.title = intern(rs, "Titel på " + id);
  r.basis = intern(rs, "SEL § 50, stk. 7");
  r.function = function;
  r.for_each = for_each;
  r.occurrence_type = occurrence_type;
  rs.rules.push_back(r);
  return static_cast<std::uint32_t>(rs.rules.size() - 1);
}

}  // namespace

model::Vocabulary sample_vocabulary() {
  using model::ValueType;
  model::Vocabulary v;
  model::EventTypeDecl afg;
  afg.name = "afgørelse";
  afg.doc = "En afgørelse i sagen";
  afg.attributes = {attr("akut", ValueType::Bool, lit(ValueType::Bool, false)), attr("dato", ValueType::Date),
                    attr("beløb", ValueType::Decimal, lit(ValueType::Decimal, 1.5), "i kroner")};
  v.add_event_type(std::move(afg));
  model::EventTypeDecl samtale;
  samtale.name = "børnesamtale";
  time::Timestamp t;
  t.lo = t.hi = 1'677'659'400'000'000;
  t.date = time::days_from_civil(2023, 3, 1);
  t.precision = time::Precision::Instant;
  samtale.attributes = {attr("dato", ValueType::Date),
                        attr("note", ValueType::Text, lit(ValueType::Text, std::string("ingen"))),
                        attr("varighed", ValueType::Duration,
                             lit(ValueType::Duration, model::Duration{model::Duration::Kind::Calendar, 0, 30, 0})),
                        attr("tid", ValueType::DateTime, lit(ValueType::DateTime, t))};
  v.add_event_type(std::move(samtale));
  v.add_case_attribute(attr("fødselsdato", ValueType::Date));
  v.add_case_attribute(attr("sagsnr", ValueType::Text));
  v.add_case_attribute(attr("alder", ValueType::Int, lit(ValueType::Int, std::int64_t{0})));
  return v;
}

CompiledRuleset sample_ruleset() {
  CompiledRuleset rs = base();
  const std::string file = "rulesets/serviceloven.frist";

  // The case date: the first afgørelse's date.
  Asm cd;
  cd.at(file, 3, 1).op(Op::FIRST_OF, {0}).op(Op::TO_DATE).op(Op::RETURN);
  rs.meta.case_date_function = add_function(rs, cd, {}, 0, 1);
  rs.meta.effective_from = time::days_from_civil(2023, 1, 1);

  // Rule 1: applies when there is an afgørelse; a deadline four months after
  // its date; the value of an if/else (joined with BRANCH's unknown) stored.
  Asm r1;
  const Label end = r1.label();
  const Label els = r1.label();
  const Label join = r1.label();
  r1.at(file, 10, 3).op(Op::V_BEGIN).op(Op::EXISTS_OF, {0}).op(Op::V_APPLIES, {end});
  r1.at(file, 11, 5).op(Op::CASE_ATTR, {2}).op(Op::CONST, {kInt3}).op(Op::CMP_NUM, {4});
  r1.op(Op::BRANCH, {els, join}).op(Op::CONST, {kInt3}).op(Op::JUMP, {join});
  r1.bind(els).op(Op::NONE);
  r1.bind(join).op(Op::STORE, {1});
  r1.at(file, 12, 5).op(Op::FIRST_OF, {0}).op(Op::EV_ATTR, {0, 1}).op(Op::CONST, {kFourMonths});
  r1.op(Op::DATE_ADD, {0}).op(Op::STORE, {0});
  r1.op(Op::FIRST_OF, {1}).op(Op::EV_ATTR_NAMED, {intern(rs, "dato")}).op(Op::CONST, {kDate2023});
  r1.op(Op::LOAD, {0}).op(Op::EARLIEST, {3, 0}).op(Op::POP);
  r1.op(Op::FIRST_OF, {0}).op(Op::EV_ATTR, {0, 0}).op(Op::V_UNDETERMINED, {intern(rs, "akut sag"), end});
  r1.op(Op::LOAD, {0}).op(Op::V_SUBJECT);
  const Label both = r1.label();
  r1.at(file, 13, 7).op(Op::EXISTS_OF, {1}).op(Op::JUMP_IF_FALSE_KEEP, {both}).op(Op::EXISTS_OF, {0}).op(Op::AND);
  r1.bind(both).op(Op::LOAD, {0}).op(Op::V_REQUIRE_DATE, {0});
  r1.op(Op::FALSE).op(Op::V_EXEMPT_AFTER, {intern(rs, "fritaget")});
  r1.bind(end).op(Op::V_RESULT);
  const std::uint32_t f1 = add_function(rs, r1, {Kind::Date, Kind::Int}, 0, 3);
  add_rule(rs, "R1", f1);
  rs.rules.back().evidence.push_back({0, intern(rs, "frist")});

  // Rule 2: for each afgørelse, the first børnesamtale on or after its date.
  Asm r2;
  const Label loop = r2.label();
  const Label done = r2.label();
  const Label inner = r2.label();
  const Label inner_done = r2.label();
  const Label occurrence = r2.label();
  r2.at(file, 20, 3).op(Op::ITER_TYPE, {0, 0, 0});
  r2.bind(loop).op(Op::ITER_NEXT, {0, 1, done});
  r2.op(Op::V_BEGIN).op(Op::LOAD, {1}).op(Op::EV_ATTR, {0, 0}).op(Op::NOT).op(Op::V_APPLIES, {occurrence});
  r2.at(file, 21, 5).op(Op::ACC_INIT, {2}).op(Op::LOAD, {1}).op(Op::ITER_FROM, {3, 1, 0});
  r2.bind(inner).op(Op::ITER_NEXT, {3, 4, inner_done});
  r2.op(Op::LOAD, {4}).op(Op::EV_ATTR, {1, 0}).op(Op::LOAD, {1}).op(Op::TO_DATE).op(Op::CMP_DATE, {5});
  r2.op(Op::ACC_FIRST, {2, 4, inner_done}).op(Op::LOOP, {inner});
  r2.bind(inner_done).op(Op::ACC_RESULT, {2, 0}).op(Op::PRESENT).op(Op::V_REQUIRE);
  r2.bind(occurrence).op(Op::V_OCCURRENCE, {1}).op(Op::LOOP, {loop});
  r2.bind(done).op(Op::V_RESULT);
  const std::uint32_t f2 = add_function(
      rs, r2, {Kind::Iterator, Kind::Event, Kind::Accumulator, Kind::Iterator, Kind::Event}, 0, 3);
  add_rule(rs, "R2", f2, true, 0);
  rs.rules.back().status = RuleStatus::Unverified;
  rs.rules.back().note = intern(rs, "endnu ikke gennemgået");
  rs.rules.back().evidence.push_back({1, intern(rs, "afgørelse")});

  // The holiday: 1 January of the year in slot 0.
  Asm h;
  h.at("stdlib/helligdage.frist", 5, 3).op(Op::LOAD, {0}).op(Op::CONST, {kInt1}).op(Op::CONST, {kInt1});
  h.op(Op::MAKE_DATE).op(Op::RETURN);
  Calendar cal;
  cal.name = intern(rs, "Danmark");
  Holiday nytaar;
  nytaar.name = intern(rs, "nytårsdag");
  nytaar.function = add_function(rs, h, {Kind::Int}, 1, 3);
  nytaar.from = time::days_from_civil(1900, 1, 1);
  cal.holidays.push_back(nytaar);
  rs.calendar = cal;

  // An expression test: periods of a week, counted; numbers and durations.
  Asm e;
  const Label periods = e.label();
  const Label periods_done = e.label();
  e.op(Op::CONST, {kOneDay24h}).op(Op::CONST, {kDate2023}).op(Op::AS_OF).op(Op::PERIOD_ITER, {0});
  e.bind(periods).op(Op::PERIOD_NEXT, {0, 1, periods_done}).op(Op::LOOP, {periods});
  e.bind(periods_done).op(Op::CONST, {kInt3}).op(Op::INT_TO_DEC).op(Op::CONST, {kDecimalHalf}).op(Op::MUL_DEC);
  e.op(Op::CONST, {kInt1}).op(Op::CMP_NUM, {2}).op(Op::POP);
  e.op(Op::CONST, {kSixWorkdays}).op(Op::CONST, {kTextX}).op(Op::POP).op(Op::RETURN);
  add_function(rs, e, {Kind::Iterator, Kind::Period}, 0, 3);
  return rs;
}

CompiledRuleset with_function(Asm& a, std::vector<Kind> slots, std::uint16_t max_stack, bool as_rule) {
  CompiledRuleset rs = base();
  const std::uint32_t f = add_function(rs, a, std::move(slots), 0, max_stack);
  if (as_rule) add_rule(rs, "R", f);
  return rs;
}

std::string verify_message(const CompiledRuleset& rs) {
  const Result<void> r = verify(rs);
  return r ? std::string() : r.error().message;
}

}  // namespace frist::bytecode::testing
