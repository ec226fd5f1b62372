// JSONL reader tests: the conformance bad-input file line by line, the 75
// conformance cases, value conversion against the vocabulary, warnings,
// duplicate ids, limits, gzip, that reasons never quote values, and that
// strings read in place equal the same strings written with escapes.
#include <catch2/catch.hpp>

#include <fmt/format.h>
#include <simdjson.h>
#include <zlib.h>

#include <bit>
#include <regex>

#include "runtime/io/jsonl_reader.hpp"
#include "runtime/time/civil.hpp"
#include "test_vocabulary.hpp"

using namespace frist;
using namespace frist::io;
using namespace frist::io::testing;

namespace {

ReadResult read_jsonl_text(const std::string& text, const model::Vocabulary& vocabulary, ReadLimits limits = {}) {
  TempFile file(".jsonl", text);
  OpenOptions options;
  options.path = file.path();
  options.format = InputFormat::Jsonl;
  options.limits = limits;
  return read_all(options, vocabulary);
}

const Rejection* rejection_on_line(const ReadResult& r, std::uint64_t line) {
  for (const auto& x : r.rejections) {
    if (x.line == line) return &x;
  }
  return nullptr;
}

const model::CaseTimeline* case_on_line(const ReadResult& r, std::uint64_t line) {
  for (const auto& x : r.cases) {
    if (x.line == line) return &x;
  }
  return nullptr;
}

const model::AttrValue& attr_of(const model::CaseTimeline& t, const model::Vocabulary& v, std::size_t event,
                                std::string_view name) {
  const auto& e = t.events.at(event);
  return t.attrs.at(e.attr_begin + v.find_attribute(e.type, name));
}

}  // namespace

