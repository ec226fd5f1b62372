// The JSONL RecordDecoder: one line, one case, read with simdjson On-Demand
// (one parser per decoder, reused) and fed to the CaseBuilder. Keys may come
// in any order. Every byte of the line is validated, also under unknown keys
// (On-Demand only checks what is visited, so unknown values are walked).
// Syntax errors reject the line without a case id (bad-expected.jsonl);
// shape errors (`"events": {}`, `"at": 20230101`) go to the builder, which
// keeps the case id.
//
// Strings without a backslash (nearly all) are taken in place from the line:
// a scan for the closing quote replaces simdjson's unescaping copy; strings
// with escapes go the general way (stage 1 has already checked UTF-8 and
// unescaped control characters for every string).
#include <fmt/format.h>
#include <simdjson.h>

#include <cstring>
#include <memory>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "runtime/io/case_builder.hpp"
#include "runtime/io/jsonl_reader.hpp"

namespace frist::io {
namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using Place = CaseBuilder::Place;

// Deeper nesting under an unknown key is refused (stack safety).
constexpr int kMaxSkipDepth = 128;

// The length of the string whose raw text (after the opening quote) starts
// at `p`, or npos when a backslash comes before the closing quote (the string
// must be unescaped). The caller guarantees a closing quote within the
// document and SIMDJSON_PADDING readable bytes after it.
inline std::size_t plain_string_length(const char* p) noexcept {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  for (std::size_t i = 0;; i += 16) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i hits = _mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash));
    if (const auto any = static_cast<unsigned>(_mm_movemask_epi8(hits)); any != 0) {
      const std::size_t at = i + static_cast<std::size_t>(__builtin_ctz(any));
      return p[at] == '"' ? at : std::string_view::npos;
    }
  }
#else
  for (std::size_t i = 0;; ++i) {
    if (p[i] == '"') return i;
    if (p[i] == '\\') return std::string_view::npos;
  }
#endif
}

std::string_view json_type_name(od::json_type t) {
  switch (t) {
    case od::json_type::array: return "an array";
    case od::json_type::object: return "an object";
    case od::json_type::number: return "a number";
    case od::json_type::string: return "a string";
    case od::json_type::boolean: return "a boolean";
    case od::json_type::null: return "null";
  }
  return "?";
}

std::string describe_syntax(error_code e) {
  switch (e) {
    case simdjson::UTF8_ERROR: return "invalid UTF-8";
    case simdjson::INCOMPLETE_ARRAY_OR_OBJECT: return "invalid JSON: the line ends inside an object or array";
    case simdjson::TAPE_ERROR: return "invalid JSON: a comma, colon, brace or bracket is missing or superfluous";
    case simdjson::STRING_ERROR:
    case simdjson::UNCLOSED_STRING: return "invalid JSON: a string is malformed or not closed";
    case simdjson::NUMBER_ERROR: return "invalid JSON: a number is malformed or out of range";
    case simdjson::T_ATOM_ERROR:
    case simdjson::F_ATOM_ERROR:
    case simdjson::N_ATOM_ERROR:
    case simdjson::INCORRECT_TYPE: return "invalid JSON: a literal is not true, false or null";
    case simdjson::DEPTH_ERROR: return "invalid JSON: nested too deeply";
    case simdjson::CAPACITY: return "the line is too large for the JSON parser";
    default: return fmt::format("invalid JSON ({})", simdjson::error_message(e));
  }
}

class JsonlDecoder final : public RecordDecoder {
 public:
  JsonlDecoder(const model::Vocabulary& vocabulary, const time::Zone& zone, const ReadLimits& limits)
      : builder_(vocabulary, zone, limits, InputStyle::Jsonl) {}

