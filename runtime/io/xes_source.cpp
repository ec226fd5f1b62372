// The XES RecordSource: expat parses the stream block by block (into
// expat's own buffer, no extra copy); the handlers keep only the trace being
// read, as a compact record (xes_record.hpp). <global>, <extension>,
// <classifier> and log-level attributes are skipped; so are the children of
// an attribute (list/container contents, meta-attributes), counted as
// skipped nested attributes. Malformed XML stops the input (an XML stream
// cannot be resynchronised): the traces before it are delivered, then the
// error names the line and column.
#include <expat.h>

#include <deque>

#include <fmt/format.h>

#include "runtime/io/xes_reader.hpp"
#include "runtime/io/xes_record.hpp"

namespace frist::io {
namespace {

constexpr int kBlock = 256 << 10;

class XesSource final : public RecordSource {
 public:
  XesSource(std::unique_ptr<ByteStream> input, const ReadLimits& limits)
      : input_(std::move(input)), limits_(limits), parser_(XML_ParserCreate(nullptr)) {
    XML_SetUserData(parser_, this);
    XML_SetElementHandler(parser_, &XesSource::on_start, &XesSource::on_end);
  }
  ~XesSource() override {
    if (parser_) XML_ParserFree(parser_);
  }
  XesSource(const XesSource&) = delete;
  XesSource& operator=(const XesSource&) = delete;

  Result<bool> next_batch(std::vector<RawRecord>& out, std::size_t max) override {
    if (!parser_) return make_error("cannot create the XML parser");
    while (ready_.size() < max && !done_ && error_.empty()) {
      if (auto r = parse_block(); !r) return Error{r.error()};
    }
    const bool delivered = !ready_.empty();
    while (!ready_.empty() && max > 0) {
      out.push_back(std::move(ready_.front()));
      ready_.pop_front();
      --max;
    }
    if (delivered && !error_.empty()) return true;  // the error comes with the next call
    if (!error_.empty()) return make_error(error_);
    return !ready_.empty() || !done_;
  }

  std::uint64_t bytes_read() const noexcept override { return input_->bytes_read(); }
  std::uint64_t bytes_total() const noexcept override { return input_->bytes_total(); }

 private:
  enum class Level : std::uint8_t { Document, Log, Trace, Event };

  Result<void> parse_block() {
    void* buffer = XML_GetBuffer(parser_, kBlock);
    if (!buffer) return make_error(fmt::format("{}: out of memory for the XML parser", input_->name()));
    auto n = input_->read(static_cast<char*>(buffer), kBlock);
    if (!n) return Error{n.error()};
    const bool final = *n == 0;
    if (XML_ParseBuffer(parser_, static_cast<int>(*n), final ? 1 : 0) != XML_STATUS_OK) {
      error_ = fmt::format("{}: invalid XML at line {}, column {}: {}", input_->name(),
                           XML_GetCurrentLineNumber(parser_), XML_GetCurrentColumnNumber(parser_) + 1,
                           XML_ErrorString(XML_GetErrorCode(parser_)));
      return {};
    }
    if (final) {
      done_ = true;
      if (level_ == Level::Document) error_ = fmt::format("{}: no XES <log> element", input_->name());
    }
    return {};
  }

  static void XMLCALL on_start(void* self, const XML_Char* name, const XML_Char** attributes) {
    static_cast<XesSource*>(self)->start(name, attributes);
  }
  static void XMLCALL on_end(void* self, const XML_Char* name) { static_cast<XesSource*>(self)->end(name); }

  std::uint64_t line() const { return XML_GetCurrentLineNumber(parser_); }