TEST_CASE("jsonl: every line of bad.jsonl gives the outcome of bad-expected.jsonl", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  const auto result = read_file(shared_path("conformance/bad.jsonl"), InputFormat::Jsonl, vocabulary);
  REQUIRE(result.error.empty());

  std::istringstream expected(slurp(shared_path("conformance/bad-expected.jsonl")));
  const std::regex record(R"re("line": (\d+), "case": (null|"([^"]*)"), "expect": "(\w+)")re");
  std::string row;
  int lines = 0;
  while (std::getline(expected, row)) {
    std::smatch m;
    REQUIRE(std::regex_search(row, m, record));
    const auto line = std::stoull(m[1].str());
    const bool has_case = m[2].str() != "null";
    const std::string case_id = m[3].str();
    const std::string expect = m[4].str();
    ++lines;
    INFO("line " << line << ": " << row);
    if (expect == "evaluated") {
      const auto* c = case_on_line(result, line);
      REQUIRE(c != nullptr);
      CHECK(c->id == case_id);
      CHECK(rejection_on_line(result, line) == nullptr);
    } else {
      const auto* r = rejection_on_line(result, line);
      REQUIRE(r != nullptr);
      INFO("reason: " << r->reason);
      CHECK(case_on_line(result, line) == nullptr);
      CHECK(r->has_case_id == has_case);
      if (has_case) CHECK(r->case_id == case_id);
      CHECK(!r->reason.empty());
    }
  }
  CHECK(lines == 24);
  CHECK(result.cases.size() + result.rejections.size() == 24);
  CHECK(result.stats.records == 24);
  // Line 22: an undeclared event type is a warning, not an error.
  CHECK(result.stats.undeclared_event_types.at("journalnotat") == 1);
  // Line 24: an undeclared attribute likewise.
  CHECK(result.stats.undeclared_attributes.at("underretning.kilde") == 1);
}

TEST_CASE("jsonl: reasons name the place but never the value", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  const auto result = read_file(shared_path("conformance/bad.jsonl"), InputFormat::Jsonl, vocabulary);
  const auto reason = [&](std::uint64_t line) {
    const auto* r = rejection_on_line(result, line);
    REQUIRE(r != nullptr);
    return r->reason;
  };
  CHECK(reason(5).find("2023-02-30") == std::string::npos);
  CHECK(reason(5).find("events[0].at") != std::string::npos);
  CHECK(reason(8).find("25:00") == std::string::npos);
  CHECK(reason(15).find("akut") != std::string::npos);
  CHECK(reason(15).find("bool") != std::string::npos);
  CHECK(reason(15).find("\"ja\"") == std::string::npos);
  CHECK(reason(18).find("født") != std::string::npos);
  CHECK(reason(18).find("2009-02-29") == std::string::npos);
  CHECK(reason(11).find("u1") == std::string::npos);
  CHECK(reason(10).find("line 1") != std::string::npos);  // where the id was first read

  // A canary value in every kind of bad place.
  const std::string canary = "CANARY-7f3a";
  const std::string text =
      R"({"case":"K1","events":[{"type":"afgørelse","at":"CANARY-7f3a"}]})" "\n"
      R"({"case":"K2","events":[{"type":"afgørelse","at":"2023-01-01","attrs":{"akut":"CANARY-7f3a"}}]})" "\n"
      R"({"case":"K3","attrs":{"født":"CANARY-7f3a"},"events":[]})" "\n"
      R"({"case":"K4","events":[{"type":"underretning","at":"2023-01-01","id":"CANARY-7f3a"},{"type":"underretning","at":"2023-01-02","id":"CANARY-7f3a"}]})" "\n"
      R"({"case":"CANARY-7f3a","events":[]})" "\n"
      R"({"case":"CANARY-7f3a","events":[]})" "\n"
      R"({"case":"K7","events":[{"type":"afgørelse","at":"2023-01-01","attrs":{"akut":"CANARY-7f3a"}}],)" "\n"
      R"({"case":"K8","events":[{"type":"afgørelse","at":"2023-01-01","attrs":{"hjemmel":["CANARY-7f3a"]}}]})" "\n";
  const auto canaries = read_jsonl_text(text, vocabulary);
  CHECK(canaries.rejections.size() == 7);
  for (const auto& r : canaries.rejections) {
    INFO(r.reason);
    CHECK(r.reason.find(canary) == std::string::npos);
  }
  for (const auto& w : canaries.stats.warning_lines()) CHECK(w.find(canary) == std::string::npos);
}

TEST_CASE("jsonl: the 75 conformance cases are read with all their events", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  const auto result = read_file(shared_path("conformance/cases.jsonl"), InputFormat::Jsonl, vocabulary);
  REQUIRE(result.error.empty());
  for (const auto& r : result.rejections) FAIL_CHECK("line " << r.line << ": " << r.reason);
  REQUIRE(result.cases.size() == 75);
  CHECK(result.stats.undeclared_event_types.empty());
  CHECK(result.stats.undeclared_attributes.empty());

  // Event counts per case from an independent parse of the file.
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  REQUIRE(parser.load_many(shared_path("conformance/cases.jsonl")).get(stream) == simdjson::SUCCESS);
  std::size_t i = 0, total = 0;
  for (auto doc : stream) {
    REQUIRE(i < result.cases.size());
    std::string_view id;
    REQUIRE(doc["case"].get_string().get(id) == simdjson::SUCCESS);
    simdjson::dom::array events;
    REQUIRE(doc["events"].get_array().get(events) == simdjson::SUCCESS);
    const auto& t = result.cases[i];
    INFO(t.id);
    CHECK(t.id == id);
    CHECK(t.line == i + 1);
    CHECK(t.events.size() == events.size());
    total += events.size();
    // Sorted by (time, input order); the type index covers every event once.
    for (std::size_t k = 1; k < t.events.size(); ++k) {
      const auto& a = t.events[k - 1];
      const auto& b = t.events[k];
      CHECK((a.at.lo < b.at.lo || (a.at.lo == b.at.lo && a.input_index < b.input_index)));
    }
    REQUIRE(t.type_start.size() == vocabulary.size() + 1);
    CHECK(t.type_start.back() == t.events.size());
    for (std::uint32_t type = 0; type < vocabulary.size(); ++type) {
      std::int64_t previous = -1;
      for (const auto e : t.events_of_type(type)) {
        CHECK(t.events[e].type == type);
        CHECK(static_cast<std::int64_t>(e) > previous);
        previous = e;
      }
    }
    ++i;
  }
  CHECK(i == 75);
  CHECK(result.stats.events == total);
}

TEST_CASE("jsonl: values are converted to the declared types, defaults applied", "[io][jsonl]") {
  using model::ValueType;
  auto vocabulary = child_welfare_vocabulary();
  auto extra = event_type("målt", {attr("n", ValueType::Int), attr("x", ValueType::Decimal),
                                   attr("frist", ValueType::Duration), attr("hvornår", ValueType::DateTime),
                                   attr("dag", ValueType::Date)});
  extra.attributes.push_back(attr("note", ValueType::Text));
  extra.attributes.back().default_value = model::Literal{ValueType::Text, std::string("standard")};
  vocabulary.add_event_type(extra);

  const std::string text =
      R"({"events":[{"attrs":{"n":3.0,"x":2,"frist":"P1Y2M","hvornår":"2023-03-01T09:30Z","dag":"2023-03-02"},"at":"2023-03-01","type":"målt"},)"
      R"({"type":"målt","at":"2023-02-01","attrs":{"n":-7,"x":0.5,"frist":"PT24H","note":"egen"}}],"case":"V1"})"
      "\n"
      R"({"case":"V2","events":[{"type":"målt","at":"2023-01-01","attrs":{"n":3.5}}]})" "\n"
      R"({"case":"V3","events":[{"type":"målt","at":"2023-01-01","attrs":{"frist":"P1DT2H"}}]})" "\n"
      R"({"case":"V4","events":[{"type":"målt","at":"2023-01-01","attrs":{"dag":"2023-01-01T10:00"}}]})" "\n"
      R"({"case":"V5","events":[{"type":"afgørelse","at":"2023-01-01","attrs":{"akut":null,"hjemmel":null}}]})" "\n"
      R"({"case":"V6","events":[{"type":"målt","at":"2023-01-01","attrs":{"x":"1.5"}}]})" "\n";
  const auto result = read_jsonl_text(text, vocabulary);
  REQUIRE(result.cases.size() == 2);

  const auto& v1 = result.cases[0];
  CHECK(v1.id == "V1");
  REQUIRE(v1.events.size() == 2);
  // Sorted: the February event first although it came second.
  CHECK(v1.events[0].input_index == 1);
  const auto& n0 = attr_of(v1, vocabulary, 0, "n");
  CHECK((n0.present && n0.type == ValueType::Int && n0.a == -7));
  CHECK(attr_of(v1, vocabulary, 0, "x").as_decimal() == 0.5);
  const auto& clock = attr_of(v1, vocabulary, 0, "frist");
  CHECK((clock.present && clock.duration_kind == static_cast<std::uint8_t>(model::Duration::Kind::Clock)));
  CHECK(clock.a == 24LL * 3600 * 1000000);
  CHECK(v1.text(attr_of(v1, vocabulary, 0, "note").a, attr_of(v1, vocabulary, 0, "note").i32) == "egen");
  CHECK(!attr_of(v1, vocabulary, 0, "dag").present);

  const auto& n1 = attr_of(v1, vocabulary, 1, "n");
  CHECK((n1.present && n1.a == 3));
  CHECK(attr_of(v1, vocabulary, 1, "x").as_decimal() == 2.0);
  const auto& cal = attr_of(v1, vocabulary, 1, "frist");
  CHECK((cal.duration_kind == static_cast<std::uint8_t>(model::Duration::Kind::Calendar) && cal.b == 14));
  const auto& when = attr_of(v1, vocabulary, 1, "hvornår");
  CHECK((when.present && when.precision == time::Precision::Instant));
  CHECK(attr_of(v1, vocabulary, 1, "dag").i32 == time::days_from_civil(2023, 3, 2));
  const auto& note = attr_of(v1, vocabulary, 1, "note");
  CHECK((note.present && v1.text(note.a, note.i32) == "standard"));  // the default

  const auto& v5 = result.cases[1];
  CHECK(v5.id == "V5");
  const auto& akut = attr_of(v5, vocabulary, 0, "akut");
  CHECK((akut.present && !akut.as_bool()));  // null → missing → default false
  CHECK(!attr_of(v5, vocabulary, 0, "hjemmel").present);

  REQUIRE(result.rejections.size() == 4);
  for (const auto& r : result.rejections) {
    INFO(r.reason);
    CHECK(r.has_case_id);
    CHECK(r.reason.find("expected") != std::string::npos);
  }
  CHECK(result.rejections[0].reason.find("events[0].attrs.n") != std::string::npos);
  CHECK(result.rejections[1].reason.find("duration") != std::string::npos);
  CHECK(result.rejections[2].reason.find("date") != std::string::npos);
  CHECK(result.rejections[3].reason.find("decimal") != std::string::npos);
}

TEST_CASE("jsonl: duplicate case ids count only successfully read cases", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  const std::string text =
      R"({"case":"D1","events":[{"type":"afgørelse","at":"2023-02-30"}]})" "\n"  // rejected
      R"({"case":"D1","events":[]})" "\n"                                         // first good: kept
      "\n   \n"                                                                   // blank lines
      R"({"case":"D1","events":[]})" "\n"                                         // duplicate
      R"({"case":"D2","events":[]})";                                             // no final newline
  const auto result = read_jsonl_text(text, vocabulary);
  REQUIRE(result.cases.size() == 2);
  CHECK(result.cases[0].line == 2);
  CHECK(result.cases[1].id == "D2");
  CHECK(result.cases[1].line == 6);
  REQUIRE(result.rejections.size() == 2);
  CHECK(result.rejections[0].line == 1);
  CHECK(result.rejections[1].line == 5);
  CHECK(result.rejections[1].case_id == "D1");
  CHECK(result.rejections[1].reason.find("duplicate case id") != std::string::npos);
  CHECK(result.stats.records == 4);  // blank lines are not cases
}

TEST_CASE("jsonl: shape errors keep the case id wherever it is on the line", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  const std::string text =
      R"({"events":[{"type":"afgørelse","at":"2023-13-01"}],"case":"LATE"})" "\n"
      R"({"events":[{"at":"2023-01-01"}],"case":"NOTYPE"})" "\n"
      R"({"case":"X","events":[],"extra":{"a":[1,2,{"b":nul}]}})" "\n"
      R"({"case":"Y","events":[]} {"case":"Z","events":[]})" "\n"
      R"({"case":"W","events":[{"type":"underretning","at":"2023-01-01","id":7}]})" "\n"
      R"({"case":"OK","unknown":{"deep":[[[]]]},"events":[{"type":"opfølgning","at":"2023-01-01","note":"x"}]})" "\n";
  const auto result = read_jsonl_text(text, vocabulary);
  REQUIRE(result.cases.size() == 1);
  CHECK(result.cases[0].id == "OK");
  REQUIRE(result.rejections.size() == 5);
  CHECK(result.rejections[0].case_id == "LATE");
  CHECK(result.rejections[1].case_id == "NOTYPE");
  CHECK(result.rejections[1].reason.find("'type'") != std::string::npos);
  CHECK(!result.rejections[2].has_case_id);  // invalid JSON under an unknown key
  CHECK(!result.rejections[3].has_case_id);  // text after the object
  CHECK(result.rejections[4].case_id == "W");
  CHECK(result.rejections[4].reason.find("events[0].id") != std::string::npos);
}

TEST_CASE("jsonl: a line longer than the limit is rejected and the rest goes on", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  ReadLimits limits;
  limits.max_record_bytes = 200;
  std::string long_line = R"({"case":"LONG","events":[)";
  while (long_line.size() < 10'000'000) long_line += R"({"type":"opfølgning","at":"2023-01-01"},)";
  long_line += R"({"type":"opfølgning","at":"2023-01-01"}]})";
  const std::string text = R"({"case":"A","events":[]})" "\n" + long_line + "\n" + R"({"case":"B","events":[]})" "\n";
  const auto result = read_jsonl_text(text, vocabulary, limits);
  REQUIRE(result.cases.size() == 2);
  CHECK(result.cases[1].id == "B");
  CHECK(result.cases[1].line == 3);
  REQUIRE(result.rejections.size() == 1);
  CHECK(result.rejections[0].line == 2);
  CHECK(!result.rejections[0].has_case_id);
  CHECK(result.rejections[0].reason.find("limit") != std::string::npos);

  ReadLimits few;
  few.max_events_per_case = 2;
  const auto many = read_jsonl_text(
      R"({"case":"M","events":[{"type":"opfølgning","at":"2023-01-01"},{"type":"opfølgning","at":"2023-01-02"},{"type":"opfølgning","at":"2023-01-03"}]})" "\n",
      vocabulary, few);
  REQUIRE(many.rejections.size() == 1);
  CHECK(many.rejections[0].case_id == "M");
}

TEST_CASE("jsonl: gzip input is read through zlib", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  const auto plain = slurp(shared_path("conformance/cases.jsonl"));
  TempFile gz(".jsonl.gz");
  {
    gzFile out = gzopen(gz.path().c_str(), "wb");
    REQUIRE(out != nullptr);
    // Two gzip members, as `cat a.gz b.gz` gives.
    const auto half = plain.find('\n', plain.size() / 2) + 1;
    REQUIRE(gzwrite(out, plain.data(), static_cast<unsigned>(half)) > 0);
    gzclose(out);
    out = gzopen(gz.path().c_str(), "ab");
    REQUIRE(gzwrite(out, plain.data() + half, static_cast<unsigned>(plain.size() - half)) > 0);
    gzclose(out);
  }
  const auto result = read_file(gz.path(), InputFormat::Jsonl, vocabulary);
  CHECK(result.error.empty());
  CHECK(result.cases.size() == 75);
  CHECK(result.rejections.empty());

  // A truncated gzip file is an input error after the cases before it.
  const auto bytes = slurp(gz.path());
  TempFile cut(".jsonl.gz", bytes.substr(0, bytes.size() / 3));
  const auto truncated = read_file(cut.path(), InputFormat::Jsonl, vocabulary);
  CHECK(truncated.error.find("gzip") != std::string::npos);
}

TEST_CASE("jsonl: warnings are one line per distinct name, without values", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  const std::string text =
      R"({"case":"W1","attrs":{"sagsbehandler":"Hemmelig Person"},"events":[{"type":"journalnotat","at":"2023-01-01","attrs":{"tekst":"Hemmelig"}},{"type":"journalnotat","at":"2023-01-02"},{"type":"afgørelse","at":"2023-01-03","attrs":{"sagsnr":"Hemmelig"}}]})" "\n";
  const auto result = read_jsonl_text(text, vocabulary);
  REQUIRE(result.cases.size() == 1);
  CHECK(result.cases[0].events.size() == 1);  // the undeclared type is dropped
  CHECK(result.stats.events == 3);
  const auto lines = result.stats.warning_lines();
  CHECK(result.stats.warning_count() == 3);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "undeclared event type 'journalnotat' (2 events) ignored");
  for (const auto& l : lines) CHECK(l.find("Hemmelig") == std::string::npos);

  ReadStats merged;
  merged.merge(result.stats);
  merged.merge(result.stats);
  CHECK(merged.undeclared_event_types.at("journalnotat") == 4);
  CHECK(merged.events == 6);
}

