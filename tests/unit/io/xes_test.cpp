// XES reader tests: the three real public logs (trace and event counts, no
// rejections, typed values), and small hand-written logs for the rules of
// case-data.md §3 (nested attributes, globals, missing timestamps, XML
// errors, type checks with line numbers).
#include <catch2/catch.hpp>

#include "runtime/io/xes_reader.hpp"
#include "test_vocabulary.hpp"

using namespace frist;
using namespace frist::io;
using namespace frist::io::testing;
using model::ValueType;

namespace {

ReadResult read_xes_text(const std::string& text, const model::Vocabulary& vocabulary, ReadLimits limits = {}) {
  TempFile file(".xes", text);
  OpenOptions options;
  options.path = file.path();
  options.format = InputFormat::Xes;
  options.limits = limits;
  return read_all(options, vocabulary);
}

std::size_t events_in(const ReadResult& r) {
  std::size_t n = 0;
  for (const auto& c : r.cases) n += c.events.size();
  return n;
}

model::Vocabulary sepsis_vocabulary() {
  model::Vocabulary v;
  v.add_case_attribute(attr("kommune", ValueType::Text));  // not in the log: stays missing
  v.add_event_type(event_type("ER Registration", {attr("Age", ValueType::Int), attr("InfectionSuspected", ValueType::Bool),
                                                  attr("Diagnose", ValueType::Text), attr("org:group", ValueType::Text)}));
  v.add_event_type(event_type("Leucocytes", {attr("Leucocytes", ValueType::Decimal), attr("org:group", ValueType::Text)}));
  v.add_event_type(event_type("CRP", {attr("CRP", ValueType::Decimal)}));
  v.add_event_type(event_type("LacticAcid", {attr("LacticAcid", ValueType::Decimal)}));
  for (const char* name : {"ER Triage", "ER Sepsis Triage", "IV Antibiotics", "IV Liquid", "Admission NC", "Admission IC",
                           "Release A", "Release B", "Release C", "Release D", "Release E", "Return ER"}) {
    v.add_event_type(event_type(name));
  }
  return v;
}

const std::string kHead = R"(<?xml version="1.0" encoding="UTF-8" ?>
<log xes.version="1.0">
  <global scope="event"><string key="concept:name" value="DEFAULT"/><date key="time:timestamp" value="1970-01-01T01:00:00.000+01:00"/></global>
  <classifier name="a" keys="concept:name"/>
  <string key="log-level" value="ignored"/>
)";

}  // namespace

TEST_CASE("xes: the real logs load with their trace and event counts", "[io][xes]") {
  const model::Vocabulary empty;
  struct Log {
    const char* file;
    std::size_t traces;
    std::uint64_t events;
  };
  for (const auto& log : {Log{"data/reallogs/Sepsis_Cases.xes.gz", 1050, 15214},
                          Log{"data/reallogs/bpic2012.xes.gz", 13087, 262200},
                          Log{"data/reallogs/roadtraffic100traces.xes", 100, 390}}) {
    INFO(log.file);
    const auto result = read_file(shared_path(log.file), InputFormat::Xes, empty);
    CHECK(result.error.empty());
    CHECK(result.rejections.empty());
    for (const auto& r : result.rejections) FAIL_CHECK(r.reason);
    CHECK(result.cases.size() == log.traces);
    CHECK(result.stats.records == log.traces);
    CHECK(result.stats.events == log.events);  // all read, none declared
    CHECK(events_in(result) == 0);
    std::uint64_t undeclared = 0;
    for (const auto& [name, n] : result.stats.undeclared_event_types) undeclared += n;
    CHECK(undeclared == log.events);
  }
}

