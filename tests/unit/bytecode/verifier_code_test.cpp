// Unit tests for the code verification of runtime/bytecode (verify() on
// hand-assembled functions): each class of bad code is rejected with a
// message naming the function, the offset and the problem, and the joins
// of BRANCH, short-circuits and loops are accepted when consistent.
#include <catch2/catch.hpp>

#include "bytecode_fixtures.hpp"
#include "runtime/bytecode/program.hpp"

using namespace frist::bytecode;
using namespace frist::bytecode::testing;
using Catch::Matchers::Contains;
namespace model = frist::model;

namespace {

// Verifies `a` as an unreferenced function (it ends in RETURN) and returns
// the message, "" when accepted.
std::string check(Asm& a, std::vector<Kind> slots = {}, std::uint16_t max_stack = 8) {
  return verify_message(with_function(a, std::move(slots), max_stack));
}

std::string check_rule(Asm& a, std::vector<Kind> slots = {}, std::uint16_t max_stack = 8) {
  return verify_message(with_function(a, std::move(slots), max_stack, true));
}

}  // namespace

TEST_CASE("bytecode verify: well-formed code is accepted", "[bytecode]") {
  SECTION("straight line") {
    Asm a;
    a.op(Op::CONST, {kInt3}).op(Op::CONST, {kInt1}).op(Op::ADD_INT).op(Op::RETURN);
    CHECK(check(a) == "");
  }
  SECTION("if/else joins the branches' kind with BRANCH's unknown") {
    Asm a;
    const Label els = a.label();
    const Label end = a.label();
    a.op(Op::TRUE).op(Op::BRANCH, {els, end}).op(Op::CONST, {kInt3}).op(Op::JUMP, {end});
    a.bind(els).op(Op::CONST, {kInt1});
    a.bind(end).op(Op::NEG_INT).op(Op::RETURN);
    CHECK(check(a) == "");
  }
  SECTION("none in one branch takes the other branch's kind") {
    Asm a;
    const Label els = a.label();
    const Label end = a.label();
    a.op(Op::TRUE).op(Op::BRANCH, {els, end}).op(Op::NONE).op(Op::JUMP, {end});
    a.bind(els).op(Op::CONST, {kDecimalHalf});
    a.bind(end).op(Op::NEG_DEC).op(Op::RETURN);
    CHECK(check(a) == "");
  }
  SECTION("short-circuit and keeps the bool on both paths") {
    Asm a;
    const Label end = a.label();
    a.op(Op::TRUE).op(Op::JUMP_IF_FALSE_KEEP, {end}).op(Op::FALSE).op(Op::AND);
    a.bind(end).op(Op::NOT).op(Op::RETURN);
    CHECK(check(a) == "");
  }
  SECTION("a loop with a value under it") {
    Asm a;
    const Label loop = a.label();
    const Label done = a.label();
    a.op(Op::CONST, {kInt3}).op(Op::ITER_TYPE, {0, kAnyEventType, 1});
    a.bind(loop).op(Op::ITER_NEXT, {0, 1, done}).op(Op::LOAD, {1}).op(Op::POP).op(Op::LOOP, {loop});
    a.bind(done).op(Op::RETURN);
    CHECK(check(a, {Kind::Iterator, Kind::Event}) == "");
  }
  SECTION("any slots take and give any value") {
    Asm a;
    a.op(Op::CONST, {kTextX}).op(Op::STORE, {0}).op(Op::LOAD, {0}).op(Op::PRESENT).op(Op::POP);
    a.op(Op::LOAD, {0}).op(Op::RETURN);
    CHECK(check(a, {Kind::Any}) == "");
  }
  SECTION("unreachable code is checked but not interpreted") {
    Asm a;
    a.op(Op::NONE).op(Op::RETURN).op(Op::ADD_INT);
    CHECK(check(a) == "");
  }
}