TEST_CASE("jsonl: CRLF line ends, a BOM, and local times in the DST gap", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  const std::string text =
      "\xEF\xBB\xBF" R"({"case":"R1","events":[{"type":"opfølgning","at":"2023-03-26T02:30"}]})" "\r\n"
      "\r\n"
      R"({"case":"R2","events":[{"type":"opfølgning","at":"2023-10-29T02:30"}]})" "\r\n";
  const auto result = read_jsonl_text(text, vocabulary);
  REQUIRE(result.cases.size() == 2);
  CHECK(result.cases[1].line == 3);
  CHECK(result.stats.local_time_adjusted == 2);
  const auto lines = result.stats.warning_lines();
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].find("2 local times") == 0);
}

namespace {

// Every text of a decoded case, in a fixed order, for comparing two decodings.
std::vector<std::string> texts_of(const model::CaseTimeline& t, const model::Vocabulary& v) {
  std::vector<std::string> out{t.id};
  const auto& kommune = t.case_attrs.at(v.find_case_attribute("kommune"));
  out.emplace_back(t.text(kommune.a, kommune.i32));
  for (const auto& e : t.events) {
    out.emplace_back(e.id_length < 0 ? "<none>" : t.arena.substr(e.id_offset, static_cast<std::size_t>(e.id_length)));
    out.push_back(std::to_string(e.type) + "@" + std::to_string(e.at.lo));
    const auto slot = v.find_attribute(e.type, "underretning");
    if (slot == model::Vocabulary::kNotFound) continue;
    const auto& u = t.attrs.at(e.attr_begin + slot);
    out.emplace_back(u.present ? t.text(u.a, u.i32) : "<absent>");
  }
  return out;
}

}  // namespace

