// CaseBuilder: checks and converts one case's input against the vocabulary
// and assembles its CaseTimeline (see case_builder.hpp).
#include "runtime/io/case_builder.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "runtime/io/value_text.hpp"
#include "runtime/time/timestamp.hpp"

namespace frist::io {
namespace {

using model::AttrValue;
using model::ValueType;

std::string_view expected_form(ValueType type) {
  switch (type) {
    case ValueType::Bool: return "bool (true or false)";
    case ValueType::Int: return "int (a whole number)";
    case ValueType::Decimal: return "decimal (a number)";
    case ValueType::Text: return "text (a string)";
    case ValueType::Date: return "date (YYYY-MM-DD)";
    case ValueType::DateTime: return "datetime (YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])";
    case ValueType::Duration: return "duration (ISO 8601 such as P4M or PT24H, calendar or clock units, not both)";
  }
  return "?";
}

std::string_view kind_name(const InputValue& v) {
  switch (v.kind) {
    case InputValue::Kind::Null: return "null";
    case InputValue::Kind::String: return "a string";
    case InputValue::Kind::Bool: return "a boolean";
    case InputValue::Kind::Int: return "a whole number";
    case InputValue::Kind::Float: return "a number";
    case InputValue::Kind::Timestamp: return "a date-time";
    case InputValue::Kind::Cell: return "text";
    case InputValue::Kind::Nested: return "an array or object";
    case InputValue::Kind::Malformed: return v.text;
  }
  return "?";
}

AttrValue missing_of(ValueType type) {
  AttrValue v;
  v.type = type;
  v.present = false;
  return v;
}

void set_timestamp(AttrValue& dst, const time::Timestamp& t) {
  dst.i32 = t.date;
  dst.a = t.lo;
  dst.b = t.hi;
  dst.precision = t.precision;
}

void set_duration(AttrValue& dst, const model::Duration& d) {
  dst.duration_kind = static_cast<std::uint8_t>(d.kind);
  dst.i32 = d.days;
  dst.a = d.micros;
  dst.b = d.months;
}

// A declared default as stored in the timeline; texts go to `texts`.
AttrValue default_of(const model::AttributeDecl& decl, std::string& texts) {
  AttrValue v = missing_of(decl.type);
  if (!decl.default_value) return v;
  v.present = true;
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, bool>) {
          v.a = x ? 1 : 0;
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          if (decl.type == ValueType::Decimal) v.a = std::bit_cast<std::int64_t>(static_cast<double>(x));
          else v.a = x;
        } else if constexpr (std::is_same_v<T, double>) {
          v.a = std::bit_cast<std::int64_t>(x);
        } else if constexpr (std::is_same_v<T, std::string>) {
          v.a = static_cast<std::int64_t>(texts.size());
          v.i32 = static_cast<std::int32_t>(x.size());
          texts += x;
        } else if constexpr (std::is_same_v<T, time::Days>) {
          v.i32 = x;
        } else if constexpr (std::is_same_v<T, time::Timestamp>) {
          set_timestamp(v, x);
        } else {
          set_duration(v, x);
        }
      },
      decl.default_value->value);
  return v;
}

}  // namespace

CaseBuilder::CaseBuilder(const model::Vocabulary& vocabulary, const time::Zone& zone, const ReadLimits& limits,
                         InputStyle style)
    : vocabulary_(vocabulary), names_(vocabulary), timestamps_(zone), limits_(limits), style_(style) {
  type_defaults_begin_.push_back(0);
  for (const auto& type : vocabulary_.event_types()) {
    for (const auto& attr : type.attributes) type_defaults_.push_back(default_of(attr, default_texts_));
    type_defaults_begin_.push_back(static_cast<std::uint32_t>(type_defaults_.size()));
  }
  for (const auto& attr : vocabulary_.case_attributes()) case_defaults_.push_back(default_of(attr, default_texts_));
}

