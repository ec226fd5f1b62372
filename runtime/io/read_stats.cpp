// ReadStats: merging the per-thread counters of a read and rendering its
// once-only warnings (names of types and attributes only, never values).
#include <fmt/format.h>

#include "runtime/io/case_source.hpp"

namespace frist::io {
namespace {

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

void ReadStats::merge(const ReadStats& other) {
  records += other.records;
  events += other.events;
  for (const auto& [name, n] : other.undeclared_event_types) undeclared_event_types[name] += n;
  for (const auto& [name, n] : other.undeclared_attributes) undeclared_attributes[name] += n;
  local_time_adjusted += other.local_time_adjusted;
  skipped_nested_attributes += other.skipped_nested_attributes;
}

std::uint64_t ReadStats::warning_count() const noexcept {
  return undeclared_event_types.size() + undeclared_attributes.size() + (local_time_adjusted > 0 ? 1 : 0) +
         (skipped_nested_attributes > 0 ? 1 : 0);
}

std::vector<std::string> ReadStats::warning_lines() const {
  std::vector<std::string> lines;
  lines.reserve(warning_count());
  for (const auto& [name, n] : undeclared_event_types) {
    lines.push_back(fmt::format("undeclared event type '{}' ({}) ignored", name, plural(n, "event", "events")));
  }
  for (const auto& [key, n] : undeclared_attributes) {
    // key is "type.attr" or "case.attr"; the owner is everything before the
    // first dot only if no type name contains one, so the key is shown whole.
    if (key.rfind("case.", 0) == 0) {
      lines.push_back(fmt::format("undeclared case attribute '{}' ({}) ignored", key.substr(5),
                                  plural(n, "case", "cases")));
    } else {
      lines.push_back(fmt::format("undeclared attribute '{}' ({}) ignored", key, plural(n, "occurrence", "occurrences")));
    }
  }
  if (local_time_adjusted > 0) {
    lines.push_back(fmt::format(
        "{} in the daylight-saving gap or fold took the UTC offset in force before the change",
        plural(local_time_adjusted, "local time", "local times")));
  }
  if (skipped_nested_attributes > 0) {
    lines.push_back(fmt::format("{} skipped (XES list/container and meta-attributes)",
                                plural(skipped_nested_attributes, "nested attribute", "nested attributes")));
  }
  return lines;
}

}  // namespace frist::io