TEST_CASE("bytecode verify: instruction encoding", "[bytecode]") {
  SECTION("unknown opcode") {
    Asm a;
    a.op(Op::NONE).raw({0xEE}).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("function 0, at 0001: unknown opcode 0xee"));
  }
  SECTION("operands past the end of the function") {
    Asm a;
    a.op(Op::NONE).op(Op::RETURN).raw({static_cast<std::uint8_t>(Op::CONST), 0x00});
    CHECK_THAT(check(a), Contains("at 0002 CONST: the instruction needs 3 bytes, but the function has only 2 left"));
  }
  SECTION("slot out of range") {
    Asm a;
    a.op(Op::LOAD, {3}).op(Op::RETURN);
    CHECK_THAT(check(a, {Kind::Int}), Contains("LOAD: slot 3 does not exist (the function has 1 slots)"));
  }
  SECTION("constant out of range") {
    Asm a;
    a.op(Op::CONST, {kConstantCount}).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("CONST: constant 9 does not exist"));
  }
  SECTION("jump into the middle of an instruction") {
    Asm a;
    a.op(Op::JUMP, {1}).op(Op::CONST, {kInt3}).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("at 0000 JUMP: jumps to 0006, into the middle of an instruction"));
  }
  SECTION("jump outside the function") {
    Asm a;
    a.op(Op::JUMP, {100}).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("JUMP: jumps to 105, outside the function"));
  }
  SECTION("backward jump other than LOOP") {
    Asm a;
    const Label top = a.label();
    a.bind(top).op(Op::NONE).op(Op::POP).op(Op::JUMP, {top});
    CHECK_THAT(check(a), Contains("at 0002 JUMP: jumps back to 0000; only LOOP jumps backwards"));
  }
  SECTION("LOOP to something other than ITER_NEXT or PERIOD_NEXT") {
    Asm a;
    const Label top = a.label();
    a.bind(top).op(Op::NOP).op(Op::LOOP, {top});
    CHECK_THAT(check(a), Contains("LOOP: must jump back to an ITER_NEXT or PERIOD_NEXT, but jumps to 0000 NOP"));
  }
  SECTION("LOOP forwards") {
    Asm a;
    const Label ahead = a.label();
    const Label done = a.label();
    a.op(Op::LOOP, {ahead}).bind(ahead).op(Op::ITER_NEXT, {0, 1, done}).bind(done).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(a, {Kind::Iterator, Kind::Event}), Contains("LOOP: must jump back"));
  }
  SECTION("enum-like operands") {
    Asm a;
    a.op(Op::CONST, {kInt3}).op(Op::MAKE_DUR, {8}).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("MAKE_DUR: the unit is 8; it must be 0 to 7"));
    Asm b;
    b.op(Op::CONST, {kTextX}).op(Op::CONST, {kTextX}).op(Op::CMP_TEXT, {2}).op(Op::RETURN);
    CHECK_THAT(check(b), Contains("CMP_TEXT: the comparison (= or ≠ only) is 2"));
    Asm c;
    c.op(Op::ACC_RESULT, {0, 3}).op(Op::RETURN);
    CHECK_THAT(check(c, {Kind::Accumulator}), Contains("ACC_RESULT: the result kind (0 event, 1 bool, 2 int) is 3"));
    Asm d;
    d.op(Op::EARLIEST, {0, 0}).op(Op::RETURN);
    CHECK_THAT(check(d), Contains("EARLIEST: takes at least one value"));
  }
}

