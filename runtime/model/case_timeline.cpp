// CaseTimeline housekeeping: clearing keeps every buffer's capacity so a
// reader thread reuses one timeline for all its cases without allocating.
#include "runtime/model/case_timeline.hpp"

namespace frist::model {

void CaseTimeline::clear() noexcept {
  id.clear();
  line = 0;
  events.clear();
  type_start.clear();
  by_type.clear();
  attrs.clear();
  case_attrs.clear();
  arena.clear();
}

}  // namespace frist::model
