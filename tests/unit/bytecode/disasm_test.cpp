// Unit tests for runtime/bytecode disassemble: the listing of the sample
// ruleset (header, metadata, vocabulary, calendar, constants, functions with
// resolved operands, absolute jump targets and source lines), determinism,
// and safety on a ruleset that does not verify.
#include <catch2/catch.hpp>

#include "bytecode_fixtures.hpp"
#include "runtime/bytecode/program.hpp"

using namespace frist::bytecode;
using namespace frist::bytecode::testing;
using Catch::Matchers::Contains;

TEST_CASE("bytecode disasm: the sample listing", "[bytecode]") {
  const std::string text = disassemble(sample_ruleset());
  CHECK_THAT(text, Contains("; Frist bytecode, format 1, flags 0x00000000\n"
                            "; source SHA-256 01080f161d242b323940474e555c636a71787f868d949ba2a9b0b7bec5ccd3da\n"));
  CHECK_THAT(text, Contains("ruleset \"serviceloven\"\n"
                            "  title      \"Lov om social service\"\n"
                            "  version    \"2024.1\"\n"
                            "  source     \"rulesets/serviceloven.frist\"\n"
                            "  effective  2023-01-01 .. —\n"
                            "  language   da\n"
                            "  case date  function 0\n"));
  CHECK_THAT(text, Contains("  type 0 \"afgørelse\"  ; \"En afgørelse i sagen\"\n"
                            "    slot 0 \"akut\": bool = false\n"
                            "    slot 1 \"dato\": date\n"
                            "    slot 2 \"beløb\": decimal = 1.5  ; \"i kroner\"\n"));
  CHECK_THAT(text, Contains("    slot 2 \"varighed\": duration = 0 months 30 days\n"
                            "    slot 3 \"tid\": datetime = 2023-03-01T08:30:00Z (local date 2023-03-01)\n"));
  CHECK_THAT(text, Contains("  case attribute 2 \"alder\": int = 0\n"));
  CHECK_THAT(text, Contains("calendar \"Danmark\"\n"
                            "  holiday 0 \"nytårsdag\": function 3, from 1900-01-01, until —\n"));
  CHECK_THAT(text, Contains("constants\n"
                            "  k0 (int 3)\n"
                            "  k1 (int 1)\n"
                            "  k2 (decimal 0.5)\n"
                            "  k3 (text \"x\")\n"
                            "  k4 (date 2023-01-01)\n"
                            "  k5 (date-time 2023-03-01T08:30:00Z (local date 2023-03-01))\n"
                            "  k6 (duration 4 months 0 days)\n"
                            "  k7 (duration 86400 seconds)\n"
                            "  k8 (duration 6 workdays)\n"));
  CHECK_THAT(text, Contains("strings used as names and reasons\n"));
  CHECK_THAT(text, Contains("\"akut sag\""));
  CHECK_THAT(text, Contains("rule 0 \"R1\"\n"
                            "  title      \"Titel på R1\"\n"
                            "  basis      \"SEL § 50, stk. 7\"\n"
                            "  status     verified\n"
                            "  evidence   slot 0 \"frist\"\n"
                            "function 1: 0 parameters, max stack 3, code at 0005, 117 bytes\n"
                            "  slots: 0 date, 1 int\n"
                            "  ; rulesets/serviceloven.frist:10:3\n"
                            "  0005  V_BEGIN\n"
                            "  0006  EXISTS_OF          type 0 (afgørelse)\n"
                            "  0009  V_APPLIES          → 0121\n"
                            "  ; rulesets/serviceloven.frist:11:5\n"
                            "  0014  CASE_ATTR          case attribute 2 (alder)\n"
                            "  0017  CONST              k0 (int 3)\n"
                            "  0020  CMP_NUM            >\n"
                            "  0022  BRANCH             else → 0039, end → 0040\n"
                            "  0031  CONST              k0 (int 3)\n"
                            "  0034  JUMP               → 0040\n"
                            "  0039  NONE\n"
                            "  0040  STORE              slot 1 (int)\n"
                            "  ; rulesets/serviceloven.frist:12:5\n"
                            "  0043  FIRST_OF           type 0 (afgørelse)\n"
                            "  0046  EV_ATTR            type 0 (afgørelse), slot 1 (dato)\n"));
  CHECK_THAT(text, Contains("  0062  EV_ATTR_NAMED      \"dato\"\n"));
  CHECK_THAT(text, Contains("  0073  EARLIEST           3 dates\n"));
  CHECK_THAT(text, Contains("  0085  V_UNDETERMINED     \"akut sag\", → 0121\n"));
  CHECK_THAT(text, Contains("  0101  JUMP_IF_FALSE_KEEP → 0110\n"));
  CHECK_THAT(text, Contains("  0187  ACC_FIRST          slot 2 (accumulator) takes slot 4 (event), → 0201\n"
                            "  0196  LOOP               → 0164\n"));
  CHECK_THAT(text, Contains("rule 1 \"R2\"\n"));
  CHECK_THAT(text, Contains("  note       \"endnu ikke gennemgået\"\n"
                            "  status     unverified\n"
                            "  for each   type 0 (afgørelse)\n"));
  CHECK_THAT(text, Contains("ITER_NEXT          slot 0 (iterator) into slot 1 (event), done → "));
  CHECK_THAT(text, Contains("case date\nfunction 0: 0 parameters, max stack 1, code at 0000, 5 bytes\n"));
  CHECK_THAT(text, Contains("holiday \"nytårsdag\"\nfunction 3: 1 parameter, max stack 3"));
  CHECK_THAT(text, Contains("  ; stdlib/helligdage.frist:5:3\n"));
  CHECK_THAT(text, Contains("function 4: 0 parameters"));
}

TEST_CASE("bytecode disasm: deterministic and unchanged by a round trip", "[bytecode]") {
  const CompiledRuleset rs = sample_ruleset();
  const auto read = read_file(write_file(rs));
  REQUIRE(read.ok());
  CHECK(disassemble(rs) == disassemble(rs));
  CHECK(disassemble(read.value()) == disassemble(rs));
}

TEST_CASE("bytecode disasm: a ruleset that does not verify is listed without crashing", "[bytecode]") {
  CompiledRuleset rs = sample_ruleset();
  rs.code[0] = 0xEE;                       // unknown opcode
  rs.code[rs.functions[1].code_offset + 2] = 0x7F;  // an operand of EXISTS_OF: a type that does not exist
  rs.functions.back().code_size += 1000;   // past the end of the code
  rs.rules[0].function = 77;
  rs.meta.id = 99999;
  rs.constants[kTextX].s = 12345;
  std::swap(rs.debug.front(), rs.debug.back());
  const std::string text = disassemble(rs);
  CHECK_THAT(text, Contains("  0000  .byte 0xee\n"));
  CHECK_THAT(text, Contains("ruleset <string 99999?>"));
  CHECK_THAT(text, Contains("(function 77 does not exist)"));
  CHECK_THAT(text, Contains("k3 (text <string 12345?>)"));
}
