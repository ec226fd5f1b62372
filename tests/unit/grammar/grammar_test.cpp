// Grammar tests: pegtl::analyze finds no problem, both keyword sets parse
// the same constructs, keywords do not match prefixes of UTF-8 identifiers,
// nesting is limited, and syntax errors are reported where they occur.
#include <catch2/catch.hpp>

#include <string>

#include "grammar/parse.hpp"

using namespace frist::grammar;

namespace {

std::string dump(const PNode& n, std::string_view src, int depth = 0) {
  std::string out(static_cast<std::size_t>(depth) * 2, ' ');
  out += node_kind_name(n.kind);
  if (n.kind == NodeKind::Keyword) out += std::string(":") + std::string(keyword_name(n.kw));
  if (n.children.empty()) out += " '" + std::string(n.text(src)) + "'";
  out += "\n";
  for (const auto& c : n.children) out += dump(*c, src, depth + 1);
  return out;
}

ParseOutput parse_ok(const std::string& src) {
  ParseOutput out = parse_source(src);
  INFO(src);
  for (const auto& e : out.errors) {
    INFO("error at " << e.offset << ": expected " << expect_message(e.expected, out.lang));
    CHECK(false);
  }
  return out;
}

}  // namespace

TEST_CASE("the grammar has no analyze issues", "[grammar]") { CHECK(analyze_grammar_issues() == 0); }

TEST_CASE("the language line selects the keyword set", "[grammar]") {
  CHECK(detect_language("sprog da\n").lang == Lang::Da);
  CHECK(detect_language("# kommentar\n\nsprog da\n").declared);
  CHECK(detect_language("language en\n").lang == Lang::En);
  CHECK_FALSE(detect_language("rule x\n").declared);
  CHECK(detect_language("rule x\n").lang == Lang::En);
  CHECK_FALSE(detect_language("sprogda\n").declared);
}

TEST_CASE("a Danish rule with deadline, let and for each parses", "[grammar]") {
  const std::string src = R"(sprog da
regelsæt serviceloven "Serviceloven"
  version "2019.1"
  kilde "LBK nr 1287 af 02/09/2022"
  gælder til 2023-12-31
  sagsdato første afgørelse ellers første hændelse
  kalender dk.helligdage

brug dk.børnesager

regel fire_måneders_frist "Børnefaglig undersøgelse afsluttet inden for 4 måneder"
  hjemmel "SEL § 50, stk. 7"
  status verificeret
  gælder når findes undersøgelse_påbegyndt
  lad start = første opmærksom
  ubestemt når start mangler fordi "start ikke registreret"
  lad slut = første undersøgelse_afsluttet s hvor dato(s) >= dato(start)
  kræv slut senest dato(start) + 4 måneder

regel børnesamtale_før_afgørelse "Samtale med barnet forud for afgørelsen"
  hjemmel "SEL § 48, stk. 1"
  for hver afgørelse a
  undtaget når a.samtale_undladt findes fordi "lovlig undladelse dokumenteret"
  lad tidligere = sidste afgørelse p hvor dato(p) < dato(a)
  kræv findes børnesamtale b hvor b.om = "afgørelse" og dato(b) <= dato(a)
       og (tidligere mangler eller dato(b) > dato(tidligere))

test "samtale dagen før afgørelsen" for børnesamtale_før_afgørelse
  pr. 2022-01-01
  sag kommune: "Ishøj"
    børnesamtale 2021-05-31 om: "afgørelse"
    afgørelse 2021-06-01 hjemmel: "SEL § 52, stk. 3, nr. 3"
  forvent overholdt
)";
  ParseOutput out = parse_ok(src);
  CHECK(out.lang == Lang::Da);
  REQUIRE(out.items.size() == 5);
  CHECK(out.items[0]->kind == NodeKind::RulesetDecl);
  CHECK(out.items[1]->kind == NodeKind::UseDecl);
  CHECK(out.items[2]->kind == NodeKind::RuleDecl);
  CHECK(out.items[4]->kind == NodeKind::TestDecl);
  INFO(dump(*out.items[2], src));
  const PNode& rule = *out.items[2];
  int clauses = 0;
  for (const auto& c : rule.children) clauses += c->kind == NodeKind::LetClause || c->kind == NodeKind::RequireClause;
  CHECK(clauses == 3);
}

TEST_CASE("the same rule in English keywords parses to the same shape", "[grammar]") {
  const std::string da = R"(sprog da
regel r "t"
  gælder når findes indsats_iværksat
  lad i0 = første indsats_iværksat
  kræv findes opfølgning o inden for 3 måneder efter i0
)";
  const std::string en = R"(language en