void CaseBuilder::begin_case(std::uint64_t line, model::CaseTimeline& out, ReadStats& stats) {
  out.clear();
  out.line = line;
  out.arena.assign(default_texts_);
  out.case_attrs.assign(case_defaults_.begin(), case_defaults_.end());
  out_ = &out;
  stats_ = &stats;
  ++stats.records;
  failed_ = unreadable_ = has_case_id_ = false;
  reason_.clear();
  case_line_ = line_ = line;
  file_ = {};
  input_events_ = 0;
  event_ids_.clear();
  in_event_ = false;
}

// ---------------------------------------------------------------- places ---

std::string CaseBuilder::place_text(Place place, std::string_view key, std::uint64_t line, std::uint32_t event) const {
  switch (style_) {
    case InputStyle::Jsonl:
      switch (place) {
        case Place::Record: return {};
        case Place::CaseId: return "'case'";
        case Place::CaseAttributes: return "'attrs'";
        case Place::CaseAttribute: return fmt::format("attrs.{}", key);
        case Place::Events: return "'events'";
        case Place::Event: return fmt::format("events[{}]", event);
        case Place::EventType: return fmt::format("events[{}].type", event);
        case Place::EventAt: return fmt::format("events[{}].at", event);
        case Place::EventId: return fmt::format("events[{}].id", event);
        case Place::EventAttributes: return fmt::format("events[{}].attrs", event);
        case Place::EventAttribute: return fmt::format("events[{}].attrs.{}", event, key);
      }
      break;
    case InputStyle::Csv: {
      std::string where = file_.empty() ? fmt::format("line {}", line) : fmt::format("{} line {}", file_, line);
      switch (place) {
        case Place::CaseId: return where + ", column 'case'";
        case Place::CaseAttribute:
          return file_.empty() ? fmt::format("{}, column 'case.{}'", where, key) : fmt::format("{}, column '{}'", where, key);
        case Place::EventType: return where + ", column 'type'";
        case Place::EventAt: return where + ", column 'at'";
        case Place::EventId: return where + ", column 'id'";
        case Place::EventAttribute: return fmt::format("{}, column '{}'", where, key);
        default: return where;
      }
    }
    case InputStyle::Xes:
      switch (place) {
        case Place::CaseId: return fmt::format("line {}, trace attribute 'concept:name'", line);
        case Place::CaseAttribute: return fmt::format("line {}, trace attribute '{}'", line, key);
        case Place::Event: return fmt::format("line {}, event", line);
        case Place::EventType: return fmt::format("line {}, event attribute 'concept:name'", line);
        case Place::EventAt: return fmt::format("line {}, event attribute 'time:timestamp'", line);
        case Place::EventAttribute: return fmt::format("line {}, event attribute '{}'", line, key);
        default: return fmt::format("line {}", line);
      }
  }
  return {};
}

void CaseBuilder::fail_at(Place place, std::string_view key, std::uint64_t line, std::string_view what) {
  fail_at_event(place, key, line, input_events_ == 0 ? 0 : input_events_ - 1, what);
}

void CaseBuilder::fail_at_event(Place place, std::string_view key, std::uint64_t line, std::uint32_t event,
                                std::string_view what) {
  if (failed_) return;
  failed_ = true;
  const auto where = place_text(place, key, line, event);
  reason_ = where.empty() ? std::string(what) : fmt::format("{}: {}", where, what);
}

void CaseBuilder::fail(Place place, std::string_view what, std::string_view key) {
  const bool event_place = place == Place::Event || place == Place::EventType || place == Place::EventAt ||
                           place == Place::EventId || place == Place::EventAttributes ||
                           place == Place::EventAttribute;
  fail_at(place, key, event_place && in_event_ && style_ != InputStyle::Csv ? event_line_ : line_, what);
  if (place == Place::CaseId) has_case_id_ = false;
}

void CaseBuilder::fail_unreadable(std::string_view what) {
  failed_ = false;  // overrides an earlier, lesser problem
  fail_at(Place::Record, {}, line_, what);
  unreadable_ = true;
}

// ------------------------------------------------------------------ case ---

void CaseBuilder::case_id(std::string_view id) {
  if (id.empty()) {
    fail(Place::CaseId, "empty case id (expected a non-empty string)");
    return;
  }
  out_->id.assign(id);
  has_case_id_ = true;
}