TEST_CASE("xes: Sepsis with a declared vocabulary keeps every event and its typed values", "[io][xes]") {
  const auto vocabulary = sepsis_vocabulary();
  const auto result = read_file(shared_path("data/reallogs/Sepsis_Cases.xes.gz"), InputFormat::Xes, vocabulary);
  REQUIRE(result.error.empty());
  CHECK(result.rejections.empty());
  REQUIRE(result.cases.size() == 1050);
  CHECK(events_in(result) == 15214);
  CHECK(result.stats.undeclared_event_types.empty());

  const auto& a = result.cases[0];
  CHECK(a.id == "A");
  REQUIRE(a.events.size() >= 2);
  const auto registration = vocabulary.find_event_type("ER Registration");
  REQUIRE(a.events[0].type == registration);
  const auto& age = a.attrs[a.events[0].attr_begin + vocabulary.find_attribute(registration, "Age")];
  CHECK((age.present && age.a == 85));
  const auto& suspected = a.attrs[a.events[0].attr_begin + vocabulary.find_attribute(registration, "InfectionSuspected")];
  CHECK((suspected.present && suspected.as_bool()));
  const auto leucocytes = vocabulary.find_event_type("Leucocytes");
  REQUIRE(a.events[1].type == leucocytes);
  const auto& value = a.attrs[a.events[1].attr_begin + vocabulary.find_attribute(leucocytes, "Leucocytes")];
  CHECK(value.as_decimal() == Approx(9.6));
  // 2014-10-22T11:15:41.000+02:00
  CHECK(a.events[0].at.lo == (std::int64_t{16365} * 86400 + 9 * 3600 + 15 * 60 + 41) * 1'000'000);
  CHECK(!a.case_attrs[0].present);
  // Undeclared attributes are counted once per name.
  CHECK(result.stats.undeclared_attributes.count("ER Registration.lifecycle:transition") == 1);
}

TEST_CASE("xes: nested attributes are skipped, globals not applied, types checked", "[io][xes]") {
  model::Vocabulary vocabulary;
  vocabulary.add_case_attribute(attr("REG_DATE", ValueType::Date));
  vocabulary.add_case_attribute(attr("AMOUNT", ValueType::Decimal));
  vocabulary.add_event_type(event_type("A", {attr("n", ValueType::Int), attr("x", ValueType::Decimal),
                                             attr("when", ValueType::DateTime), attr("ok", ValueType::Bool),
                                             attr("ref", ValueType::Text)}));
  const std::string text = kHead + R"(
  <trace>
    <string key="concept:name" value="T1"/>
    <date key="REG_DATE" value="2011-10-01T23:38:44.546+00:00"/>
    <int key="AMOUNT" value="20000"/>
    <list key="history"><string key="a" value="b"/></list>
    <event>
      <string key="concept:name" value="A"/>
      <date key="time:timestamp" value="2014-10-22T11:15:41.000+02:00"/>
      <int key="n" value="3"><string key="meta" value="m"/></int>
      <int key="x" value="2"/>
      <date key="when" value="2014-10-22T11:15:41Z"/>
      <boolean key="ok" value="TRUE"/>
      <id key="ref" value="e-1"/>
      <container key="c"><int key="d" value="1"/></container>
    </event>
    <event>
      <string key="concept:name" value="B"/>
      <date key="time:timestamp" value="2014-10-21"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="T2"/>
    <event>
      <string key="concept:name" value="A"/>
      <date key="time:timestamp" value="2014-10-22T11:15:41.000+02:00"/>
      <float key="n" value="2.5"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="T3"/>
    <event>
      <string key="concept:name" value="A"/>
    </event>
  </trace>
  <trace>
    <event>
      <string key="concept:name" value="A"/>
      <date key="time:timestamp" value="2014-10-22"/>
    </event>
  </trace>
  <trace>
    <string key="concept:name" value="T1"/>
  </trace>
  <trace>
    <string key="concept:name" value="T6"/>
    <event>
      <date key="time:timestamp" value="2014-10-22"/>
      <string key="concept:name" value="A"/>
      <string key="x" value="SECRET-VALUE"/>
    </event>
  </trace>
</log>
)";
  const auto result = read_xes_text(text, vocabulary);
  REQUIRE(result.error.empty());
  REQUIRE(result.cases.size() == 1);
  const auto& t1 = result.cases[0];
  CHECK(t1.id == "T1");
  CHECK(t1.line == 7);
  CHECK(t1.events.size() == 1);  // B is undeclared
  CHECK(result.stats.events == 2 + 1 + 1 + 1 + 1);
  CHECK(result.stats.skipped_nested_attributes == 3);  // list, container, meta-attribute
  // An XES date into a declared date takes its local (Copenhagen) date.
  CHECK(t1.case_attrs[0].i32 == 15249);  // 2011-10-02
  CHECK(t1.case_attrs[1].as_decimal() == 20000.0);
  const auto a = vocabulary.find_event_type("A");
  const auto at = [&](const char* name) -> const model::AttrValue& {
    return t1.attrs[t1.events[0].attr_begin + vocabulary.find_attribute(a, name)];
  };
  CHECK(at("n").a == 3);
  CHECK(at("x").as_decimal() == 2.0);
  CHECK((at("when").present && at("when").precision == time::Precision::Instant));
  CHECK(at("ok").as_bool());
  CHECK(t1.text(at("ref").a, at("ref").i32) == "e-1");

  REQUIRE(result.rejections.size() == 5);
  for (const auto& r : result.rejections) {
    INFO(r.reason);
    CHECK(r.reason.find("SECRET") == std::string::npos);
    CHECK(r.reason.find("line") != std::string::npos);
  }
  CHECK(result.rejections[0].case_id == "T2");  // float with a fraction into an int
  CHECK(result.rejections[0].reason.find("line 32, event attribute 'n'") != std::string::npos);
  CHECK(result.rejections[1].case_id == "T3");  // event without time:timestamp
  CHECK(result.rejections[1].reason.find("time:timestamp") != std::string::npos);
  CHECK(!result.rejections[2].has_case_id);     // trace without concept:name
  CHECK(result.rejections[3].case_id == "T1");  // duplicate trace id
  CHECK(result.rejections[3].reason.find("duplicate") != std::string::npos);
  CHECK(result.rejections[4].case_id == "T6");  // a string into a declared decimal
  CHECK(result.rejections[4].reason.find("decimal") != std::string::npos);
}