  DecodeStatus decode(const RawRecord& record, model::CaseTimeline& out, Rejection& rejection,
                      ReadStats& stats) override {
    builder_.begin_case(record.line, out, stats);
    if (!record.problem.empty()) {
      builder_.fail_unreadable(record.problem);
      return builder_.finish(rejection);
    }
    const std::string& text = record.text;
    simdjson::padded_string_view view;
    if (text.capacity() >= text.size() + simdjson::SIMDJSON_PADDING) {
      view = simdjson::padded_string_view(text.data(), text.size(), text.capacity());
    } else {  // a record not made by our source: copy it next to padding
      padded_.reserve(text.size() + simdjson::SIMDJSON_PADDING);
      padded_.assign(text);
      view = simdjson::padded_string_view(padded_.data(), padded_.size(), padded_.capacity());
    }
    if (unescape_capacity_ < view.length() + simdjson::SIMDJSON_PADDING) {
      unescape_capacity_ = view.length() + simdjson::SIMDJSON_PADDING;
      unescape_buffer_ = std::make_unique<std::uint8_t[]>(unescape_capacity_);
    }
    unescape_next_ = unescape_buffer_.get();
    if (const auto e = read_line(view); e != simdjson::SUCCESS) builder_.fail_unreadable(syntax_reason(e));
    return builder_.finish(rejection);
  }

 private:
  // The line as a whole; returns a syntax error or SUCCESS (shape problems
  // are left in the builder).
  error_code read_line(const simdjson::padded_string_view& view) {
    not_object_ = trailing_ = false;
    od::document doc;
    if (const auto e = parser_.iterate(view).get(doc)) return e;
    od::json_type type;
    if (const auto e = doc.type().get(type)) return e;
    if (type != od::json_type::object) {
      not_object_ = true;
      return simdjson::INCORRECT_TYPE;
    }
    od::object object;
    if (const auto e = doc.get_object().get(object)) return e;
    bool saw_events = false;
    for (auto field_result : object) {
      od::field field;
      if (const auto e = std::move(field_result).get(field)) return e;
      std::string_view key;
      if (const auto e = key_of(field, key)) return e;
      od::value& value = field.value();
      error_code e = simdjson::SUCCESS;
      if (key == "case") {
        e = read_case_id(value);
      } else if (key == "events") {
        saw_events = true;
        e = read_events(value);
      } else if (key == "attrs") {
        e = read_attributes(value, /*event=*/false);
      } else {
        e = skip(value, 0);  // unknown top-level keys are ignored
      }
      if (e) return e;
    }
    // Anything after the object (`{…} {…}`, `{…}}`) is an error.
    const char* rest = nullptr;
    if (doc.current_location().get(rest) == simdjson::SUCCESS) {
      trailing_ = true;
      return simdjson::TAPE_ERROR;
    }
    if (!saw_events) builder_.fail(Place::Record, "missing required key 'events'");
    return simdjson::SUCCESS;
  }

  // A field's key: in place when it has no escapes, else unescaped by simdjson.
  static error_code key_of(od::field& field, std::string_view& key) {
    const char* raw = field.key().raw();
    if (const auto n = plain_string_length(raw); n != std::string_view::npos) {
      key = std::string_view(raw, n);
      return simdjson::SUCCESS;
    }
    return field.unescaped_key().get(key);
  }

  // A string value (INCORRECT_TYPE for another type): in place when it has no
  // escapes, else unescaped into this line's buffer (valid to the line's end).
  error_code string_of(od::value& value, std::string_view& out) {
    od::raw_json_string raw;
    if (const auto e = value.get_raw_json_string().get(raw)) return e;
    return text_of(raw, out);
  }

  error_code text_of(od::raw_json_string raw, std::string_view& out) {
    const char* text = raw.raw();
    if (const auto n = plain_string_length(text); n != std::string_view::npos) {
      out = std::string_view(text, n);
      return simdjson::SUCCESS;
    }
    return parser_.unescape(raw, unescape_next_).get(out);
  }

  std::string syntax_reason(error_code e) const {
    if (not_object_) return "the line is not a JSON object";
    if (trailing_) return "invalid JSON: text after the object";
    return describe_syntax(e);
  }

