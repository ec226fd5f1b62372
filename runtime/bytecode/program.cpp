// Small helpers on a CompiledRuleset that are not part of reading, writing
// or verifying it: the rules' source texts, and stripping what only presents
// the source.
#include "runtime/bytecode/program.hpp"

#include <algorithm>

namespace frist::bytecode {

const RuleSource* CompiledRuleset::source_of(std::uint32_t rule) const {
  const auto it = std::lower_bound(rule_sources.begin(), rule_sources.end(), rule,
                                   [](const RuleSource& s, std::uint32_t r) { return s.rule < r; });
  return it != rule_sources.end() && it->rule == rule ? &*it : nullptr;
}

void strip_source_info(CompiledRuleset& ruleset) {
  ruleset.source_sha256 = {};
  ruleset.debug.clear();
  ruleset.rule_sources.clear();
}

}  // namespace frist::bytecode
