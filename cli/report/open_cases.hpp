// Opening the --cases input of report and explain the way `frist run` does:
// format from --input-format or the file name, --case-attrs for CSV.
// Prints the problem to stderr and returns nullopt when it cannot be opened.
#pragma once

#include <optional>
#include <string>

#include "runtime/eval/bundle.hpp"
#include "runtime/io/case_source.hpp"

namespace frist::cli {

struct CasesOptions {
  std::string path;
  std::string input_format;  // "", "jsonl", "csv" or "xes"
  std::string case_attrs;
};

std::optional<io::OpenedInput> open_cases(const CasesOptions& options, const eval::Bundle& bundle);

}  // namespace frist::cli