// Strings without escapes are taken in place (a scan for the closing quote);
// strings with escapes are unescaped by simdjson. Both must give the same
// case, for every length around the 16-byte scan steps, in keys and values.
TEST_CASE("jsonl: plain strings read in place equal the same strings written with escapes", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  auto escape_all = [](const std::string& s) {
    std::string out;
    for (const char c : s) out += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    return out;
  };
  auto line = [](const std::string& id, const std::string& kommune, const std::string& event_id,
                 const std::string& ref, const std::string& type_key, const std::string& type) {
    return fmt::format(R"({{"case":"{}","attrs":{{"kommune":"{}"}},"events":[)"
                       R"({{"{}":"{}","at":"2023-01-0{}","id":"{}","attrs":{{"underretning":"{}"}}}},)"
                       R"({{"type":"underretning","at":"2023-01-01","id":"{}x","ignored":["{}",{{"{}":1}}]}}]}})",
                       id, kommune, type_key, type, 2, event_id, ref, event_id, ref, ref) + "\n";
  };
  std::string plain, escaped;
  for (std::size_t n = 1; n <= 40; ++n) {
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<char>('a' + (i * 7 + n) % 26);
    plain += line("c" + s, s, s, s, "type", "underretning_vurderet");
    // The same texts with one escape at the end, and fully escaped.
    escaped += line("c" + s.substr(0, n - 1) + escape_all(s.substr(n - 1)), escape_all(s),
                    s.substr(0, n / 2) + "\\u00" + fmt::format("{:02x}", static_cast<unsigned>(s[n / 2])) + s.substr(n / 2 + 1),
                    escape_all(s), escape_all("type"), "underretning_vurderet");
  }
  const auto a = read_jsonl_text(plain, vocabulary);
  const auto b = read_jsonl_text(escaped, vocabulary);
  REQUIRE(a.error.empty());
  REQUIRE(b.error.empty());
  REQUIRE(a.rejections.empty());
  REQUIRE(b.rejections.empty());
  REQUIRE(a.cases.size() == 40);
  REQUIRE(b.cases.size() == 40);
  for (std::size_t i = 0; i < 40; ++i) {
    INFO("length " << i + 1);
    CHECK(texts_of(a.cases[i], vocabulary) == texts_of(b.cases[i], vocabulary));
    CHECK(a.cases[i].events.size() == 2);
  }
  // A string with a quote escaped right before the end is not cut short.
  const auto c = read_jsonl_text(
      R"({"case":"q\"","attrs":{"kommune":"a\\"},"events":[{"type":"opmærksom","at":"2023-01-01","id":"\\\""}]})" "\n",
      vocabulary);
  REQUIRE(c.cases.size() == 1);
  CHECK(c.cases[0].id == "q\"");
  CHECK(texts_of(c.cases[0], vocabulary)[1] == "a\\");
  CHECK(texts_of(c.cases[0], vocabulary)[2] == "\\\"");
}