  error_code read_case_id(od::value& value) {
    od::json_type type;
    if (const auto e = value.type().get(type)) return e;
    if (type != od::json_type::string) {
      builder_.fail(Place::CaseId, fmt::format("expected a non-empty string, got {}", json_type_name(type)));
      return skip(value, 0);
    }
    std::string_view id;
    if (const auto e = string_of(value, id)) return e;
    builder_.case_id(id);
    return simdjson::SUCCESS;
  }

  error_code read_events(od::value& value) {
    od::json_type type;
    if (const auto e = value.type().get(type)) return e;
    if (type != od::json_type::array) {
      builder_.fail(Place::Events, fmt::format("expected an array, got {}", json_type_name(type)));
      return skip(value, 0);
    }
    od::array events;
    if (const auto e = value.get_array().get(events)) return e;
    for (auto element : events) {
      od::value event;
      if (const auto e = std::move(element).get(event)) return e;
      if (const auto e = read_event(event)) return e;
    }
    return simdjson::SUCCESS;
  }

  // Values are read as the type they should have first (a value of another
  // type is left unconsumed, with INCORRECT_TYPE) and only then asked for
  // their type: one look at the value instead of two.
  error_code read_event(od::value& value) {
    builder_.begin_event();
    od::object object;
    if (const auto e = value.get_object().get(object)) {
      if (e != simdjson::INCORRECT_TYPE) return e;
      od::json_type type;
      if (const auto e2 = value.type().get(type)) return e2;
      builder_.fail(Place::Event, fmt::format("expected an object, got {}", json_type_name(type)));
      builder_.end_event();
      return skip(value, 0);
    }
    for (auto field_result : object) {
      od::field field;
      if (const auto e = std::move(field_result).get(field)) return e;
      std::string_view key;
      if (const auto e = key_of(field, key)) return e;
      od::value& v = field.value();
      error_code e = simdjson::SUCCESS;
      if (key == "type") {
        e = read_string(v, Place::EventType, "a string (the event type)", [this](std::string_view s) { builder_.event_type(s); });
      } else if (key == "at") {
        e = read_string(v, Place::EventAt, "a timestamp string", [this](std::string_view s) { builder_.event_at(s); });
      } else if (key == "id") {
        e = read_string(v, Place::EventId, "a string", [this](std::string_view s) { builder_.event_id(s); }, true);
      } else if (key == "attrs") {
        e = read_attributes(v, /*event=*/true);
      } else {
        e = skip(v, 0);  // unknown keys in an event are ignored
      }
      if (e) return e;
    }
    builder_.end_event();
    return simdjson::SUCCESS;
  }

  template <typename Take>
  error_code read_string(od::value& value, Place place, std::string_view expected, Take take,
                         bool null_is_absent = false) {
    od::raw_json_string raw;
    if (const auto e = value.get_raw_json_string().get(raw); e != simdjson::INCORRECT_TYPE) {
      if (e) return e;
      std::string_view s;
      if (const auto e2 = text_of(raw, s)) return e2;
      take(s);
      return simdjson::SUCCESS;
    }
    od::json_type type;
    if (const auto e = value.type().get(type)) return e;
    if (!(null_is_absent && type == od::json_type::null)) {
      builder_.fail(place, fmt::format("expected {}, got {}", expected, json_type_name(type)));
    }
    return skip(value, 0);
  }

  error_code read_attributes(od::value& value, bool event) {
    od::object object;
    if (const auto e = value.get_object().get(object)) {
      if (e != simdjson::INCORRECT_TYPE) return e;
      od::json_type type;
      if (const auto e2 = value.type().get(type)) return e2;
      if (type == od::json_type::null) return skip(value, 0);  // null means absent
      builder_.fail(event ? Place::EventAttributes : Place::CaseAttributes,
                    fmt::format("expected an object, got {}", json_type_name(type)));
      return skip(value, 0);
    }
    for (auto field_result : object) {
      od::field field;
      if (const auto e = std::move(field_result).get(field)) return e;
      std::string_view name;
      if (const auto e = key_of(field, name)) return e;
      InputValue input;
      if (const auto e = read_value(field.value(), input)) return e;
      if (event) builder_.event_attribute(name, input);
      else builder_.case_attribute(name, input);
    }
    return simdjson::SUCCESS;
  }