TEST_CASE("bytecode verify: vocabulary and string operands", "[bytecode]") {
  SECTION("EV_ATTR with an unknown type, or any type") {
    Asm a;
    a.op(Op::FIRST_OF, {0}).op(Op::EV_ATTR, {7, 0}).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("EV_ATTR: event type 7 does not exist (the vocabulary has 2)"));
    Asm b;
    b.op(Op::FIRST_OF, {0}).op(Op::EV_ATTR, {kAnyEventType, 0}).op(Op::RETURN);
    CHECK_THAT(check(b), Contains("EV_ATTR: event type 65535 does not exist"));
  }
  SECTION("EV_ATTR with an unknown attribute slot") {
    Asm a;
    a.op(Op::FIRST_OF, {0}).op(Op::EV_ATTR, {0, 3}).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("event type 0 ('afgørelse') has no attribute slot 3 (it declares 3)"));
  }
  SECTION("EV_ATTR_NAMED needs a name declared with one value type") {
    Asm a;
    a.op(Op::FIRST_OF, {0}).op(Op::EV_ATTR_NAMED, {0}).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("no event type declares an attribute named ''"));
    Asm b;
    b.op(Op::FIRST_OF, {0}).op(Op::EV_ATTR_NAMED, {999}).op(Op::RETURN);
    CHECK_THAT(check(b), Contains("EV_ATTR_NAMED: string 999 does not exist"));

    Asm c;
    c.op(Op::FIRST_OF, {kAnyEventType}).op(Op::EV_ATTR_NAMED, {1}).op(Op::RETURN);
    CompiledRuleset rs = with_function(c, {}, 4);
    rs.code[4] = static_cast<std::uint8_t>(intern(rs, "dato"));
    CHECK(verify_message(rs) == "");
    // Give "dato" two value types: type 1's becomes text.
    model::Vocabulary v;
    auto types = rs.vocabulary.event_types();
    types[1].attributes[0].type = model::ValueType::Text;
    for (auto& t : types) v.add_event_type(t);
    rs.vocabulary = v;
    CHECK_THAT(verify_message(rs), Contains("the event types declaring 'dato' give it different value types"));
  }
  SECTION("query types may be any type") {
    Asm a;
    a.op(Op::COUNT_OF, {kAnyEventType}).op(Op::RETURN);
    CHECK(check(a) == "");
    Asm b;
    b.op(Op::COUNT_OF, {2}).op(Op::RETURN);
    CHECK_THAT(check(b), Contains("COUNT_OF: event type 2 does not exist (the vocabulary has 2; 65535 means any type)"));
  }
  SECTION("case attributes") {
    Asm a;
    a.op(Op::CASE_ATTR, {3}).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("CASE_ATTR: case attribute 3 does not exist (the vocabulary declares 3)"));
  }
  SECTION("reason strings") {
    Asm a;
    const Label end = a.label();
    a.op(Op::V_BEGIN).op(Op::TRUE).op(Op::V_UNDETERMINED, {4000, end}).bind(end).op(Op::V_RESULT);
    CHECK_THAT(check_rule(a), Contains("V_UNDETERMINED: string 4000 does not exist"));
  }
}

