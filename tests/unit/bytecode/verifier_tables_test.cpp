// Unit tests for the table checks of runtime/bytecode verify(): strings,
// constants, vocabulary, functions, calendar, metadata, rules, the debug
// table and the roles the tables give functions, each rejected with a
// message naming the section.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "bytecode_fixtures.hpp"
#include "runtime/bytecode/program.hpp"

using namespace frist::bytecode;
using namespace frist::bytecode::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
namespace model = frist::model;

namespace {

// Rebuilds the vocabulary after `edit` changed a copy of its declarations.
template <typename Edit>
void edit_vocabulary(CompiledRuleset& rs, Edit edit) {
  auto types = rs.vocabulary.event_types();
  auto cases = rs.vocabulary.case_attributes();
  edit(types, cases);
  model::Vocabulary v;
  for (auto& t : types) v.add_event_type(t);
  for (auto& c : cases) v.add_case_attribute(c);
  rs.vocabulary = v;
}

}  // namespace

TEST_CASE("bytecode verify: strings", "[bytecode]") {
  CompiledRuleset rs = sample_ruleset();
  SECTION("string 0 is empty") {
    rs.strings[0] = "x0";
    CHECK(verify_message(rs) == "bytecode: section 'strings': string 0 must be the empty string");
  }
  SECTION("valid UTF-8") {
    rs.strings[2] = "a\xC3";
    CHECK(verify_message(rs) == "bytecode: section 'strings': string 2 is not valid UTF-8 (at byte 1)");
  }
  SECTION("each string once") {
    rs.strings.push_back("x");
    CHECK_THAT(verify_message(rs), Contains("repeats string 1; each string appears once"));
  }
}

TEST_CASE("bytecode verify: constants", "[bytecode]") {
  CompiledRuleset rs = sample_ruleset();
  SECTION("unknown kind") {
    rs.constants[4].kind = static_cast<ConstKind>(9);
    CHECK(verify_message(rs) == "bytecode: section 'constants': constant 4: unknown kind 9");
  }
  SECTION("text index") {
    rs.constants[kTextX].s = 5000;
    CHECK_THAT(verify_message(rs), Contains("constant 3: its text is string 5000, but there are"));
  }
  SECTION("finite decimals") {
    rs.constants[kDecimalHalf].d = std::numeric_limits<double>::quiet_NaN();
    CHECK_THAT(verify_message(rs), Contains("constant 2: the decimal is not a finite number"));
    rs.constants[kDecimalHalf].d = std::numeric_limits<double>::infinity();
    CHECK_THAT(verify_message(rs), Contains("constant 2: the decimal is not a finite number"));
  }
  SECTION("dates within years 1..9999") {
    rs.constants[kDate2023].days = 3'000'000;
    CHECK_THAT(verify_message(rs), Contains("constant 4: the date 3000000 (days since 1970-01-01) lies outside"));
  }
  SECTION("date-times") {
    rs.constants[kTime].precision = 3;
    CHECK_THAT(verify_message(rs), Contains("constant 5: unknown precision 3"));
    rs.constants[kTime].precision = 1;
    rs.constants[kTime].hi += 1;
    CHECK_THAT(verify_message(rs), Contains("an instant must start and end at the same microsecond"));
    rs.constants[kTime].precision = 2;
    rs.constants[kTime].hi -= 2;
    CHECK_THAT(verify_message(rs), Contains("the date-time ends"));
    rs.constants[kTime].lo = std::numeric_limits<std::int64_t>::min();
    CHECK_THAT(verify_message(rs), Contains("constant 5: the date-time -9223372036854775808.."));
    CHECK_THAT(verify_message(rs), Contains("lies outside the years 1..9999"));
  }
  SECTION("durations have one kind") {
    rs.constants[kFourMonths].duration_kind = 7;
    CHECK_THAT(verify_message(rs), Contains("constant 6: unknown duration kind 7"));
    rs.constants[kFourMonths].duration_kind = 0;
    rs.constants[kFourMonths].micros = 5;
    CHECK_THAT(verify_message(rs), Contains("a calendar duration has a clock part"));
    rs.constants[kOneDay24h].days = 1;
    rs.constants[kFourMonths].micros = 0;
    CHECK_THAT(verify_message(rs), Contains("constant 7: a clock duration has a calendar part"));
  }
}

