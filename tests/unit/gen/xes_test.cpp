// The XES log of `frist gen` is well-formed XML (checked with expat): one
// trace per case, one event per event, every timestamp a full xs:dateTime
// with offset, typed attributes — and broken traces only where the
// generator put them.
#include <catch2/catch.hpp>

#include <expat.h>

#include <set>
#include <string>

#include "tests/unit/gen/gen_support.hpp"

namespace frist::gen {
namespace {

using testing::generate;

struct XesCounts {
  std::uint64_t traces = 0;
  std::uint64_t events = 0;
  std::uint64_t events_without_timestamp = 0;
  std::set<std::string> bad_traces;
  std::set<std::string> element_types;
  std::string trace_name;
  bool in_event = false;
  bool event_has_timestamp = false;
  bool event_bad = false;
};

// `YYYY-MM-DDThh:mm:ss.000` then `Z` or `±hh:mm`, and not 02-30.
bool xs_date_time(std::string_view v) {
  if (v.size() != 23 + 1 && v.size() != 23 + 6) return false;
  if (v[4] != '-' || v[7] != '-' || v[10] != 'T' || v[13] != ':' || v[16] != ':' || v.substr(19, 4) != ".000") return false;
  if (v.substr(5, 5) == "02-30") return false;
  return v.size() == 24 ? v[23] == 'Z' : (v[23] == '+' && v[26] == ':');
}

void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto& c = *static_cast<XesCounts*>(data);
  const std::string_view element = name;
  std::string_view key, value;
  for (int i = 0; attributes[i] != nullptr; i += 2) {
    if (std::string_view(attributes[i]) == "key") key = attributes[i + 1];
    if (std::string_view(attributes[i]) == "value") value = attributes[i + 1];
  }
  if (element == "trace") {
    ++c.traces;
    c.trace_name.clear();
  } else if (element == "event") {
    ++c.events;
    c.in_event = true;
    c.event_has_timestamp = false;
    c.event_bad = false;
  } else if (!c.in_event && key == "concept:name" && c.traces > 0) {
    c.trace_name = value;
  } else if (c.in_event) {
    c.element_types.insert(std::string(element));
    if (key == "time:timestamp") {
      c.event_has_timestamp = true;
      c.event_bad = c.event_bad || element != "date" || !xs_date_time(value);
    }
    if (element == "boolean") c.event_bad = c.event_bad || (value != "true" && value != "false");
    if (element == "int") c.event_bad = true;  // only a mistyped boolean is an int
  }
}

void on_end(void* data, const XML_Char* name) {
  auto& c = *static_cast<XesCounts*>(data);
  if (std::string_view(name) != "event") return;
  c.in_event = false;
  if (!c.event_has_timestamp) ++c.events_without_timestamp;
  if (!c.event_has_timestamp || c.event_bad) c.bad_traces.insert(c.trace_name);
}

TEST_CASE("XES is a well-formed event log with one trace per case", "[gen]") {
  constexpr std::uint64_t kCases = 3000;
  const auto out = generate(OutputFormat::Xes, kCases, 17, 8000);
  XesCounts counts;
  XML_Parser parser = XML_ParserCreate(nullptr);
  REQUIRE(parser != nullptr);
  XML_SetUserData(parser, &counts);
  XML_SetElementHandler(parser, on_start, on_end);
  const auto status = XML_Parse(parser, out.text.data(), static_cast<int>(out.text.size()), XML_TRUE);
  INFO("expat: " << XML_ErrorString(XML_GetErrorCode(parser)) << " at line " << XML_GetCurrentLineNumber(parser));
  CHECK(status == XML_STATUS_OK);
  XML_ParserFree(parser);

  CHECK(counts.traces == kCases);
  CHECK(counts.events == out.summary.events);
  CHECK(counts.bad_traces.size() == out.summary.malformed);
  CHECK(out.summary.malformed > 5);
  CHECK(counts.events_without_timestamp > 0);
  CHECK(counts.events_without_timestamp < out.summary.malformed);
  CHECK(counts.element_types == std::set<std::string>{"boolean", "date", "int", "string"});
  CHECK(out.text.find("<date key=\"født\" value=\"") != std::string::npos);
}

}  // namespace
}  // namespace frist::gen