  error_code read_value(od::value& value, InputValue& out) {
    od::json_type type;
    if (const auto e = value.type().get(type)) return e;
    switch (type) {
      case od::json_type::string: {
        std::string_view s;
        if (const auto e = string_of(value, s)) return e;
        out = InputValue::of_string(s);
        return simdjson::SUCCESS;
      }
      case od::json_type::number: {
        od::number n;
        const auto e = value.get_number().get(n);
        if (e == simdjson::NUMBER_OUT_OF_RANGE) {
          out = InputValue::malformed("a number out of range");
          return simdjson::SUCCESS;
        }
        if (e) return e;
        if (n.is_int64()) out = InputValue::of_int(n.get_int64());
        else if (n.is_uint64()) out = InputValue::of_float(static_cast<double>(n.get_uint64()));
        else out = InputValue::of_float(n.get_double());
        return simdjson::SUCCESS;
      }
      case od::json_type::boolean: {
        bool b = false;
        if (const auto e = value.get_bool().get(b)) return e;
        out = InputValue::of_bool(b);
        return simdjson::SUCCESS;
      }
      case od::json_type::null: {
        out = InputValue::null();
        return skip(value, 0);
      }
      case od::json_type::array:
      case od::json_type::object:
        out = InputValue::nested();
        return skip(value, 0);
    }
    return simdjson::INCORRECT_TYPE;
  }

  // Visits a value that is not used, so that its syntax is still checked.
  error_code skip(od::value& value, int depth) {
    if (depth > kMaxSkipDepth) return simdjson::DEPTH_ERROR;
    od::json_type type;
    if (const auto e = value.type().get(type)) return e;
    switch (type) {
      case od::json_type::object: {
        od::object object;
        if (const auto e = value.get_object().get(object)) return e;
        for (auto field_result : object) {
          od::field field;
          if (const auto e = std::move(field_result).get(field)) return e;
          std::string_view key;
          if (const auto e = key_of(field, key)) return e;
          if (const auto e = skip(field.value(), depth + 1)) return e;
        }
        return simdjson::SUCCESS;
      }
      case od::json_type::array: {
        od::array array;
        if (const auto e = value.get_array().get(array)) return e;
        for (auto element : array) {
          od::value v;
          if (const auto e = std::move(element).get(v)) return e;
          if (const auto e = skip(v, depth + 1)) return e;
        }
        return simdjson::SUCCESS;
      }
      case od::json_type::string: {
        std::string_view s;
        return string_of(value, s);
      }
      case od::json_type::number: {
        od::number n;
        const auto e = value.get_number().get(n);
        return e == simdjson::NUMBER_OUT_OF_RANGE ? simdjson::SUCCESS : e;
      }
      case od::json_type::boolean: {
        bool b = false;
        return value.get_bool().get(b);
      }
      case od::json_type::null: {
        bool is_null = false;
        if (const auto e = value.is_null().get(is_null)) return e;
        return is_null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
      }
    }
    return simdjson::INCORRECT_TYPE;
  }

  CaseBuilder builder_;
  od::parser parser_;
  std::string padded_;
  // Unescaped strings of the current line; never less than the line plus
  // padding, so it never moves while the line is read.
  std::unique_ptr<std::uint8_t[]> unescape_buffer_;
  std::size_t unescape_capacity_ = 0;
  std::uint8_t* unescape_next_ = nullptr;
  bool not_object_ = false;
  bool trailing_ = false;
};

}  // namespace

std::unique_ptr<RecordDecoder> make_jsonl_decoder(const model::Vocabulary& vocabulary, const time::Zone& zone,
                                                  const ReadLimits& limits) {
  return std::make_unique<JsonlDecoder>(vocabulary, zone, limits);
}

}  // namespace frist::io