void CaseBuilder::case_attribute(std::string_view name, const InputValue& value) {
  if (failed_) return;
  const auto slot = names_.find(NameTable::kCaseAttributes, name);
  if (slot == model::Vocabulary::kNotFound) {
    count_undeclared_attribute("case", name);
    return;
  }
  if (value.kind == InputValue::Kind::Null) return;  // missing: keeps the default
  if (!convert(value, vocabulary_.case_attributes()[slot].type, out_->case_attrs[slot], why_)) {
    fail_at(Place::CaseAttribute, name, line_, why_);
  }
}

// ---------------------------------------------------------------- events ---

void CaseBuilder::too_many_events() {
  fail_at(Place::Events, {}, line_, fmt::format("more than {} events in one case (the limit)", limits_.max_events_per_case));
}

void CaseBuilder::too_many_attributes() {
  fail_at(Place::Event, {}, event_line_,
          fmt::format("more than {} attributes on one event (the limit)", limits_.max_attributes_per_event));
}

void CaseBuilder::end_event() {
  in_event_ = false;
  if (failed_) return;
  const auto input_index = input_events_ - 1;
  if (!has_type_ || !has_at_) [[unlikely]] {
    const std::string_view missing = style_ == InputStyle::Jsonl ? "missing required key"
                                     : style_ == InputStyle::Csv ? "missing value in required column"
                                                                 : "missing required attribute";
    const std::string_view key = !has_type_ ? (style_ == InputStyle::Xes ? "concept:name" : "type")
                                            : (style_ == InputStyle::Xes ? "time:timestamp" : "at");
    fail_at(Place::Event, {}, event_line_, fmt::format("{} '{}'", missing, key));
    return;
  }
  const auto parsed = timestamps_.parse(at_text_);
  if (parsed.error != time::TimestampError::None) {
    fail_at(Place::EventAt, {}, at_line_, time::describe(parsed.error));
    return;
  }
  if (parsed.local_adjusted) ++stats_->local_time_adjusted;

  std::uint32_t id_offset = 0;
  std::int32_t id_length = -1;
  if (has_id_) {
    id_offset = append_text(id_text_);
    id_length = static_cast<std::int32_t>(id_text_.size());
    event_ids_.push_back(EventId{id_offset, static_cast<std::uint32_t>(id_text_.size()), input_index, id_line_});
  }

  const auto type = names_.find(NameTable::kEventTypes, type_name_);
  if (type == model::Vocabulary::kNotFound) {
    count_undeclared_type(type_name_);  // ignored everywhere by the engine
    return;
  }

  auto& out = *out_;
  model::Event event;
  event.at = parsed.value;
  event.type = type;
  event.input_index = input_index;
  event.attr_begin = static_cast<std::uint32_t>(out.attrs.size());
  event.id_offset = id_offset;
  event.id_length = id_length;
  out.attrs.insert(out.attrs.end(), type_defaults_.begin() + type_defaults_begin_[type],
                   type_defaults_.begin() + type_defaults_begin_[type + 1]);
  const auto& decls = vocabulary_.event_types()[type].attributes;
  for (const auto& attr : pending_) {
    const auto slot = names_.find(type, attr.name);
    if (slot == model::Vocabulary::kNotFound) {
      count_undeclared_attribute(type_name_, attr.name);
      continue;
    }
    if (attr.value.kind == InputValue::Kind::Null) continue;  // missing: keeps the default
    if (!convert(attr.value, decls[slot].type, out.attrs[event.attr_begin + slot], why_)) {
      fail_at(Place::EventAttribute, attr.name, attr.line, why_);
      return;
    }
  }
  out.events.push_back(event);
}

// ----------------------------------------------------------- conversion ---

std::uint32_t CaseBuilder::append_text(std::string_view text) {
  auto& arena = out_->arena;
  const auto offset = static_cast<std::uint32_t>(arena.size());
  arena.append(text);
  return offset;
}

