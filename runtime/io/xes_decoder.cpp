// The XES RecordDecoder: walks a trace record (xes_record.hpp) and feeds the
// CaseBuilder. XES values keep their XES type; the builder checks them
// against the vocabulary like JSON values (an XES float fits a declared
// decimal, an int fits int or decimal, a date fits datetime or date).
#include <charconv>

#include "runtime/io/case_builder.hpp"
#include "runtime/io/value_text.hpp"
#include "runtime/io/xes_reader.hpp"
#include "runtime/io/xes_record.hpp"

namespace frist::io {
namespace {

InputValue input_of(xes::Type type, std::string_view text) {
  switch (type) {
    case xes::Type::String:
    case xes::Type::Id:
    case xes::Type::None: return InputValue::of_string(text);
    case xes::Type::Date: return InputValue::of_timestamp(text);
    case xes::Type::Boolean: {
      const auto b = parse_bool_text(trim_blanks(text));
      return b ? InputValue::of_bool(*b) : InputValue::malformed("an XES boolean that is neither true nor false");
    }
    case xes::Type::Int: {
      const auto t = trim_blanks(text);
      std::int64_t i = 0;
      const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), i);
      if (ec == std::errc{} && end == t.data() + t.size() && !t.empty()) return InputValue::of_int(i);
      return InputValue::malformed("an XES int that is not a whole number");
    }
    case xes::Type::Float: {
      const auto d = parse_decimal_text(trim_blanks(text));
      return d ? InputValue::of_float(*d) : InputValue::malformed("an XES float that is not a number");
    }
  }
  return InputValue::of_string(text);
}

class XesDecoder final : public RecordDecoder {
 public:
  XesDecoder(const model::Vocabulary& vocabulary, const time::Zone& zone, const ReadLimits& limits)
      : builder_(vocabulary, zone, limits, InputStyle::Xes) {}

  DecodeStatus decode(const RawRecord& record, model::CaseTimeline& out, Rejection& rejection,
                      ReadStats& stats) override {
    builder_.begin_case(record.line, out, stats);
    if (!record.problem.empty()) {
      builder_.fail_unreadable(record.problem);
      return builder_.finish(rejection);
    }
    std::size_t pos = 0;
    xes::Item item{};
    bool in_event = false;
    while (xes::next_item(record.text, pos, item)) {
      builder_.set_line(item.line);
      switch (item.tag) {
        case xes::Tag::TraceAttribute:
          if (item.key == "concept:name") builder_.case_id(item.value);
          else builder_.case_attribute(item.key, input_of(item.type, item.value));
          break;
        case xes::Tag::EventBegin:
          builder_.begin_event();
          in_event = true;
          break;
        case xes::Tag::EventAttribute:
          if (item.key == "concept:name") builder_.event_type(item.value);
          else if (item.key == "time:timestamp") builder_.event_at(item.value);
          // The event's own id (other events refer to it, e.g. an assessment
          // to its notification): an attribute `id`, or XES's identity:id.
          else if (item.key == "id" || item.key == "identity:id") builder_.event_id(item.value);
          else builder_.event_attribute(item.key, input_of(item.type, item.value));
          break;
        case xes::Tag::EventEnd:
          builder_.end_event();
          in_event = false;
          break;
        case xes::Tag::SkippedNested:
          ++stats.skipped_nested_attributes;
          break;
      }
    }
    if (in_event) builder_.end_event();
    return builder_.finish(rejection);
  }

 private:
  CaseBuilder builder_;
};

}  // namespace

std::unique_ptr<RecordDecoder> make_xes_decoder(const model::Vocabulary& vocabulary, const time::Zone& zone,
                                                const ReadLimits& limits) {
  return std::make_unique<XesDecoder>(vocabulary, zone, limits);
}

}  // namespace frist::io
