// Loading the RULESETS… arguments of run, report, explain and diff: `.frist`
// sources are compiled (diagnostics on stderr), `.fristc` files read and
// verified; together they form a bundle (spec/semantics.md §4).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/eval/bundle.hpp"
#include "runtime/time/zone.hpp"

namespace frist::cli {

struct LoadedBundle {
  std::unique_ptr<time::Zone> zone;
  std::unique_ptr<eval::Bundle> bundle;
};

// Prints problems to stderr and returns nullopt when something cannot be
// loaded (the caller exits with 2).
std::optional<LoadedBundle> load_bundle(const std::vector<std::string>& paths, const std::vector<std::string>& lib_dirs);

// Parses --as-of (YYYY-MM-DD), or today's date in Copenhagen when empty.
std::optional<time::Days> parse_as_of(const std::string& text, const time::Zone& zone);

}  // namespace frist::cli