bool CaseBuilder::convert(const InputValue& value, ValueType type, AttrValue& dst, std::string& why) {
  using Kind = InputValue::Kind;
  auto wrong_type = [&] {
    why = fmt::format("wrong value type: expected {}, got {}", expected_form(type), kind_name(value));
    return false;
  };
  auto wrong_value = [&](std::string_view problem) {
    why = fmt::format("{}; expected {}", problem, expected_form(type));
    return false;
  };
  if (value.kind == Kind::Nested || value.kind == Kind::Malformed) return wrong_type();
  const bool textual = value.kind == Kind::String || value.kind == Kind::Cell || value.kind == Kind::Timestamp;
  const std::string_view text = value.kind == Kind::Cell && type != ValueType::Text ? trim_blanks(value.text) : value.text;

  AttrValue v = missing_of(type);
  v.present = true;
  switch (type) {
    case ValueType::Text: {
      if (!textual) return wrong_type();
      if (text.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) return wrong_value("text too long");
      v.a = append_text(text);
      v.i32 = static_cast<std::int32_t>(text.size());
      break;
    }
    case ValueType::Bool: {
      if (value.kind == Kind::Bool) {
        v.a = value.boolean ? 1 : 0;
      } else if (value.kind == Kind::Cell) {
        const auto b = parse_bool_text(text);
        if (!b) return wrong_value("not a boolean");
        v.a = *b ? 1 : 0;
      } else {
        return wrong_type();
      }
      break;
    }
    case ValueType::Int: {
      if (value.kind == Kind::Int) {
        v.a = value.integer;
      } else if (value.kind == Kind::Float) {
        const double d = value.number;
        if (!(d >= -9.2233720368547758e18 && d < 9.2233720368547758e18) || std::trunc(d) != d) {
          return wrong_value("a number with a fraction or out of range");
        }
        v.a = static_cast<std::int64_t>(d);
      } else if (value.kind == Kind::Cell) {
        const auto i = parse_int_text(text);
        if (!i) return wrong_value("not a whole number");
        v.a = *i;
      } else {
        return wrong_type();
      }
      break;
    }
    case ValueType::Decimal: {
      double d = 0;
      if (value.kind == Kind::Int) {
        d = static_cast<double>(value.integer);
      } else if (value.kind == Kind::Float) {
        d = value.number;
      } else if (value.kind == Kind::Cell) {
        const auto p = parse_decimal_text(text);
        if (!p) return wrong_value("not a number");
        d = *p;
      } else {
        return wrong_type();
      }
      v.a = std::bit_cast<std::int64_t>(d);
      break;
    }
    case ValueType::Date:
    case ValueType::DateTime: {
      if (!textual) return wrong_type();
      const auto parsed = timestamps_.parse(text);
      if (parsed.error != time::TimestampError::None) return wrong_value(time::describe(parsed.error));
      if (parsed.local_adjusted) ++stats_->local_time_adjusted;
      if (type == ValueType::Date) {
        // An XES date is always a date-time: its local date is meant. In JSON
        // and CSV a date attribute takes exactly YYYY-MM-DD.
        if (!parsed.value.is_date() && value.kind != Kind::Timestamp) return wrong_value("a date-time, not a date");
        v.i32 = parsed.value.date;
      } else {
        set_timestamp(v, parsed.value);
      }
      break;
    }
    case ValueType::Duration: {
      if (value.kind != Kind::String && value.kind != Kind::Cell) return wrong_type();
      const auto d = parse_duration_text(text);
      if (!d) return wrong_value("not a valid duration");
      set_duration(v, *d);
      break;
    }
  }
  dst = v;
  return true;
}

// -------------------------------------------------------------- warnings ---

void CaseBuilder::count_undeclared_type(std::string_view type) {
  key_.assign(type);
  auto& counts = stats_->undeclared_event_types;
  if (const auto it = counts.find(key_); it != counts.end()) ++it->second;
  else counts.emplace(key_, 1);
}

void CaseBuilder::count_undeclared_attribute(std::string_view owner, std::string_view name) {
  key_.assign(owner);
  key_ += '.';
  key_ += name;
  auto& counts = stats_->undeclared_attributes;
  if (const auto it = counts.find(key_); it != counts.end()) ++it->second;
  else counts.emplace(key_, 1);
}

