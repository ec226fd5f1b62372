// CSV reader tests: RFC 4180 quoting (doubled quotes, quoted newlines), the
// BOM, scattered rows, `case.NAME` columns and --case-attrs, bad cells named
// by line and column, standard input and gzip spooling, and the conformance
// cases converted JSONL → CSV giving the same timelines as the JSONL reader.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <dirent.h>
#include <simdjson.h>

#include <map>

#include "runtime/io/csv_reader.hpp"
#include "runtime/io/csv_syntax.hpp"
#include "test_vocabulary.hpp"

using namespace frist;
using namespace frist::io;
using namespace frist::io::testing;

namespace {

ReadResult read_csv_text(const std::string& text, const model::Vocabulary& vocabulary, const std::string& case_attrs = {}) {
  TempFile file(".csv", text);
  return read_file(file.path(), InputFormat::Csv, vocabulary, case_attrs);
}

std::string quote(std::string_view cell) {
  if (cell.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(cell);
  std::string out = "\"";
  for (const char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Two timelines hold the same case: id, events (time, type, input order, id)
// and attribute values (texts compared by content, not arena offset).
void check_same_timeline(const model::CaseTimeline& a, const model::CaseTimeline& b) {
  INFO("case " << a.id);
  REQUIRE(a.id == b.id);
  REQUIRE(a.events.size() == b.events.size());
  const auto same_value = [&](const model::AttrValue& x, const model::AttrValue& y) {
    if (x.present != y.present || x.type != y.type) return false;
    if (!x.present) return true;
    if (x.type == model::ValueType::Text) return a.text(x.a, x.i32) == b.text(y.a, y.i32);
    return x.i32 == y.i32 && x.a == y.a && x.b == y.b && x.precision == y.precision && x.duration_kind == y.duration_kind;
  };
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    const auto& x = a.events[i];
    const auto& y = b.events[i];
    CHECK(x.type == y.type);
    CHECK(x.at.lo == y.at.lo);
    CHECK(x.at.hi == y.at.hi);
    CHECK(x.at.precision == y.at.precision);
    CHECK(x.input_index == y.input_index);
    CHECK(a.event_id(x) == b.event_id(y));
  }
  REQUIRE(a.attrs.size() == b.attrs.size());
  for (std::size_t i = 0; i < a.attrs.size(); ++i) CHECK(same_value(a.attrs[i], b.attrs[i]));
  REQUIRE(a.case_attrs.size() == b.case_attrs.size());
  for (std::size_t i = 0; i < a.case_attrs.size(); ++i) CHECK(same_value(a.case_attrs[i], b.case_attrs[i]));
  CHECK(a.by_type == b.by_type);
  CHECK(a.type_start == b.type_start);
}

// cases.jsonl as CSV rows: one row per event in array order; case attributes
// in `case.NAME` columns on the first row of the case only (or left out when
// `case_attrs` receives them as a side table).
struct CsvConversion {
  std::string header;
  std::vector<std::vector<std::string>> rows_by_case;  // each case's rows, without header
  std::string case_attrs_file;
};

std::string json_scalar(simdjson::dom::element v) {
  switch (v.type()) {
    case simdjson::dom::element_type::STRING: return std::string(std::string_view(v));
    case simdjson::dom::element_type::BOOL: return bool(v) ? "true" : "false";
    case simdjson::dom::element_type::INT64: return std::to_string(int64_t(v));
    case simdjson::dom::element_type::DOUBLE: return std::to_string(double(v));
    default: return {};
  }
}

CsvConversion convert_conformance_cases() {
  simdjson::dom::parser parser;
  simdjson::dom::document_stream stream;
  REQUIRE(parser.load_many(shared_path("conformance/cases.jsonl")).get(stream) == simdjson::SUCCESS);
  std::vector<std::string> attr_names;
  std::map<std::string, std::size_t> attr_column;
  struct Event {
    std::string type, at, id;
    std::map<std::string, std::string> attrs;
  };
  struct Case {
    std::string id;
    std::map<std::string, std::string> attrs;
    std::vector<Event> events;
  };
  std::vector<Case> cases;
  for (auto doc : stream) {
    Case c;
    c.id = std::string(std::string_view(doc["case"]));
    simdjson::dom::object attrs;
    if (doc["attrs"].get(attrs) == simdjson::SUCCESS) {
      for (auto [k, v] : attrs) c.attrs[std::string(k)] = json_scalar(v);
    }
    for (auto ev : simdjson::dom::array(doc["events"])) {
      Event e;
      e.type = std::string(std::string_view(ev["type"]));
      e.at = std::string(std::string_view(ev["at"]));
      std::string_view id;
      if (ev["id"].get(id) == simdjson::SUCCESS) e.id = std::string(id);
      simdjson::dom::object ea;
      if (ev["attrs"].get(ea) == simdjson::SUCCESS) {
        for (auto [k, v] : ea) {
          const std::string name(k);
          if (!attr_column.count(name)) {
            attr_column[name] = attr_names.size();
            attr_names.push_back(name);
          }
          e.attrs[name] = json_scalar(v);
        }
      }
      c.events.push_back(std::move(e));
    }
    cases.push_back(std::move(c));
  }
  CsvConversion out;
  out.header = "case,type,at,id,case.kommune,case.født";
  for (const auto& n : attr_names) out.header += "," + quote(n);
  out.case_attrs_file = "case,kommune,født\n";
  for (const auto& c : cases) {
    std::vector<std::string> rows;
    const auto attr_or_empty = [&](const std::map<std::string, std::string>& m, const char* k) {
      const auto it = m.find(k);
      return it == m.end() ? std::string() : it->second;
    };
    out.case_attrs_file += quote(c.id) + "," + quote(attr_or_empty(c.attrs, "kommune")) + "," +
                           quote(attr_or_empty(c.attrs, "født")) + "\n";
    for (std::size_t i = 0; i < c.events.size(); ++i) {
      const auto& e = c.events[i];
      std::string row = quote(c.id) + "," + quote(e.type) + "," + quote(e.at) + "," + quote(e.id) + ",";
      if (i == c.events.size() - 1) {  // case attributes on the last row: "any row of that case"
        row += quote(attr_or_empty(c.attrs, "kommune")) + "," + quote(attr_or_empty(c.attrs, "født"));
      } else {
        row += ",";
      }
      for (const auto& n : attr_names) row += "," + quote(attr_or_empty(e.attrs, n.c_str()));
      rows.push_back(row);
    }
    out.rows_by_case.push_back(std::move(rows));
  }
  return out;
}

// Removes the `case.kommune` and `case.født` columns (5th and 6th).
std::string without_case_columns(const std::string& row) {
  std::size_t pos = 0;
  for (int i = 0; i < 4; ++i) pos = row.find(',', pos) + 1;  // no commas in the first four cells here
  std::size_t end = pos;
  for (int i = 0; i < 2; ++i) {
    if (row[end] == '"') end = row.find('"', end + 1) + 1;
    else end = row.find(',', end);
    ++end;
  }
  return row.substr(0, pos) + row.substr(end);
}

}  // namespace

TEST_CASE("csv: cells follow RFC 4180", "[io][csv]") {
  std::vector<std::string_view> cells;
  std::string scratch;
  CHECK(csv::split_cells(R"(a,"b,c","say ""hi""",,"")", cells, scratch) == csv::CellError::None);
  REQUIRE(cells.size() == 5);
  CHECK(cells[0] == "a");
  CHECK(cells[1] == "b,c");
  CHECK(cells[2] == R"(say "hi")");
  CHECK(cells[3].empty());
  CHECK(cells[4].empty());
  CHECK(csv::split_cells(R"(a,b"c)", cells, scratch) == csv::CellError::QuoteInUnquoted);
  CHECK(csv::split_cells(R"("a"b,c)", cells, scratch) == csv::CellError::TextAfterQuote);
  CHECK(csv::split_cells(R"(a,"b)", cells, scratch) == csv::CellError::UnterminatedQuote);

  const std::string_view text = "a,\"x\ny\",b\r\nc,d\n\nlast";
  auto row = csv::find_row(text, 0);
  CHECK(text.substr(row.begin, row.content_end - row.begin) == "a,\"x\ny\",b");
  CHECK(row.line_breaks == 2);
  row = csv::find_row(text, row.next);
  CHECK(text.substr(row.begin, row.content_end - row.begin) == "c,d");
  row = csv::find_row(text, row.next);
  CHECK(row.blank());
  row = csv::find_row(text, row.next);
  CHECK(text.substr(row.begin, row.content_end - row.begin) == "last");
  CHECK(row.next == text.size());
}

TEST_CASE("csv: quoting, quoted newlines, BOM and scattered rows", "[io][csv]") {
  const auto vocabulary = child_welfare_vocabulary();
  const std::string grouped =
      "\xEF\xBB\xBF" "case,type,at,id,hjemmel,akut,case.kommune,om\r\n"
      "S1,afgørelse,2023-01-10,a1,\"SEL § 52, stk. 3\",true,Ishøj,\r\n"
      "S1,børnesamtale,2023-01-05,,,,,\"to\nlines \"\"quoted\"\"\"\r\n"
      "S2,afgørelse,2023-02-01,a1,,false,,\r\n"
      "\r\n"
      "S2,handleplan,2023-02-01,,,,Aarhus,\r\n"
      "S3,opfølgning,2023-03-01,,,,,\r\n";
  const std::string scattered =
      "case,type,at,id,hjemmel,akut,case.kommune,om\n"
      "S1,afgørelse,2023-01-10,a1,\"SEL § 52, stk. 3\",true,,\n"
      "S2,afgørelse,2023-02-01,a1,,false,,\n"
      "S3,opfølgning,2023-03-01,,,,,\n"
      "S1,børnesamtale,2023-01-05,,,,Ishøj,\"to\nlines \"\"quoted\"\"\"\n"
      "S2,handleplan,2023-02-01,,,,Aarhus,\n";
  const auto a = read_csv_text(grouped, vocabulary);
  const auto b = read_csv_text(scattered, vocabulary);
  REQUIRE(a.error.empty());
  REQUIRE(b.error.empty());
  CHECK(a.rejections.empty());
  CHECK(b.rejections.empty());
  REQUIRE(a.cases.size() == 3);
  REQUIRE(b.cases.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) check_same_timeline(a.cases[i], b.cases[i]);

  const auto& s1 = a.cases[0];
  CHECK(s1.id == "S1");
  CHECK(s1.line == 2);
  REQUIRE(s1.events.size() == 2);
  // Sorted by time: the conversation (row 2) first.
  const auto talk = vocabulary.find_event_type("børnesamtale");
  REQUIRE(s1.events[0].type == talk);
  const auto& om = s1.attrs[s1.events[0].attr_begin + vocabulary.find_attribute(talk, "om")];
  CHECK(s1.text(om.a, om.i32) == "to\nlines \"quoted\"");
  const auto decision = vocabulary.find_event_type("afgørelse");
  const auto& hjemmel = s1.attrs[s1.events[1].attr_begin + vocabulary.find_attribute(decision, "hjemmel")];
  CHECK(s1.text(hjemmel.a, hjemmel.i32) == "SEL § 52, stk. 3");
  CHECK(s1.attrs[s1.events[1].attr_begin + vocabulary.find_attribute(decision, "akut")].as_bool());
  CHECK(s1.event_id(s1.events[1]) == "a1");
  const auto kommune = vocabulary.find_case_attribute("kommune");
  CHECK(s1.text(s1.case_attrs[kommune].a, s1.case_attrs[kommune].i32) == "Ishøj");
  const auto& s2 = a.cases[1];
  CHECK(s2.line == 5);  // the quoted newline makes the file one line longer
  CHECK(s2.text(s2.case_attrs[kommune].a, s2.case_attrs[kommune].i32) == "Aarhus");
  CHECK(!a.cases[2].case_attrs[kommune].present);
  CHECK(b.cases[1].line == 3);
}

TEST_CASE("csv: bad cells and rows name line, column and the expected type", "[io][csv]") {
  const auto vocabulary = child_welfare_vocabulary();
  const std::string text =
      "case,type,at,akut,case.født,case.kommune\n"
      "B1,afgørelse,2023-01-10,SECRET-ja,,\n"      // line 2: not a bool
      "B2,afgørelse,2023-01-10,true,SECRET-1,\n"   // line 3: not a date
      "B3,afgørelse,SECRET-now,true,,\n"           // line 4: not a timestamp
      "B4,afgørelse,2023-01-10,true,,Aarhus\n"     // line 5
      "B4,afgørelse,2023-01-11,true,,Odense\n"     // line 6: conflicting case attribute
      "B5,afgørelse,2023-01-10,true,,\n"           // line 7
      "B5,afgørelse,2023-01-10,true\n"             // line 8: too few fields
      "B6,afgørelse,2023-01-10,tr\"ue,,\n"         // line 9: quote in an unquoted field
      "B7,,2023-01-10,true,,\n"                    // line 10: no type
      "B8,afgørelse,2023-01-10, TRUE ,,\n";        // line 11: fine (trimmed, any case)
  const auto result = read_csv_text(text, vocabulary);
  REQUIRE(result.error.empty());
  REQUIRE(result.cases.size() == 1);
  CHECK(result.cases[0].id == "B8");
  REQUIRE(result.rejections.size() == 7);
  for (const auto& r : result.rejections) {
    INFO(r.reason);
    CHECK(r.reason.find("SECRET") == std::string::npos);
    CHECK(r.has_case_id);
  }
  CHECK(result.rejections[0].reason == "line 2, column 'akut': not a boolean; expected bool (true or false)");
  CHECK(result.rejections[1].reason.find("line 3, column 'case.født'") != std::string::npos);
  CHECK(result.rejections[1].reason.find("date (YYYY-MM-DD)") != std::string::npos);
  CHECK(result.rejections[2].reason.find("line 4, column 'at'") != std::string::npos);
  CHECK(result.rejections[3].reason.find("line 6, column 'case.kommune'") != std::string::npos);
  CHECK(result.rejections[3].reason.find("line 5") != std::string::npos);
  CHECK(result.rejections[4].reason.find("line 8") != std::string::npos);
  CHECK(result.rejections[5].reason.find("line 9") != std::string::npos);
  CHECK(result.rejections[6].reason.find("line 10, column 'type'") == std::string::npos);  // the row, not a cell
  CHECK(result.rejections[6].reason.find("'type'") != std::string::npos);

  CHECK(read_csv_text("case,type\nX,y\n", vocabulary).error.find("'at'") != std::string::npos);
  CHECK(!read_csv_text("", vocabulary).error.empty());
  CHECK(read_csv_text("case,type,at,at\n", vocabulary).error.find("twice") != std::string::npos);
}

TEST_CASE("csv: the conformance cases as CSV give the JSONL timelines", "[io][csv]") {
  const auto vocabulary = child_welfare_vocabulary();
  const auto jsonl = read_file(shared_path("conformance/cases.jsonl"), InputFormat::Jsonl, vocabulary);
  REQUIRE(jsonl.cases.size() == 75);
  const auto conversion = convert_conformance_cases();

  SECTION("grouped rows with case.NAME columns") {
    std::string text = conversion.header + "\n";
    for (const auto& rows : conversion.rows_by_case) {
      for (const auto& row : rows) text += row + "\n";
    }
    const auto csv = read_csv_text(text, vocabulary);
    REQUIRE(csv.error.empty());
    for (const auto& r : csv.rejections) FAIL_CHECK(r.reason);
    REQUIRE(csv.cases.size() == 75);
    for (std::size_t i = 0; i < 75; ++i) check_same_timeline(jsonl.cases[i], csv.cases[i]);
    // Empty cells of other event types' columns are not undeclared attributes.
    CHECK(csv.stats.undeclared_attributes.empty());
    CHECK(csv.stats.events == jsonl.stats.events);
  }
  SECTION("rows interleaved across cases") {
    std::string text = conversion.header + "\n";
    std::size_t longest = 0;
    for (const auto& rows : conversion.rows_by_case) longest = std::max(longest, rows.size());
    // Each case's first row in case order, so cases keep their order of first appearance.
    for (std::size_t k = 0; k < longest; ++k) {
      for (const auto& rows : conversion.rows_by_case) {
        if (k < rows.size()) text += rows[k] + "\n";
      }
    }
    const auto csv = read_csv_text(text, vocabulary);
    REQUIRE(csv.cases.size() + csv.rejections.size() == 75);
    for (const auto& r : csv.rejections) FAIL_CHECK(r.reason);
    for (std::size_t i = 0; i < csv.cases.size(); ++i) check_same_timeline(jsonl.cases[i], csv.cases[i]);
  }
  SECTION("case attributes from a --case-attrs file") {
    std::string header = without_case_columns(conversion.header);
    std::string text = header + "\n";
    for (const auto& rows : conversion.rows_by_case) {
      for (const auto& row : rows) text += without_case_columns(row) + "\n";
    }
    TempFile attrs(".csv", conversion.case_attrs_file);
    const auto csv = read_csv_text(text, vocabulary, attrs.path());
    REQUIRE(csv.error.empty());
    for (const auto& r : csv.rejections) FAIL_CHECK(r.reason);
    REQUIRE(csv.cases.size() == 75);
    for (std::size_t i = 0; i < 75; ++i) check_same_timeline(jsonl.cases[i], csv.cases[i]);
  }
}

TEST_CASE("csv: --case-attrs errors and conflicts", "[io][csv]") {
  const auto vocabulary = child_welfare_vocabulary();
  const std::string events = "case,type,at,case.kommune\nA1,afgørelse,2023-01-10,Aarhus\nA2,afgørelse,2023-01-10,\n";
  TempFile attrs(".csv", "case,kommune,født,ukendt\nA1,Odense,,x\nA2,Ishøj,2023-02-30,\n");
  const auto result = read_csv_text(events, vocabulary, attrs.path());
  REQUIRE(result.rejections.size() == 2);
  CHECK(result.rejections[0].reason.find("conflicts") != std::string::npos);
  CHECK(result.rejections[1].reason.find(attrs.path() + " line 3, column 'født'") != std::string::npos);

  TempFile duplicate(".csv", "case,kommune\nA1,x\nA1,y\n");
  CHECK(read_csv_text(events, vocabulary, duplicate.path()).error.find("line 3") != std::string::npos);
  TempFile no_case(".csv", "id,kommune\nA1,x\n");
  CHECK(!read_csv_text(events, vocabulary, no_case.path()).error.empty());

  TempFile ok(".csv", "case,kommune,ukendt\nA2,Ishøj,x\n");
  const auto fine = read_csv_text(events, vocabulary, ok.path());
  REQUIRE(fine.cases.size() == 2);
  CHECK(fine.stats.undeclared_attributes.at("case.ukendt") == 1);
}

TEST_CASE("csv: standard input and gzip are spooled to a temporary file that disappears", "[io][csv]") {
  const auto vocabulary = child_welfare_vocabulary();
  const std::string text = "case,type,at\nP1,afgørelse,2023-01-10\nP2,opfølgning,2023-01-11\nP1,handleplan,2023-01-12\n";

  // A private TMPDIR to see that no spool file is left behind.
  const std::string dir = std::string("/tmp/frist-io-spool-test-") + std::to_string(::getpid());
  ::mkdir(dir.c_str(), 0700);
  const char* old_tmpdir = std::getenv("TMPDIR");
  const std::string saved_tmpdir = old_tmpdir ? old_tmpdir : "";
  ::setenv("TMPDIR", dir.c_str(), 1);
  const auto files_in_dir = [&dir] {
    int n = 0;
    if (DIR* d = ::opendir(dir.c_str())) {
      while (const dirent* e = ::readdir(d)) n += e->d_name[0] != '.';
      ::closedir(d);
    }
    return n;
  };

  {
    TempFile input(".csv", text);
    const int saved_stdin = ::dup(0);
    const int fd = ::open(input.path().c_str(), O_RDONLY);
    REQUIRE(fd > 0);
    ::dup2(fd, 0);
    ::close(fd);
    const auto result = read_file("-", InputFormat::Csv, vocabulary);
    ::dup2(saved_stdin, 0);
    ::close(saved_stdin);
    CHECK(result.error.empty());
    REQUIRE(result.cases.size() == 2);
    CHECK(result.cases[0].events.size() == 2);
    CHECK(result.cases[1].line == 3);
  }
  CHECK(files_in_dir() == 0);

  {
    const std::string gz_path = dir + "/../frist-io-test-" + std::to_string(::getpid()) + ".csv.gz";
    gzFile out = gzopen(gz_path.c_str(), "wb");
    REQUIRE(out != nullptr);
    gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
    gzclose(out);
    const auto result = read_file(gz_path, InputFormat::Csv, vocabulary);
    std::remove(gz_path.c_str());
    CHECK(result.error.empty());
    CHECK(result.cases.size() == 2);
  }
  CHECK(files_in_dir() == 0);

  if (old_tmpdir) ::setenv("TMPDIR", saved_tmpdir.c_str(), 1);
  else ::unsetenv("TMPDIR");
  ::rmdir(dir.c_str());
}