// Up to CaseBuilder's pair-by-pair limit, ids are first compared pair by
// pair; a repeat is then reported by the sorted walk that larger cases use.
// Both must accept the same cases and name the same repeat: the smallest
// repeated id, on its second event, "also on" its first.
TEST_CASE("jsonl: duplicate event ids are found alike in small and large cases", "[io][jsonl]") {
  const auto vocabulary = child_welfare_vocabulary();
  struct Case {
    std::vector<std::string> ids;
    std::string expected;  // empty: accepted
  };
  std::vector<Case> cases;
  for (std::size_t n = 2; n <= 24; ++n) {
    std::vector<std::string> ids;
    for (std::size_t k = 0; k < n; ++k) ids.push_back(fmt::format("e{:03}", k % 2 == 0 ? 100 - k : k));  // all distinct, unsorted
    cases.push_back({ids, ""});
    for (std::size_t i = 0; i + 1 < n; i += 3) {
      for (std::size_t j = i + 1; j < n; j += 4) {
        auto dup = ids;
        dup[j] = dup[i];
        if (n >= 4 && i != 0 && j != 1) dup[1] = dup[0];  // sometimes a second repeat
        // The expected repeat, as the sorted walk finds it.
        std::string best;
        std::size_t first = 0, second = 0;
        for (std::size_t b = 1; b < n; ++b) {
          for (std::size_t a = 0; a < b; ++a) {
            if (dup[a] != dup[b]) continue;
            if (best.empty() || dup[a] < best || (dup[a] == best && (a < first || (a == first && b < second)))) {
              best = dup[a];
              first = a;
              second = b;
            }
          }
        }
        cases.push_back({dup, fmt::format("events[{}].id: duplicate event id within the case (also on events[{}])",
                                          second, first)});
      }
    }
  }
  std::string text;
  for (std::size_t c = 0; c < cases.size(); ++c) {
    text += fmt::format(R"({{"case":"c{}","events":[)", c);
    for (std::size_t k = 0; k < cases[c].ids.size(); ++k) {
      text += fmt::format(R"({}{{"type":"opmærksom","at":"2023-01-01","id":"{}"}})", k ? "," : "", cases[c].ids[k]);
    }
    text += "]}\n";
  }
  const auto result = read_jsonl_text(text, vocabulary);
  REQUIRE(result.error.empty());
  for (std::size_t c = 0; c < cases.size(); ++c) {
    INFO("case " << c << " with " << cases[c].ids.size() << " ids");
    const auto* r = rejection_on_line(result, c + 1);
    if (cases[c].expected.empty()) {
      CHECK(r == nullptr);
      CHECK(case_on_line(result, c + 1) != nullptr);
    } else {
      REQUIRE(r != nullptr);
      CHECK(r->reason == cases[c].expected);
    }
  }
}