TEST_CASE("bytecode verify: vocabulary", "[bytecode]") {
  CompiledRuleset rs = sample_ruleset();
  SECTION("duplicate event type") {
    edit_vocabulary(rs, [](auto& types, auto&) { types[1].name = "afgørelse"; });
    CHECK(verify_message(rs) ==
          "bytecode: section 'vocabulary': event type 1: the name 'afgørelse' is also event type 0");
  }
  SECTION("duplicate attribute") {
    edit_vocabulary(rs, [](auto& types, auto&) { types[0].attributes[2].name = "akut"; });
    CHECK(verify_message(rs) ==
          "bytecode: section 'vocabulary': event type 0, attribute 2: the name 'akut' is also attribute 0");
  }
  SECTION("duplicate case attribute") {
    edit_vocabulary(rs, [](auto&, auto& cases) { cases[1].name = "alder"; });
    CHECK_THAT(verify_message(rs), Contains("case attributes, attribute 2: the name 'alder' is also attribute 1"));
  }
  SECTION("default of the wrong type") {
    edit_vocabulary(rs, [](auto& types, auto&) { types[0].attributes[0].default_value->value = std::int64_t{1}; });
    CHECK_THAT(verify_message(rs), Contains("event type 0, attribute 0: its default is not of type bool"));
  }
  SECTION("default literal of the wrong declared type") {
    edit_vocabulary(rs, [](auto&, auto& cases) { cases[2].default_value->type = model::ValueType::Decimal; });
    CHECK_THAT(verify_message(rs), Contains("case attributes, attribute 2: its default is not of type int"));
  }
  SECTION("invalid default values") {
    edit_vocabulary(rs, [](auto& types, auto&) {
      types[0].attributes[2].default_value->value = std::numeric_limits<double>::quiet_NaN();
    });
    CHECK_THAT(verify_message(rs), Contains("event type 0, attribute 2: the decimal is not a finite number"));
  }
  SECTION("names must be UTF-8") {
    edit_vocabulary(rs, [](auto& types, auto&) { types[1].doc = "\xFF"; });
    CHECK_THAT(verify_message(rs), Contains("event type 1: its name or doc is not valid UTF-8"));
  }
}

TEST_CASE("bytecode verify: functions and roles", "[bytecode]") {
  CompiledRuleset rs = sample_ruleset();
  SECTION("code outside the code section") {
    rs.functions.back().code_size += 1;
    CHECK_THAT(verify_message(rs), StartsWith("bytecode: section 'functions': function 4: its code"));
    CHECK_THAT(verify_message(rs), Contains("lies outside the code section"));
  }
  SECTION("overlapping code") {
    rs.functions[1].code_offset -= 1;
    rs.functions[1].code_size += 1;
    CHECK(verify_message(rs) == "bytecode: section 'functions': the code of functions 0 and 1 overlaps");
  }
  SECTION("empty function") {
    rs.functions[0].code_size = 0;
    CHECK(verify_message(rs) == "bytecode: section 'functions': function 0: it has no code");
  }
  SECTION("parameters") {
    rs.functions[4].param_count = 3;
    CHECK_THAT(verify_message(rs), Contains("function 4: 3 parameters but only 2 slots"));
    rs.functions[4].param_count = 1;
    CHECK_THAT(verify_message(rs), Contains("function 4: parameter 0 has kind iterator"));
  }
  SECTION("rule functions take no parameters") {
    rs.functions[1].param_count = 1;
    CHECK(verify_message(rs) ==
          "bytecode: section 'functions': function 1 (rule 'R1') takes 1 parameters; it must take none");
  }
  SECTION("holiday functions take the year") {
    rs.functions[3].param_count = 0;
    CHECK_THAT(verify_message(rs), Contains("function 3 (holiday 'nytårsdag') must take exactly one parameter"));
    rs.functions[3].param_count = 1;
    rs.functions[3].slot_kinds[0] = Kind::Date;
    CHECK_THAT(verify_message(rs), Contains("function 3 (holiday 'nytårsdag') must take exactly one parameter"));
  }
  SECTION("holiday and case-date functions return a date") {
    Asm a;
    a.op(Op::LOAD, {0}).op(Op::RETURN);
    CompiledRuleset h = with_function(a, {Kind::Int}, 1);
    h.functions[0].param_count = 1;
    h.calendar = Calendar{};
    h.calendar->holidays.push_back(Holiday{});
    CHECK_THAT(verify_message(h), Contains("function 0 (holiday ''), at 0003 RETURN: a holiday function returns a "
                                           "date, but this returns int"));
    Asm b;
    b.op(Op::CONST, {kTime}).op(Op::RETURN_IF_PRESENT).op(Op::NONE).op(Op::RETURN);
    CompiledRuleset c = with_function(b, {}, 1);
    c.meta.case_date_function = 0;
    CHECK_THAT(verify_message(c), Contains("function 0 (the case date), at 0003 RETURN_IF_PRESENT: a case-date "
                                           "function returns a date, but this returns date-time"));
  }
  SECTION("one function, two roles") {
    rs.meta.case_date_function = 3;
    CHECK_THAT(verify_message(rs), Contains("function 3 is used as holiday 'nytårsdag' and as the case date"));
  }
  SECTION("references to missing functions") {
    rs.meta.case_date_function = 17;
    CHECK(verify_message(rs) ==
          "bytecode: section 'metadata': the case-date function 17 does not exist (there are 5)");
    rs.meta.case_date_function = kNoFunction;
    CHECK(verify_message(rs) == "");
    rs.calendar->holidays[0].function = 5;
    CHECK_THAT(verify_message(rs), Contains("section 'calendar': holiday 0: function 5 does not exist"));
    rs.calendar->holidays[0].function = 3;
    rs.rules[1].function = 99;
    CHECK_THAT(verify_message(rs), Contains("section 'rules': rule 1: function 99 does not exist"));
  }
}