TEST_CASE("bytecode verify: slot kinds", "[bytecode]") {
  SECTION("iterator instructions need iterator slots and event slots") {
    Asm a;
    a.op(Op::ITER_TYPE, {0, 0, 0}).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(a, {Kind::Event}), Contains("ITER_TYPE: the iterator slot 0 has kind event, but must be iterator"));
    Asm b;
    const Label done = b.label();
    b.op(Op::ITER_NEXT, {0, 1, done}).bind(done).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(b, {Kind::Iterator, Kind::Date}), Contains("ITER_NEXT: the event slot 1 has kind date"));
    Asm c;
    const Label pdone = c.label();
    c.op(Op::PERIOD_NEXT, {0, 1, pdone}).bind(pdone).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(c, {Kind::Iterator, Kind::Event}), Contains("PERIOD_NEXT: the period slot 1 has kind event"));
  }
  SECTION("accumulators") {
    Asm a;
    a.op(Op::ACC_INIT, {0}).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(a, {Kind::Iterator}), Contains("ACC_INIT: the accumulator slot 0 has kind iterator"));
    Asm b;
    const Label end = b.label();
    b.op(Op::ACC_INIT, {0}).op(Op::TRUE).op(Op::ACC_FIRST, {0, 1, end}).bind(end).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(b, {Kind::Accumulator, Kind::Int}), Contains("ACC_FIRST: the event slot 1 has kind int"));
  }
  SECTION("a slot iterates events or periods, not both") {
    Asm a;
    const Label events = a.label();
    const Label done = a.label();
    a.op(Op::CONST, {kFourMonths}).op(Op::CONST, {kDate2023}).op(Op::AS_OF).op(Op::PERIOD_ITER, {0});
    a.bind(events).op(Op::ITER_NEXT, {0, 1, done}).op(Op::LOOP, {events});
    a.bind(done).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(a, {Kind::Iterator, Kind::Event}),
               Contains("ITER_NEXT: the iterator slot 0 is used here for iterating events but elsewhere for iterating "
                        "periods; a slot has one use"));
  }
  SECTION("an accumulator has one use, and ACC_RESULT reads that use") {
    Asm a;
    const Label end = a.label();
    a.op(Op::ACC_INIT, {0}).op(Op::TRUE).op(Op::ACC_COUNT, {0}).op(Op::TRUE).op(Op::ACC_EXISTS, {0, end});
    a.bind(end).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(a, {Kind::Accumulator}),
               Contains("ACC_EXISTS: the accumulator slot 0 is used here for deciding whether a match exists but "
                        "elsewhere for counting matches"));
    Asm b;
    b.op(Op::ACC_INIT, {0}).op(Op::TRUE).op(Op::ACC_COUNT, {0}).op(Op::ACC_RESULT, {0, 0}).op(Op::RETURN);
    CHECK_THAT(check(b, {Kind::Accumulator}),
               Contains("ACC_RESULT: the accumulator slot 0 is used here for finding the first match but elsewhere for "
                        "counting matches"));
    Asm c;
    c.op(Op::ACC_INIT, {0}).op(Op::NONE).op(Op::ACC_TAINT, {0}).op(Op::TRUE).op(Op::ACC_COUNT, {0});
    c.op(Op::ACC_RESULT, {0, 2}).op(Op::RETURN);
    CHECK(check(c, {Kind::Accumulator}) == "");
    Asm d;
    d.op(Op::NONE).op(Op::ACC_TAINT, {0}).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(d, {Kind::Event}), Contains("ACC_TAINT: the accumulator slot 0 has kind event"));
  }
  SECTION("iterators and accumulators never go on the stack") {
    Asm a;
    a.op(Op::LOAD, {0}).op(Op::RETURN);
    CHECK_THAT(check(a, {Kind::Iterator}), Contains("LOAD: slot 0 holds an iterator, which never goes on the stack"));
    Asm b;
    b.op(Op::NONE).op(Op::STORE, {0}).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(b, {Kind::Accumulator}), Contains("STORE: slot 0 holds an accumulator"));
  }
  SECTION("STORE checks the slot's kind") {
    Asm a;
    a.op(Op::CONST, {kTextX}).op(Op::STORE, {0}).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(a, {Kind::Int}), Contains("STORE: slot 0 has kind int, but the value stored is text"));
    Asm b;
    b.op(Op::NONE).op(Op::STORE, {0}).op(Op::NONE).op(Op::RETURN);
    CHECK(check(b, {Kind::Int}) == "");
  }
  SECTION("a value from an any slot fits only any") {
    Asm a;
    a.op(Op::LOAD, {0}).op(Op::NEG_INT).op(Op::RETURN);
    CHECK_THAT(check(a, {Kind::Any}), Contains("NEG_INT: operand 1 of 1 must be an int, but it is a value of any kind"));
    Asm b;
    b.op(Op::LOAD, {0}).op(Op::STORE, {1}).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(b, {Kind::Any, Kind::Date}), Contains("STORE: slot 1 has kind date"));
  }
  SECTION("V_OCCURRENCE needs an event or period slot") {
    Asm a;
    a.op(Op::V_BEGIN).op(Op::V_OCCURRENCE, {0}).op(Op::V_RESULT);
    CHECK_THAT(check_rule(a, {Kind::Int}), Contains("the occurrence slot 0 has kind int"));
  }
}

