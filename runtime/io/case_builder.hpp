// The CaseBuilder: the one place where case data becomes a CaseTimeline,
// whatever the format. Readers feed it string_views in the order they find
// things (case id, case attributes, events with type, timestamp, id and
// attributes — keys in any order); it owns every check of case-data.md §1/§4
// that is not syntax: required keys, timestamps, duplicate event ids, value
// types against the vocabulary, defaults, limits, undeclared names (counted,
// never errors). `finish` sorts the events by time, indexes them by type and
// yields the timeline or a Rejection whose reason names the place (event
// index, key, line, column) and what was expected — never the value.
//
// The first problem wins; after it the builder ignores further input (cheap),
// but still takes the case id, so a reader that goes on to the end of the
// record reports the id even when it comes after the bad event. A builder is
// reused for every case of one decoder thread; after warm-up it allocates
// nothing per case (only on the error path and for new warning names).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/io/case_source.hpp"
#include "runtime/io/name_table.hpp"
#include "runtime/model/case_timeline.hpp"
#include "runtime/model/vocabulary.hpp"
#include "runtime/time/timestamp.hpp"
#include "runtime/time/zone.hpp"

namespace frist::io {

// A value as a reader found it, before it is checked against the declared
// type of its attribute. Text views must stay valid until end_event (event
// attributes) or the call returns (case attributes).
struct InputValue {
  enum class Kind : std::uint8_t {
    Null,       // JSON null, empty CSV cell: the attribute is missing
    String,     // JSON string, XES string/id
    Bool,       // JSON/XES boolean
    Int,        // JSON number without fraction or exponent, XES int
    Float,      // any other JSON number, XES float
    Timestamp,  // XES date: a timestamp text, fits date and datetime
    Cell,       // CSV cell: untyped text, converted to the declared type
    Nested,     // JSON array or object: never a valid value
    Malformed,  // a value the reader could not read as its own type; `text` says what it is
  };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  std::string_view text;

  static InputValue null() noexcept { return {}; }
  static InputValue of_string(std::string_view s) noexcept { return make(Kind::String, s); }
  static InputValue of_timestamp(std::string_view s) noexcept { return make(Kind::Timestamp, s); }
  static InputValue of_cell(std::string_view s) noexcept { return make(Kind::Cell, s); }
  static InputValue nested() noexcept { return make(Kind::Nested, {}); }
  static InputValue malformed(std::string_view what) noexcept { return make(Kind::Malformed, what); }
  static InputValue of_bool(bool b) noexcept { InputValue v; v.kind = Kind::Bool; v.boolean = b; return v; }
  static InputValue of_int(std::int64_t i) noexcept { InputValue v; v.kind = Kind::Int; v.integer = i; return v; }
  static InputValue of_float(double d) noexcept { InputValue v; v.kind = Kind::Float; v.number = d; return v; }

 private:
  static InputValue make(Kind k, std::string_view s) noexcept { InputValue v; v.kind = k; v.text = s; return v; }
};

// How a format names places in rejection reasons.
enum class InputStyle : std::uint8_t {
  Jsonl,  // key paths: `events[2].attrs.akut`
  Csv,    // `line 7, column 'akut'`
  Xes,    // `line 120, event attribute 'time:timestamp'`
};

class CaseBuilder {
 public:
  // The vocabulary and zone must outlive the builder.
  CaseBuilder(const model::Vocabulary& vocabulary, const time::Zone& zone, const ReadLimits& limits,
              InputStyle style);

  // Starts a case read from input line `line` into `out` (cleared, capacity
  // kept). Counts the record in `stats`, which also receives the warnings.
  void begin_case(std::uint64_t line, model::CaseTimeline& out, ReadStats& stats);

  // Where the next values come from, for reasons (CSV row, XES element line;
  // JSONL needs none). `file` names a side file (CSV --case-attrs) while its
  // values are fed; empty for the main input.
  void set_line(std::uint64_t line) noexcept { line_ = line; }
  void set_file(std::string_view file) noexcept { file_ = file; }

  void case_id(std::string_view id);
  void case_attribute(std::string_view name, const InputValue& value);

