// CaseIdRegistry: first successful occurrence of a case id wins.
#include "runtime/io/case_id_registry.hpp"

#include <fmt/format.h>

#include "runtime/model/case_timeline.hpp"

namespace frist::io {

bool CaseIdRegistry::claim(std::string_view id, std::uint64_t line) {
  if (first_line_.find(id) != first_line_.end()) return false;
  first_line_.emplace(std::string(id), line);
  return true;
}

bool CaseIdRegistry::claim(const model::CaseTimeline& timeline, Rejection& rejection) {
  const auto it = first_line_.find(std::string_view(timeline.id));
  if (it == first_line_.end()) {
    first_line_.emplace(timeline.id, timeline.line);
    return true;
  }
  rejection.line = timeline.line;
  rejection.case_id = timeline.id;
  rejection.has_case_id = true;
  rejection.reason = fmt::format("duplicate case id: a case with this id was already read (line {})", it->second);
  return false;
}

}  // namespace frist::io
