// Opening case data for report and explain.
#include "cli/report/open_cases.hpp"

#include <fmt/core.h>

namespace frist::cli {

std::optional<io::OpenedInput> open_cases(const CasesOptions& o, const eval::Bundle& bundle) {
  io::OpenOptions open;
  open.path = o.path;
  open.case_attrs_path = o.case_attrs;
  if (!o.input_format.empty()) {
    open.format = o.input_format == "csv"   ? io::InputFormat::Csv
                  : o.input_format == "xes" ? io::InputFormat::Xes
                                            : io::InputFormat::Jsonl;
  } else {
    auto f = io::format_from_path(o.path);
    if (!f) {
      fmt::print(stderr, "frist: {} (use --input-format jsonl|csv|xes)\n", f.error().message);
      return std::nullopt;
    }
    open.format = *f;
  }
  auto input = io::open_input(open, bundle.vocabulary(), bundle.zone());
  if (!input) {
    fmt::print(stderr, "frist: {}\n", input.error().message);
    return std::nullopt;
  }
  return std::move(*input);
}

}  // namespace frist::cli
