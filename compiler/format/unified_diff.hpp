// A unified diff of two texts by lines (for `frist fmt --check`): Myers'
// O(ND) difference algorithm with three lines of context, in the format of
// `diff -u` / `git diff`, so the output can be read or applied as a patch.
// Written here because none of the project's libraries diffs text, and the
// formatter's diffs are small.
#pragma once

#include <string>
#include <string_view>

namespace frist::compiler::format {

// "" when the texts are equal; otherwise `--- a/<name>`, `+++ b/<name>` and hunks.
std::string unified_diff(std::string_view before, std::string_view after, std::string_view name);

}  // namespace frist::compiler::format
