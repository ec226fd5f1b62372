// The report as JSON (spec/case-data.md §5, `frist report --format json`) and
// back. The JSON carries everything the other formats need — ruleset titles
// and languages, rule titles, hjemmel and status, undetermined reasons — so
// `frist report --merge` can rebuild any format from JSON reports alone.
// Writing is deterministic (groups in group_order(), reasons by text, rates
// and intervals unrounded as the shortest text that reads back exactly), so
// merging the reports of two halves of a file gives the same bytes as one
// run over the whole file. Derived values (n, rate, ci95, small_n) are
// written for readers and recomputed from the counts when read.
#pragma once

#include <string>
#include <string_view>

#include "runtime/common/result.hpp"
#include "runtime/report/report.hpp"

namespace frist::report {

std::string write_json(const Report& report);

// Parses a report written by write_json(). `name` (a file name) prefixes
// error messages. Errors name the key that is missing or wrong.
Result<Report> read_json(std::string_view text, std::string_view name);

}  // namespace frist::report