TEST_CASE("xes: malformed XML stops the input after the traces before it", "[io][xes]") {
  const model::Vocabulary empty;
  const std::string text = kHead + R"(
  <trace><string key="concept:name" value="G1"/></trace>
  <trace><string key="concept:name" value="G2"/><event></trace>
</log>
)";
  const auto result = read_xes_text(text, empty);
  CHECK(result.cases.size() == 1);
  CHECK(result.error.find("invalid XML at line 8") != std::string::npos);

  const auto not_xml = read_xes_text("this is not XML", empty);
  CHECK(!not_xml.error.empty());
}

TEST_CASE("xes: a trace larger than the limit is rejected, the next one read", "[io][xes]") {
  const model::Vocabulary empty;
  std::string big = kHead + "<trace><string key=\"concept:name\" value=\"BIG\"/>";
  for (int i = 0; i < 200; ++i) big += R"(<event><string key="concept:name" value="A"/><date key="time:timestamp" value="2014-10-22"/></event>)";
  big += "</trace><trace><string key=\"concept:name\" value=\"SMALL\"/></trace></log>";
  ReadLimits limits;
  limits.max_record_bytes = 2000;
  const auto result = read_xes_text(big, empty, limits);
  REQUIRE(result.cases.size() == 1);
  CHECK(result.cases[0].id == "SMALL");
  REQUIRE(result.rejections.size() == 1);
  CHECK(result.rejections[0].reason.find("limit") != std::string::npos);
}

TEST_CASE("xes: a source reads from memory, one small batch at a time", "[io][xes]") {
  const model::Vocabulary empty;
  std::string text = kHead;
  for (int i = 0; i < 5; ++i) text += "<trace><string key=\"concept:name\" value=\"M" + std::to_string(i) + "\"/></trace>";
  text += "</log>";
  auto source = make_xes_source(ByteStream::from_memory(text), ReadLimits{});
  std::vector<RawRecord> batch;
  std::size_t total = 0;
  for (bool more = true; more;) {
    batch.clear();
    auto r = source->next_batch(batch, 2);
    REQUIRE(r);
    more = *r;
    CHECK(batch.size() <= 2);
    for (const auto& record : batch) CHECK(record.sequence == total++);
  }
  CHECK(total == 5);
  CHECK(source->bytes_read() == text.size());
}