rule r "t"
  applies when exists indsats_iværksat
  let i0 = first indsats_iværksat
  require exists opfølgning o within 3 months after i0
)";
  ParseOutput a = parse_ok(da);
  ParseOutput b = parse_ok(en);
  REQUIRE(a.items.size() == 1);
  REQUIRE(b.items.size() == 1);
  auto shape = [](const PNode& n, std::string_view src) {
    std::string s = dump(n, src);
    // Keep only the node kinds (texts differ between the languages).
    std::string kinds;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '\'') { while (++i < s.size() && s[i] != '\'') {} continue; }
      kinds += s[i];
    }
    return kinds;
  };
  CHECK(shape(*a.items[0], da) == shape(*b.items[0], en));
}

TEST_CASE("keywords never match a prefix of a longer UTF-8 identifier", "[grammar]") {
  // `regelæ` and `førstegang` are identifiers, not `regel` + `æ` / `første` + `gang`.
  const std::string src = "sprog da\nregel r\n  lad førstegang = regelæ\n  kræv førstegang\n";
  ParseOutput out = parse_ok(src);
  REQUIRE(out.items.size() == 1);
  INFO(dump(*out.items[0], src));
  const PNode* let = out.items[0]->child(NodeKind::LetClause);
  REQUIRE(let != nullptr);
  CHECK(let->child(NodeKind::Name)->text(src) == "førstegang");
  CHECK(let->child(NodeKind::NameRef) != nullptr);
}

TEST_CASE("reserved words still work as attribute names", "[grammar]") {
  const std::string src = "sprog da\nregel r\n  for hver afgørelse a\n  gælder når a.hjemmel starter med \"BL § 32\"\n  kræv a.formål og a.varighed\n";
  ParseOutput out = parse_ok(src);
  REQUIRE(out.items.size() == 1);
}

TEST_CASE("quoted event types and attributes from XES", "[grammar]") {
  const std::string src = R"(rule triage
  for each "ER Registration" r where r."org:group" = "A"
  require exists "ER Triage" t within 1 hour after r
)";
  ParseOutput out = parse_ok(src);
  REQUIRE(out.items.size() == 1);
}

TEST_CASE("100 000 nested parentheses give an error, not a stack overflow", "[grammar]") {
  std::string src = "rule r\n  require ";
  src += std::string(100000, '(') + "true" + std::string(100000, ')') + "\n";
  ParseOutput out = parse_source(src);
  REQUIRE_FALSE(out.errors.empty());
  CHECK(out.errors.front().expected == Expect::Nesting);
}

TEST_CASE("syntax errors are located and parsing resumes at the next declaration", "[grammar]") {
  const std::string src = "sprog da\nregel a\n  kræv (sand\nregel b\n  lad = 3\nregel c\n  kræv sand\n";
  ParseOutput out = parse_source(src);
  REQUIRE(out.errors.size() == 2);
  CHECK(out.errors[0].expected == Expect::CloseParen);
  CHECK(out.errors[1].expected == Expect::Name);
  CHECK(src.substr(out.errors[1].offset, 1) == "=");
  REQUIRE(out.items.size() == 1);  // regel c
  CHECK(out.items[0]->child(NodeKind::Name)->text(src) == "c");
}

TEST_CASE("declarations of vocabulary, calendars, functions and templates parse", "[grammar]") {
  const std::string src = R"(sprog da
hændelse underretning "Underretning modtaget"
  fagperson: sandhedsværdi = falsk "fra en fagperson"
hændelse afgørelse
  hjemmel: tekst
  varighed: sandhedsværdi
sagsattribut født: dato "barnets fødselsdato"
funktion påskedag(y: heltal): dato
  lad a = y mod 19
  lad b = y div 100
  resultat dato(y, 3, 22) + (a + b) dage
kalender helligdage(y) "Danske helligdage"
  helligdag "Nytårsdag" = dato(y, 1, 1)
  helligdag "Store bededag" = påskedag(y) + 26 dage gælder til 2023-12-31
skabelon svar(a: hændelsestype, b: hændelsestype, aktivering: betingelse = (x) => sand)
  for hver a x hvor aktivering(x)
  kræv findes b y hvor y efter x
regel r1 "respons"
  anvend svar(a: underretning, b: afgørelse)
regelsæt ny "Ny" ændrer serviceloven
erstat regel r1 "ny titel"
  kræv sand
fjern regel r2
test "påske" forvent påskedag(2024) = 2024-03-31
regel tilsyn
  lad a = første anbringelse_iværksat
  for hver periode p af 1 år fra dato(a) til tidligste(opgørelsesdato, dato(a) + 5 år)
  kræv antal tilsynsbesøg i p >= 2
)";
  ParseOutput out = parse_ok(src);
  CHECK(out.items.size() == 12);
}
