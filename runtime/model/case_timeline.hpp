// The case timeline: one case as every reader produces it and the VM reads
// it, whatever the input format. Events are sorted by time (a date at the
// start of its local day, ties in input order) and indexed by type; attribute
// values are typed, stored densely per event by declared slot, texts in one
// arena. A timeline is reused across cases (clear() keeps capacity), so a
// reader thread allocates nothing per case once warmed up.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/model/value_type.hpp"
#include "runtime/time/timestamp.hpp"

namespace frist::model {

// A typed attribute value (24 bytes). `present == false` means missing.
struct AttrValue {
  ValueType type = ValueType::Text;
  bool present = false;
  time::Precision precision = time::Precision::Instant;  // DateTime only
  std::uint8_t duration_kind = 0;                         // Duration only (Duration::Kind)
  std::int32_t i32 = 0;  // Date: days; DateTime: local date; Text: byte length; Duration: days
  std::int64_t a = 0;    // Bool/Int: value; Decimal: bit pattern of the double; Text: arena offset;
                         // DateTime: lo; Duration: micros
  std::int64_t b = 0;    // DateTime: hi; Duration: months

  bool as_bool() const noexcept { return a != 0; }
  double as_decimal() const noexcept;
};
static_assert(sizeof(AttrValue) == 24);

struct Event {
  time::Timestamp at;
  std::uint32_t type = 0;         // vocabulary event type id
  std::uint32_t input_index = 0;  // position among the case's events in the input (0-based)
  std::uint32_t attr_begin = 0;   // first slot in CaseTimeline::attrs; the type's attribute count follows
  std::uint32_t id_offset = 0;    // event `id` in the arena
  std::int32_t id_length = -1;    // -1: the event has no id
};

struct CaseTimeline {
  std::string id;
  std::uint64_t line = 0;  // input line of the case (JSONL line, first CSV row, XES <trace>)
  std::vector<Event> events;             // sorted: (at.lo, input_index)
  std::vector<std::uint32_t> type_start; // size = number of event types + 1
  std::vector<std::uint32_t> by_type;    // indices into `events`, grouped by type, each group in time order
  std::vector<AttrValue> attrs;          // event attributes
  std::vector<AttrValue> case_attrs;     // one per declared case attribute
  std::string arena;                     // texts: event ids and text values

  void clear() noexcept;
  std::string_view text(std::int64_t offset, std::int32_t length) const noexcept {
    return std::string_view(arena).substr(static_cast<std::size_t>(offset), static_cast<std::size_t>(length));
  }
  std::string_view event_id(const Event& e) const noexcept {
    return e.id_length < 0 ? std::string_view{} : text(e.id_offset, e.id_length);
  }
  std::span<const std::uint32_t> events_of_type(std::uint32_t type) const noexcept {
    return {by_type.data() + type_start[type], by_type.data() + type_start[type + 1]};
  }
};

}  // namespace frist::model
