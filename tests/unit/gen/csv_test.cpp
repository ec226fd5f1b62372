// The CSV event table of `frist gen` (spec/case-data.md §2): the header of
// the vocabulary's columns, the same column count on every row under RFC 4180
// quoting, case attributes on the first row of a case, and bad rows only
// where the generator put them.
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

#include "tests/unit/gen/gen_support.hpp"

namespace frist::gen {
namespace {

using testing::generate;

// A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and
// line breaks; records end in CRLF. Returns false on a syntax error.
bool parse_csv(std::string_view text, std::vector<std::vector<std::string>>& records) {
  std::vector<std::string> record;
  std::string field;
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '"') {
      ++i;
      for (;;) {
        if (i >= text.size()) return false;
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += text[i++];
      }
    } else {
      while (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') {
        if (text[i] == '"') return false;
        field += text[i++];
      }
    }
    record.push_back(std::move(field));
    field.clear();
    if (i < text.size() && text[i] == ',') {
      ++i;
      continue;
    }
    if (text.substr(i, 2) != "\r\n") return false;
    i += 2;
    records.push_back(std::move(record));
    record.clear();
  }
  return true;
}

constexpr std::size_t kColumns = 20;
constexpr std::size_t kCaseColumn = 0, kAtColumn = 2, kKommuneColumn = 18, kBornColumn = 19;
const std::set<std::size_t> kBoolColumns = {4, 6, 8, 10, 12, 13, 14, 15, 16};

bool well_formed_timestamp(const std::string& at) {
  if (at.size() < 10 || at[4] != '-' || at[7] != '-') return false;  // catches DD-MM-YYYY
  if (at.size() > 10 && at[10] != 'T') return false;                  // catches the space
  return at.compare(5, 5, "02-30") != 0;                              // catches the impossible date
}

TEST_CASE("CSV has the header and the right column count on every row", "[gen]") {
  constexpr std::uint64_t kCases = 5000;
  const auto out = generate(OutputFormat::Csv, kCases, 31, 4000);
  std::vector<std::vector<std::string>> records;
  REQUIRE(parse_csv(out.text, records));
  REQUIRE(records.size() == out.summary.events + 1);
  const std::vector<std::string> header = records.front();
  CHECK(header == std::vector<std::string>{"case", "type", "at", "id", "fagperson", "underretning", "opdateret", "om",
                                           "afslået", "hjemmel", "akut", "samtale_undladt", "formål", "varighed",
                                           "anbringelse", "uden_samtykke", "angiver_indsats", "begrundelse",
                                           "case.kommune", "case.født"});
  CHECK(out.text.substr(0, csv_header().size()) == csv_header());

  std::set<std::string> cases_seen;
  std::set<std::string> bad_cases;
  std::string previous_case;
  bool quoted_commas = false;
  for (std::size_t row = 1; row < records.size(); ++row) {
    const auto& r = records[row];
    INFO("row " << row + 1);
    REQUIRE(r.size() == kColumns);
    const bool first_row = r[kCaseColumn] != previous_case;
    if (first_row) CHECK(cases_seen.insert(r[kCaseColumn]).second);  // rows of a case are adjacent
    if (!first_row) {
      CHECK(r[kKommuneColumn].empty());
      CHECK(r[kBornColumn].empty());
    }
    previous_case = r[kCaseColumn];
    quoted_commas = quoted_commas || r[9].find(',') != std::string::npos;
    bool bad = !well_formed_timestamp(r[kAtColumn]);
    for (const std::size_t column : kBoolColumns)
      bad = bad || !(r[column].empty() || r[column] == "true" || r[column] == "false");
    if (bad) bad_cases.insert(r[kCaseColumn]);
  }
  CHECK(cases_seen.size() == kCases);
  CHECK(quoted_commas);  // "SEL § 52, stk. 3, nr. 3" survived the quoting
  CHECK(bad_cases.size() == out.summary.malformed);
  CHECK(out.summary.malformed > 5);
}

}  // namespace
}  // namespace frist::gen