TEST_CASE("bytecode verify: metadata, rules, calendar and debug table", "[bytecode]") {
  CompiledRuleset rs = sample_ruleset();
  SECTION("metadata strings and language") {
    rs.meta.title = 1000;
    CHECK_THAT(verify_message(rs), Contains("section 'metadata': the title is string 1000"));
    rs.meta.title = 0;
    rs.meta.language = 2;
    CHECK(verify_message(rs) == "bytecode: section 'metadata': unknown language 2 (0 da, 1 en)");
  }
  SECTION("effective dates in range") {
    rs.meta.effective_until = -800'000;
    CHECK_THAT(verify_message(rs), Contains("section 'metadata': the effective period: the date -800000"));
  }
  SECTION("rule ids are unique") {
    rs.rules[1].id = rs.rules[0].id;
    CHECK(verify_message(rs) == "bytecode: section 'rules': rule 1: its id 'R1' is used by an earlier rule");
  }
  SECTION("occurrence type") {
    rs.rules[1].occurrence_type = 2;
    CHECK_THAT(verify_message(rs), Contains("rule 1: its occurrence type 2 does not exist"));
  }
  SECTION("evidence slots") {
    rs.rules[0].evidence[0].slot = 2;
    CHECK_THAT(verify_message(rs), Contains("rule 0: evidence 0 names slot 2, but function 1 has 2 slots"));
  }
  SECTION("status") {
    rs.rules[0].status = static_cast<RuleStatus>(4);
    CHECK_THAT(verify_message(rs), Contains("rule 0: unknown status 4"));
  }
  SECTION("holiday dates") {
    rs.calendar->holidays[0].until = 2'932'897;  // 10000-01-01
    CHECK_THAT(verify_message(rs), Contains("section 'calendar': holiday 0: the date 2932897"));
  }
  SECTION("debug entries inside the code, sorted") {
    rs.debug.back().pc = static_cast<std::uint32_t>(rs.code.size());
    CHECK_THAT(verify_message(rs), Contains("section 'debug': entry"));
    CHECK_THAT(verify_message(rs), Contains("lies outside the code"));
    rs.debug.back().pc = 0;
    CHECK_THAT(verify_message(rs), Contains("comes after pc"));
  }
  SECTION("flags") {
    rs.flags = 2;
    CHECK(verify_message(rs) == "bytecode: header: the flags are 0x00000002, but they must be 0");
  }
}