  // Inline: called for every event and every key of it (a call cost more
  // than the work).
  void begin_event() {
    ++stats_->events;
    in_event_ = true;
    has_type_ = has_at_ = has_id_ = false;
    pending_.clear();
    event_line_ = line_;
    if (input_events_ >= limits_.max_events_per_case && !failed_) [[unlikely]] too_many_events();
    ++input_events_;
  }
  void event_type(std::string_view name) noexcept {
    type_name_ = name;
    has_type_ = true;
  }
  void event_at(std::string_view text) noexcept {
    at_text_ = text;
    at_line_ = line_;
    has_at_ = true;
  }
  void event_id(std::string_view id) noexcept {
    id_text_ = id;
    id_line_ = line_;
    has_id_ = true;
  }
  void event_attribute(std::string_view name, const InputValue& value) {
    if (failed_) return;
    if (pending_.size() >= limits_.max_attributes_per_event) [[unlikely]] {
      too_many_attributes();
      return;
    }
    pending_.push_back(PendingAttr{name, value, line_});
  }
  void end_event();

  // Places a reader can name in a reason.
  enum class Place : std::uint8_t {
    Record,          // the whole case
    CaseId,          // `case`
    CaseAttributes,  // `attrs` as a whole
    CaseAttribute,   // one case attribute (`key` = its name)
    Events,          // `events` as a whole
    Event,           // the current event
    EventType,
    EventAt,
    EventId,
    EventAttributes, // an event's `attrs` as a whole
    EventAttribute,  // one event attribute (`key` = its name)
  };
  // A problem the reader found that is not syntax (a key of the wrong JSON
  // type, a missing key): the reason is "<place>: <what>".
  void fail(Place place, std::string_view what, std::string_view key = {});
  // The record cannot be read at all (invalid JSON, invalid UTF-8, too long):
  // the rejection carries no case id. Overrides an earlier problem.
  void fail_unreadable(std::string_view what);

  bool failed() const noexcept { return failed_; }
  std::uint32_t event_count() const noexcept { return input_events_; }

  // Completes the case: Case (the timeline in `out` is ready) or Rejected.
  DecodeStatus finish(Rejection& rejection);

 private:
  struct PendingAttr {
    std::string_view name;
    InputValue value;
    std::uint64_t line;
  };
  struct EventId {
    std::uint32_t offset;
    std::uint32_t length;
    std::uint32_t input_index;
    std::uint64_t line;
  };

  void too_many_events();
  void too_many_attributes();
  std::string place_text(Place place, std::string_view key, std::uint64_t line, std::uint32_t event) const;
  void fail_at(Place place, std::string_view key, std::uint64_t line, std::string_view what);
  void fail_at_event(Place place, std::string_view key, std::uint64_t line, std::uint32_t event,
                     std::string_view what);
  // Converts `value` to `type` into `dst`; on failure returns false and sets `why`.
  bool convert(const InputValue& value, model::ValueType type, model::AttrValue& dst, std::string& why);
  std::uint32_t append_text(std::string_view text);
  void count_undeclared_type(std::string_view type);
  void count_undeclared_attribute(std::string_view owner, std::string_view name);
  // Up to this many ids are checked pair by pair, more by sorting.
  static constexpr std::size_t kPairwiseIdCheck = 16;
  bool check_event_ids();
  void sort_and_index();

  const model::Vocabulary& vocabulary_;
  NameTable names_;  // the vocabulary's names, for the per-event lookups
  time::TimestampParser timestamps_;  // parse_timestamp with a cache of the dates seen
  ReadLimits limits_;
  InputStyle style_;

  // Declared defaults, converted once: per event type a run of slots in
  // `type_defaults_`, texts in `default_texts_` (the prefix of every arena).
  std::vector<model::AttrValue> type_defaults_;
  std::vector<std::uint32_t> type_defaults_begin_;  // size = types + 1
  std::vector<model::AttrValue> case_defaults_;
  std::string default_texts_;

  // The case under construction.
  model::CaseTimeline* out_ = nullptr;
  ReadStats* stats_ = nullptr;
  bool failed_ = false;
  bool unreadable_ = false;
  bool has_case_id_ = false;
  std::string reason_;
  std::uint64_t case_line_ = 0;
  std::uint64_t line_ = 0;
  std::string_view file_;
  std::uint32_t input_events_ = 0;
  std::vector<EventId> event_ids_;

  // The event under construction.
  bool in_event_ = false;
  std::string_view type_name_;
  std::string_view at_text_;
  std::string_view id_text_;
  bool has_type_ = false, has_at_ = false, has_id_ = false;
  std::uint64_t event_line_ = 0, at_line_ = 0, id_line_ = 0;
  std::vector<PendingAttr> pending_;

  // Scratch, reused.
  std::string key_;
  std::string why_;  // what convert found wrong
  std::vector<model::Event> sorted_events_;
  std::vector<model::AttrValue> sorted_attrs_;
};

}  // namespace frist::io
