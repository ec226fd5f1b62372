// The formatter on scrambled sources: every repository file with its layout
// thrown about (random line breaks and indentation between tokens) and
// comments inserted in random gaps, own-line and trailing. The result must
// parse, keep every comment, be idempotent, and compile to the same rules
// as the original.
#include <catch2/catch.hpp>

#include <random>

#include "compiler/format/comments.hpp"
#include "compiler/format/format.hpp"
#include "format_fixture.hpp"

using namespace frist;
using namespace frist::format_test;

namespace {

// Rebuilds `src` token by token: each gap keeps its punctuation but gets
// random whitespace, and sometimes a comment. Gaps that may not hold a line
// break or comment (`a.b`, `dk.x`, `-5`) are kept as they are.
std::string scramble(const std::string& src, std::mt19937& rng, int& comments_added) {
  const grammar::ParseOutput p = grammar::parse_source(src);
  std::vector<const grammar::PNode*> leaves;
  if (p.lang_line) compiler::format::collect_leaves(*p.lang_line, leaves);
  for (const auto& item : p.items) compiler::format::collect_leaves(*item, leaves);
  std::string out;
  std::uint32_t pos = 0;
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (std::size_t i = 0; i <= leaves.size(); ++i) {
    const std::uint32_t next = i < leaves.size() ? leaves[i]->begin : static_cast<std::uint32_t>(src.size());
    const std::string gap = src.substr(pos, next - pos);
    std::string punct;
    bool has_comment = false;
    for (std::size_t k = 0; k < gap.size(); ++k) {
      if (gap[k] == '#') {
        has_comment = true;
        break;
      }
      if (gap[k] != ' ' && gap[k] != '\t' && gap[k] != '\r' && gap[k] != '\n') punct += gap[k];
    }
    const bool fixed = i == 0 || i == leaves.size() || has_comment || punct.find('.') != std::string::npos ||
                       (!punct.empty() && punct.back() == '-');
    if (fixed) {
      out += gap;
    } else {
      auto ws = [&] {
        switch (pick(4)) {
          case 0: return std::string("\n") + std::string(static_cast<std::size_t>(pick(9)), ' ');
          case 1: return std::string("  ");
          default: return std::string(" ");
        }
      };
      std::string g = ws();
      for (std::size_t k = 0; k < punct.size(); ++k) {
        const bool arrow = punct.compare(k, 2, "=>") == 0;
        g += punct.substr(k, arrow ? 2 : 1) + ws();
        k += arrow ? 1 : 0;
      }
      if (pick(6) == 0) {
        ++comments_added;
        g = pick(2) == 0 ? "  # efter " + std::to_string(comments_added) + "\n" + g
                         : "\n# foran " + std::to_string(comments_added) + "\n" + g;
      }
      out += g;
    }
    if (i < leaves.size()) out += src.substr(leaves[i]->begin, leaves[i]->end - leaves[i]->begin);
    pos = i < leaves.size() ? leaves[i]->end : pos;
  }
  return out;
}

}  // namespace

TEST_CASE("scrambled layouts and inserted comments format to the same rules, idempotently", "[format][property]") {
  std::mt19937 rng(20241122);
  Compiler compiler;
  for (const fs::path& path : well_formed_sources()) {
    const std::string original = slurp(path);
    for (int round = 0; round < 2; ++round) {
      int added = 0;
      const std::string messy = scramble(original, rng, added);
      INFO(path.string() << " round " << round << "\n" << messy);
      const auto r = compiler::format::format_source(messy);
      REQUIRE(r.parsed);
      for (const auto& problem : r.problems) INFO(problem.message);
      REQUIRE(r.problems.empty());
      CHECK(compiler::format::format_source(r.text).text == r.text);
      // Every inserted comment survives.
      for (int k = 1; k <= added; ++k) {
        const bool kept = r.text.find("# efter " + std::to_string(k) + "\n") != std::string::npos ||
                          r.text.find("# foran " + std::to_string(k) + "\n") != std::string::npos;
        CHECK(kept);
      }
      if (round == 0) {
        const auto before = compiler.bytes(path, original, false);
        if (before) CHECK(compiler.bytes(path, r.text, false) == before);
      }
    }
  }
}