  void start(std::string_view name, const XML_Char** attributes) {
    ++depth_;
    if (skip_depth_ != 0) {
      // Inside a skipped subtree: count the direct children of an attribute.
      if (count_skipped_children_ && depth_ == skip_depth_ + 1 && level_ != Level::Log) {
        add_item(xes::Tag::SkippedNested, xes::Type::None, {}, {});
      }
      return;
    }
    switch (level_) {
      case Level::Document:
        level_ = Level::Log;  // the root element (<log>)
        return;
      case Level::Log:
        if (name == "trace") {
          begin_trace();
        } else {
          skip_subtree(false);  // <global>, <extension>, <classifier>, log attributes
        }
        return;
      case Level::Trace:
        if (name == "event") {
          level_ = Level::Event;
          add_item(xes::Tag::EventBegin, xes::Type::None, {}, {});
          return;
        }
        attribute(name, attributes, xes::Tag::TraceAttribute);
        return;
      case Level::Event:
        attribute(name, attributes, xes::Tag::EventAttribute);
        return;
    }
  }

  void end(std::string_view name) {
    if (skip_depth_ != 0) {
      if (depth_ == skip_depth_) skip_depth_ = 0;
      --depth_;
      return;
    }
    --depth_;
    if (level_ == Level::Event && name == "event") {
      add_item(xes::Tag::EventEnd, xes::Type::None, {}, {});
      level_ = Level::Trace;
    } else if (level_ == Level::Trace && name == "trace") {
      finish_trace();
      level_ = Level::Log;
    }
  }

  void attribute(std::string_view element, const XML_Char** attributes, xes::Tag tag) {
    const auto type = xes::type_of_element(element);
    if (type == xes::Type::None) {
      // list, container or an unknown element: skipped as a whole.
      if (element == "list" || element == "container") add_item(xes::Tag::SkippedNested, xes::Type::None, {}, {});
      skip_subtree(false);
      return;
    }
    std::string_view key, value;
    bool has_key = false;
    for (auto a = attributes; a[0] != nullptr; a += 2) {
      const std::string_view n = a[0];
      if (n == "key") {
        key = a[1];
        has_key = true;
      } else if (n == "value") {
        value = a[1];
      }
    }
    if (has_key) add_item(tag, type, key, value);
    skip_subtree(true);  // meta-attributes are not applied
  }

  void skip_subtree(bool count_children) {
    skip_depth_ = depth_;
    count_skipped_children_ = count_children;
  }

  void begin_trace() {
    level_ = Level::Trace;
    trace_.clear();
    trace_line_ = line();
    oversized_ = false;
  }

  void add_item(xes::Tag tag, xes::Type type, std::string_view key, std::string_view value) {
    if (oversized_ || (level_ != Level::Trace && level_ != Level::Event)) return;
    if (trace_.size() + key.size() + value.size() + 18 > limits_.max_record_bytes) {
      oversized_ = true;
      trace_.clear();
      trace_.shrink_to_fit();
      return;
    }
    xes::append_item(trace_, tag, type, line(), key, value);
  }

  void finish_trace() {
    RawRecord record;
    record.line = trace_line_;
    record.sequence = sequence_++;
    if (oversized_) {
      record.problem = fmt::format("trace larger than the limit of {} bytes", limits_.max_record_bytes);
    } else {
      record.text.assign(trace_);
    }
    ready_.push_back(std::move(record));
  }

  std::unique_ptr<ByteStream> input_;
  ReadLimits limits_;
  XML_Parser parser_;
  std::deque<RawRecord> ready_;
  bool done_ = false;
  std::string error_;

  Level level_ = Level::Document;
  int depth_ = 0;
  int skip_depth_ = 0;  // 0: not skipping; else the depth of the skipped element
  bool count_skipped_children_ = false;
  std::string trace_;
  std::uint64_t trace_line_ = 0;
  bool oversized_ = false;
  std::uint64_t sequence_ = 0;
};

}  // namespace

std::unique_ptr<RecordSource> make_xes_source(std::unique_ptr<ByteStream> input, const ReadLimits& limits) {
  return std::make_unique<XesSource>(std::move(input), limits);
}

}  // namespace frist::io