TEST_CASE("bytecode verify: stack depth and kinds", "[bytecode]") {
  SECTION("stack underflow") {
    Asm a;
    a.op(Op::CONST, {kInt3}).op(Op::ADD_INT).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("at 0003 ADD_INT: needs 2 values on the stack, but it holds 1"));
  }
  SECTION("kind mismatch") {
    Asm a;
    a.op(Op::TRUE).op(Op::CONST, {kInt3}).op(Op::ADD_INT).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("ADD_INT: operand 1 of 2 must be an int, but it is bool"));
  }
  SECTION("a constant of the wrong kind") {
    Asm a;
    a.op(Op::CONST, {kTextX}).op(Op::NEG_INT).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("NEG_INT: operand 1 of 1 must be an int, but it is text"));
    Asm b;
    b.op(Op::CONST, {kOneDay24h}).op(Op::CONST, {kDate2023}).op(Op::DATE_ADD, {0}).op(Op::RETURN);
    CHECK_THAT(check(b), Contains("DATE_ADD: operand 1 of 2 must be a date, but it is duration"));
  }
  SECTION("N and Y letters") {
    Asm a;
    a.op(Op::CONST, {kInt3}).op(Op::CONST, {kDecimalHalf}).op(Op::CMP_NUM, {0}).op(Op::RETURN);
    CHECK(check(a) == "");
    Asm b;
    b.op(Op::CONST, {kTextX}).op(Op::TO_DATE).op(Op::RETURN);
    CHECK_THAT(check(b), Contains("TO_DATE: operand 1 of 1 must be a date, a date-time or an event, but it is text"));
  }
  SECTION("EARLIEST pops n values of its kind") {
    Asm a;
    a.op(Op::CONST, {kDate2023}).op(Op::CONST, {kTime}).op(Op::EARLIEST, {2, 0}).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("EARLIEST: operand 2 of 2 must be a date, but it is date-time"));
    Asm b;
    b.op(Op::CONST, {kTime}).op(Op::EARLIEST, {2, 1}).op(Op::RETURN);
    CHECK_THAT(check(b), Contains("EARLIEST: needs 2 values on the stack, but it holds 1"));
    Asm c;
    c.op(Op::CONST, {kTime}).op(Op::NONE).op(Op::LATEST, {2, 1}).op(Op::TO_DATE).op(Op::RETURN);
    CHECK(check(c) == "");
  }
  SECTION("inconsistent kinds at a join") {
    Asm a;
    const Label els = a.label();
    const Label end = a.label();
    a.op(Op::TRUE).op(Op::BRANCH, {els, end}).op(Op::CONST, {kInt3}).op(Op::JUMP, {end});
    a.bind(els).op(Op::CONST, {kTextX});
    a.bind(end).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("at 0021 RETURN: paths join with different stacks: [int] from 0013, [text] from 0018"));
  }
  SECTION("inconsistent depths at a join") {
    Asm a;
    const Label end = a.label();
    a.op(Op::TRUE).op(Op::TRUE).op(Op::V_APPLIES, {end}).op(Op::NONE).bind(end).op(Op::V_RESULT);
    CHECK_THAT(check_rule(a), Contains("V_RESULT: paths join with different stacks"));
  }
  SECTION("the joined kind is what the code after the join sees") {
    Asm a;
    const Label els = a.label();
    const Label end = a.label();
    a.op(Op::TRUE).op(Op::BRANCH, {els, end}).op(Op::NONE).op(Op::JUMP, {end});
    a.bind(els).op(Op::CONST, {kTextX});
    a.bind(end).op(Op::NEG_INT).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("NEG_INT: operand 1 of 1 must be an int, but it is text"));
  }
  SECTION("a loop must come back with the same stack") {
    Asm a;
    const Label loop = a.label();
    const Label done = a.label();
    a.op(Op::ITER_TYPE, {0, 0, 0});
    a.bind(loop).op(Op::ITER_NEXT, {0, 1, done}).op(Op::NONE).op(Op::LOOP, {loop});
    a.bind(done).op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check(a, {Kind::Iterator, Kind::Event}), Contains("ITER_NEXT: paths join with different stacks"));
  }
  SECTION("max_stack too small") {
    Asm a;
    a.op(Op::CONST, {kInt3}).op(Op::CONST, {kInt3}).op(Op::ADD_INT).op(Op::RETURN);
    CHECK_THAT(check(a, {}, 1), Contains("at 0003 CONST: the stack grows to 2 values, but the function's max_stack is 1"));
    CHECK(check(a, {}, 2) == "");
  }
}