// ---------------------------------------------------------------- finish ---

bool CaseBuilder::check_event_ids() {
  if (event_ids_.size() < 2) return true;
  const auto& arena = out_->arena;
  auto text_of = [&arena](const EventId& e) { return std::string_view(arena).substr(e.offset, e.length); };
  // A case has a few ids: comparing every pair finds that none repeats
  // faster than sorting; a repeat is reported by the sorted walk below.
  if (event_ids_.size() <= kPairwiseIdCheck) {
    bool repeat = false;
    for (std::size_t i = 1; i < event_ids_.size() && !repeat; ++i) {
      for (std::size_t j = 0; j < i; ++j) {
        if (event_ids_[i].length == event_ids_[j].length && text_of(event_ids_[i]) == text_of(event_ids_[j])) {
          repeat = true;
          break;
        }
      }
    }
    if (!repeat) return true;
  }
  std::sort(event_ids_.begin(), event_ids_.end(), [&](const EventId& a, const EventId& b) {
    const auto ta = text_of(a), tb = text_of(b);
    return ta != tb ? ta < tb : a.input_index < b.input_index;
  });
  for (std::size_t i = 1; i < event_ids_.size(); ++i) {
    const auto& first = event_ids_[i - 1];
    const auto& second = event_ids_[i];
    if (text_of(first) != text_of(second)) continue;
    const auto also = style_ == InputStyle::Jsonl ? fmt::format("also on events[{}]", first.input_index)
                                                  : fmt::format("also on line {}", first.line);
    fail_at_event(Place::EventId, {}, second.line, second.input_index,
                  fmt::format("duplicate event id within the case ({})", also));
    return false;
  }
  return true;
}

void CaseBuilder::sort_and_index() {
  auto& out = *out_;
  auto& events = out.events;
  const auto earlier = [](const model::Event& a, const model::Event& b) {
    return a.at.lo != b.at.lo ? a.at.lo < b.at.lo : a.input_index < b.input_index;
  };
  if (!std::is_sorted(events.begin(), events.end(), earlier)) {
    std::sort(events.begin(), events.end(), earlier);
    // Keep attributes in event order (the VM walks them together).
    sorted_attrs_.clear();
    for (auto& e : events) {
      const auto count = type_defaults_begin_[e.type + 1] - type_defaults_begin_[e.type];
      const auto begin = static_cast<std::uint32_t>(sorted_attrs_.size());
      sorted_attrs_.insert(sorted_attrs_.end(), out.attrs.begin() + e.attr_begin, out.attrs.begin() + e.attr_begin + count);
      e.attr_begin = begin;
    }
    out.attrs.swap(sorted_attrs_);
  }
  // Counting sort by type; within a type the events stay in time order.
  const auto types = vocabulary_.size();
  out.type_start.assign(types + 1, 0);
  for (const auto& e : events) ++out.type_start[e.type + 1];
  for (std::size_t t = 0; t < types; ++t) out.type_start[t + 1] += out.type_start[t];
  out.by_type.resize(events.size());
  // type_start[t] is used as a cursor and restored afterwards.
  for (std::uint32_t i = 0; i < events.size(); ++i) out.by_type[out.type_start[events[i].type]++] = i;
  for (std::size_t t = types; t > 0; --t) out.type_start[t] = out.type_start[t - 1];
  out.type_start[0] = 0;
}

DecodeStatus CaseBuilder::finish(Rejection& rejection) {
  if (!failed_ && !has_case_id_) {
    const std::string_view what = style_ == InputStyle::Xes ? "trace without 'concept:name' (the case id)"
                                                            : "missing required key 'case'";
    fail_at(Place::Record, {}, case_line_, what);
  }
  if (!failed_) check_event_ids();
  if (failed_) {
    rejection.line = case_line_;
    rejection.has_case_id = has_case_id_ && !unreadable_;
    if (rejection.has_case_id) rejection.case_id.assign(out_->id);
    else rejection.case_id.clear();
    rejection.reason.assign(reason_);
    return DecodeStatus::Rejected;
  }
  sort_and_index();
  return DecodeStatus::Case;
}

}  // namespace frist::io