TEST_CASE("bytecode verify: how functions end", "[bytecode]") {
  SECTION("missing RETURN") {
    Asm a;
    a.op(Op::CONST, {kInt3}).op(Op::POP);
    CHECK_THAT(check(a), Contains("at 0003 POP: the code runs off the end of the function here; every path must end in RETURN"));
  }
  SECTION("a conditional path running off the end") {
    Asm a;
    const Label end = a.label();
    a.op(Op::V_BEGIN).op(Op::TRUE).op(Op::V_APPLIES, {end}).op(Op::V_RESULT).bind(end).op(Op::V_BEGIN);
    CHECK_THAT(check_rule(a), Contains("every path must end in V_RESULT"));
  }
  SECTION("rule functions end in V_RESULT, others in RETURN") {
    Asm a;
    a.op(Op::NONE).op(Op::RETURN);
    CHECK_THAT(check_rule(a), Contains("function 0 (rule 'R'), at 0001 RETURN: a rule function ends in V_RESULT"));
    Asm b;
    b.op(Op::V_BEGIN).op(Op::V_RESULT);
    CHECK_THAT(check(b), Contains("at 0000 V_BEGIN: verdict instructions belong in rule functions only"));
  }
  SECTION("the source position is in the message") {
    Asm a;
    a.at("rulesets/x.frist", 7, 9).op(Op::CONST, {kInt3}).op(Op::NEG_DEC).op(Op::RETURN);
    CHECK_THAT(check(a), Contains("NEG_DEC: operand 1 of 1 must be a decimal, but it is int (source rulesets/x.frist:7:9)"));
  }
}

TEST_CASE("bytecode verify: deep stacks at many joins exhaust the step budget", "[bytecode]") {
  Asm a;
  for (int i = 0; i < 60000; ++i) a.op(Op::NONE);
  for (int i = 0; i < 2000; ++i) a.op(Op::JUMP, {0});
  a.op(Op::RETURN);
  CHECK_THAT(check(a, {}, 65535), Contains("verifying this file takes more than 67108864 steps"));
}

TEST_CASE("bytecode verify: every instruction's operands have a rule", "[bytecode]") {
  // Each opcode with all-zero operands, in a rule function and in another
  // function: whatever else is wrong, the verifier knows what its operands mean.
  for (std::uint8_t byte = 0; valid_op(byte); ++byte) {
    const OpInfo& info = op_info(static_cast<Op>(byte));
    Asm a;
    a.raw({byte});
    for (std::size_t i = 1; i < info.size; ++i) a.raw({0});
    a.op(Op::NONE).op(Op::RETURN);
    INFO(info.name);
    CHECK_THAT(check(a, {Kind::Any}), !Contains("no rule for this instruction"));
    CHECK_THAT(check_rule(a, {Kind::Any}), !Contains("no rule for this instruction"));
  }
}
