// The three output formats of `frist gen` and the loop that generates and
// writes cases in order. Text goes straight into an OutputBuffer; the only
// allocation is the buffer itself. Deliberately malformed cases
// (Malformation in generator.hpp) are rendered here, each format in its own
// way, keeping CSV rows at the right column count and XES well-formed XML.
#include "cli/gen/writers.hpp"

#include <array>
#include <memory>
#include <vector>

#include "cli/gen/municipalities.hpp"

namespace frist::gen {
namespace {

// Room kept free before each case so that a whole case stays in the buffer
// (a JSONL line can then be cut short in place). A case has at most
// kMaxEvents events of well under 2 KB each in the most verbose format.
constexpr std::size_t kCaseReserve = kMaxEvents * 2048;

// ---- text escaping ---------------------------------------------------------------

void put_json_text(OutputBuffer& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c != '"' && c != '\\' && c >= 0x20) continue;
    out.put(text.substr(run, i - run));
    run = i + 1;
    if (c == '"' || c == '\\') {
      out.put('\\');
      out.put(static_cast<char>(c));
    } else {
      constexpr char kHex[] = "0123456789abcdef";
      out.put("\\u00");
      out.put(kHex[c >> 4]);
      out.put(kHex[c & 15]);
    }
  }
  out.put(text.substr(run));
}

void put_xml_text(OutputBuffer& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::string_view entity;
    switch (text[i]) {
      case '&': entity = "&amp;"; break;
      case '<': entity = "&lt;"; break;
      case '>': entity = "&gt;"; break;
      case '"': entity = "&quot;"; break;
      default: continue;
    }
    out.put(text.substr(run, i - run));
    out.put(entity);
    run = i + 1;
  }
  out.put(text.substr(run));
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
void put_csv_field(OutputBuffer& out, std::string_view text) {
  bool plain = true;
  for (const char c : text) plain = plain && c != ',' && c != '"' && c != '\r' && c != '\n';
  if (plain) {
    out.put(text);
    return;
  }
  out.put('"');
  for (const char c : text) {
    if (c == '"') out.put('"');
    out.put(c);
  }
  out.put('"');
}

// ---- values ----------------------------------------------------------------------

void put_event_id(OutputBuffer& out, EventId id) {
  out.put(id.prefix);
  out.put_number(id.number);
}

void put_clock(OutputBuffer& out, int second, bool with_seconds) {
  out.put_number(static_cast<std::uint64_t>(second / 3600), 2);
  out.put(':');
  out.put_number(static_cast<std::uint64_t>(second / 60 % 60), 2);
  if (with_seconds) {
    out.put(':');
    out.put_number(static_cast<std::uint64_t>(second % 60), 2);
  }
}

void put_offset(OutputBuffer& out, int offset_seconds) { out.put(offset_seconds == 7200 ? "+02:00" : "+01:00"); }

// How a malformed case spoils a timestamp.
enum class TimestampFault : std::uint8_t {
  None,
  ImpossibleDate,  // YYYY-02-30
  Spaced,          // `YYYY-MM-DD hh:mm`: a space instead of `T`
  DayFirst,        // `DD-MM-YYYY`
  Missing,         // XES: no time:timestamp at all
};

TimestampFault timestamp_fault(const CaseRecord& record, std::size_t event, OutputFormat format) noexcept {
  if (event != record.damaged_event) return TimestampFault::None;
  switch (record.malformation) {
    case Malformation::ImpossibleDate: return TimestampFault::ImpossibleDate;
    case Malformation::BadTimestamp: return TimestampFault::Spaced;
    case Malformation::BrokenSyntax:
      if (format == OutputFormat::Csv) return TimestampFault::DayFirst;
      if (format == OutputFormat::Xes) return TimestampFault::Missing;
      return TimestampFault::None;  // JSONL: the line is cut instead
    case Malformation::None:
    case Malformation::WrongValueType: break;
  }
  return TimestampFault::None;
}

bool mistyped(const CaseRecord& record, std::size_t event, std::size_t attribute) noexcept {
  return record.malformation == Malformation::WrongValueType && event == record.damaged_event &&
         attribute == record.damaged_attribute;
}

constexpr std::string_view kMistypedBool = "ja";

// The days the generator writes, formatted once, with their Copenhagen
// offsets: formatting a date is then a 10-byte copy. Days outside the range
// (none today) take the slow path.
class DateCache {
 public:
  DateCache() : first_(days_from_civil(2000, 1, 1)), last_(days_from_civil(2031, 12, 31)) {
    const auto days = static_cast<std::size_t>(last_ - first_ + 1);
    text_.resize(days);
    midnight_offset_.resize(days);
    noon_offset_.resize(days);
    for (Days d = first_; d <= last_; ++d) {
      const auto i = static_cast<std::size_t>(d - first_);
      const CivilDate c = civil_from_days(d);
      format(c, text_[i].data());
      midnight_offset_[i] = static_cast<std::int16_t>(copenhagen_offset_seconds(d, 0));
      noon_offset_[i] = static_cast<std::int16_t>(copenhagen_offset_seconds(d, 12 * 3600));
    }
  }

  void put(OutputBuffer& out, Days d) const {
    if (d >= first_ && d <= last_) {
      out.put(std::string_view(text_[static_cast<std::size_t>(d - first_)].data(), 10));
      return;
    }
    std::array<char, 10> text;
    format(civil_from_days(d), text.data());
    out.put(std::string_view(text.data(), text.size()));
  }

  int offset_seconds(Days d, int second) const noexcept {
    if (d < first_ || d > last_) return copenhagen_offset_seconds(d, second);
    const auto i = static_cast<std::size_t>(d - first_);
    if (midnight_offset_[i] == noon_offset_[i]) return midnight_offset_[i];
    return copenhagen_offset_seconds(d, second);  // the two change days of a year
  }

  static void format(const CivilDate& c, char* text) noexcept {
    const auto digits = [](int value, char* at, int width) {
      for (int k = width - 1; k >= 0; --k, value /= 10) at[k] = static_cast<char>('0' + value % 10);
    };
    digits(c.year, text, 4);
    text[4] = '-';
    digits(c.month, text + 5, 2);
    text[7] = '-';
    digits(c.day, text + 8, 2);
  }

 private:
  Days first_;
  Days last_;
  std::vector<std::array<char, 10>> text_;
  std::vector<std::int16_t> midnight_offset_;
  std::vector<std::int16_t> noon_offset_;
};

// ---- the three formats --------------------------------------------------------------

constexpr std::string_view kCsvHeader =
    "case,type,at,id,fagperson,underretning,opdateret,om,afslået,hjemmel,akut,samtale_undladt,"
    "formål,varighed,anbringelse,uden_samtykke,angiver_indsats,begrundelse,case.kommune,case.født";

// Writes one case at a time in the chosen format into the buffer.
class CaseWriter {
 public:
  CaseWriter(OutputBuffer& out, const DateCache& dates) : out_(out), dates_(dates) {}

  void write(OutputFormat format, const CaseRecord& record) {
    out_.reserve(kCaseReserve);
    case_id_length_ = format_case_id(record, case_id_.data());
    switch (format) {
      case OutputFormat::Jsonl: write_jsonl(record); break;
      case OutputFormat::Csv: write_csv(record); break;
      case OutputFormat::Xes: write_xes(record); break;
    }
  }

 private:
  void put_case_id() { out_.put(std::string_view(case_id_.data(), case_id_length_)); }

  void put_date(Days day, TimestampFault fault = TimestampFault::None) {
    if (fault == TimestampFault::None || fault == TimestampFault::Spaced || fault == TimestampFault::Missing) {
      dates_.put(out_, day);
      return;
    }
    CivilDate date = civil_from_days(day);
    if (fault == TimestampFault::ImpossibleDate) {
      date.month = 2;
      date.day = 30;
    }
    std::array<char, 10> text;
    DateCache::format(date, text.data());
    if (fault == TimestampFault::DayFirst) {  // DD-MM-YYYY
      out_.put(std::string_view(text.data() + 8, 2));
      out_.put(std::string_view(text.data() + 4, 4));  // "-MM-"
      out_.put(std::string_view(text.data(), 4));
      return;
    }
    out_.put(std::string_view(text.data(), text.size()));
  }

  struct ClockReading {
    Days day;
    int second;
  };

  // The UTC reading of a local Copenhagen date-time.
  ClockReading to_utc(Days day, int second) const noexcept {
    second -= dates_.offset_seconds(day, second);
    if (second < 0) {
      second += kSecondsPerDay;
      --day;
    }
    return {day, second};
  }

  // A timestamp as JSONL and CSV write it (case-data.md §1).
  void put_text_timestamp(const EventTime& at, TimestampFault fault) {
    ClockReading reading{at.day, at.second};
    if (at.style == ClockStyle::Utc) reading = to_utc(at.day, at.second);
    put_date(reading.day, fault);
    if (at.style == ClockStyle::DateOnly) {
      if (fault == TimestampFault::Spaced) out_.put(" 00:00");
      return;
    }
    out_.put(fault == TimestampFault::Spaced ? ' ' : 'T');
    put_clock(out_, reading.second, at.with_seconds);
    if (at.style == ClockStyle::Utc) out_.put('Z');
    if (at.style == ClockStyle::Offset) put_offset(out_, dates_.offset_seconds(at.day, at.second));
  }

  // An xs:dateTime as XES needs it: always a full date-time with offset; a
  // date becomes local midnight.
  void put_xes_timestamp(const EventTime& at, TimestampFault fault) {
    const int local_second = at.style == ClockStyle::DateOnly ? 0 : at.second;
    ClockReading reading{at.day, local_second};
    if (at.style == ClockStyle::Utc) reading = to_utc(at.day, local_second);
    put_date(reading.day, fault);
    out_.put(fault == TimestampFault::Spaced ? ' ' : 'T');
    put_clock(out_, reading.second, true);
    out_.put(".000");
    if (at.style == ClockStyle::Utc) {
      out_.put('Z');
    } else {
      put_offset(out_, dates_.offset_seconds(at.day, local_second));
    }
  }

  // ---- JSON Lines ----

  void put_json_value(const AttributeValue& value, bool wrong_type) {
    if (wrong_type) {
      out_.put('"');
      out_.put(kMistypedBool);
      out_.put('"');
      return;
    }
    switch (value.kind) {
      case ValueKind::Bool: out_.put(value.flag ? "true" : "false"); break;
      case ValueKind::Text:
        out_.put('"');
        put_json_text(out_, value.text);
        out_.put('"');
        break;
      case ValueKind::Reference:
        out_.put('"');
        put_event_id(out_, value.reference);
        out_.put('"');
        break;
    }
  }

  void write_jsonl(const CaseRecord& record) {
    const std::uint64_t flushes = out_.flushes();
    std::size_t damaged_begin = out_.position();
    std::size_t damaged_end = damaged_begin;

    out_.put("{\"case\":\"");
    put_case_id();
    out_.put('"');
    if (record.kommune_recorded || record.born_recorded) {
      out_.put(",\"attrs\":{");
      if (record.kommune_recorded) {
        out_.put("\"kommune\":\"");
        put_json_text(out_, record.municipality->name);
        out_.put('"');
      }
      if (record.born_recorded) {
        out_.put(record.kommune_recorded ? ",\"født\":\"" : "\"født\":\"");
        put_date(record.born);
        out_.put('"');
      }
      out_.put('}');
    }
    out_.put(",\"events\":[");
    for (std::size_t i = 0; i < record.event_count; ++i) {
      const Event& e = record.events[i];
      if (i > 0) out_.put(',');
      if (i == record.damaged_event) damaged_begin = out_.position();
      out_.put("{\"type\":\"");
      put_json_text(out_, event_type_name(e.type));
      out_.put("\",\"at\":\"");
      put_text_timestamp(e.at, timestamp_fault(record, i, OutputFormat::Jsonl));
      out_.put('"');
      if (e.id.present()) {
        out_.put(",\"id\":\"");
        put_event_id(out_, e.id);
        out_.put('"');
      }
      if (e.attribute_count > 0) {
        out_.put(",\"attrs\":{");
        for (std::size_t a = 0; a < e.attribute_count; ++a) {
          if (a > 0) out_.put(',');
          out_.put('"');
          put_json_text(out_, attribute_name(e.attributes[a].name));
          out_.put("\":");
          put_json_value(e.attributes[a], mistyped(record, i, a));
        }
        out_.put('}');
      }
      out_.put('}');
      if (i == record.damaged_event) damaged_end = out_.position();
    }
    out_.put("]}");

    // A line cut off in the middle of an event, as a crashed export leaves
    // it. Any proper prefix of the object is invalid JSON; the cut avoids
    // splitting a UTF-8 sequence so the line stays valid UTF-8.
    if (record.malformation == Malformation::BrokenSyntax && out_.flushes() == flushes) {
      std::size_t cut = damaged_begin + (damaged_end - damaged_begin) / 2;
      while (cut > damaged_begin && static_cast<unsigned char>(out_.data()[cut]) >= 0x80) --cut;
      out_.truncate(cut);
    }
    out_.put('\n');
  }

  // ---- CSV ----

  void put_csv_value(const AttributeValue& value, bool wrong_type) {
    if (wrong_type) {
      out_.put(kMistypedBool);
      return;
    }
    switch (value.kind) {
      case ValueKind::Bool: out_.put(value.flag ? "true" : "false"); break;
      case ValueKind::Text: put_csv_field(out_, value.text); break;
      case ValueKind::Reference: put_event_id(out_, value.reference); break;
    }
  }

  void write_csv(const CaseRecord& record) {
    for (std::size_t i = 0; i < record.event_count; ++i) {
      const Event& e = record.events[i];
      put_case_id();
      out_.put(',');
      out_.put(event_type_name(e.type));  // names need no quoting (tested)
      out_.put(',');
      put_text_timestamp(e.at, timestamp_fault(record, i, OutputFormat::Csv));
      out_.put(',');
      if (e.id.present()) put_event_id(out_, e.id);

      std::array<int, kAttributeCount> slot;  // attribute -> index in e.attributes, -1 = empty cell
      slot.fill(-1);
      for (std::size_t a = 0; a < e.attribute_count; ++a)
        slot[static_cast<std::size_t>(e.attributes[a].name)] = static_cast<int>(a);
      for (const int a : slot) {
        out_.put(',');
        if (a < 0) continue;
        const auto index = static_cast<std::size_t>(a);
        put_csv_value(e.attributes[index], mistyped(record, i, index));
      }

      // Case attributes on the first row of the case.
      out_.put(',');
      if (i == 0 && record.kommune_recorded) put_csv_field(out_, record.municipality->name);
      out_.put(',');
      if (i == 0 && record.born_recorded) put_date(record.born);
      out_.put("\r\n");
    }
  }

  // ---- XES ----

  void put_xes_string(std::string_view indent, std::string_view key, std::string_view value) {
    out_.put(indent);
    out_.put("<string key=\"");
    put_xml_text(out_, key);
    out_.put("\" value=\"");
    put_xml_text(out_, value);
    out_.put("\"/>\n");
  }

  void write_xes(const CaseRecord& record) {
    out_.put("\t<trace>\n\t\t<string key=\"concept:name\" value=\"");
    put_case_id();
    out_.put("\"/>\n");
    if (record.kommune_recorded) put_xes_string("\t\t", "kommune", record.municipality->name);
    if (record.born_recorded) {
      out_.put("\t\t<date key=\"født\" value=\"");
      put_xes_timestamp(EventTime{record.born, 0, ClockStyle::DateOnly, false}, TimestampFault::None);
      out_.put("\"/>\n");
    }
    for (std::size_t i = 0; i < record.event_count; ++i) {
      const Event& e = record.events[i];
      out_.put("\t\t<event>\n");
      put_xes_string("\t\t\t", "concept:name", event_type_name(e.type));
      const TimestampFault fault = timestamp_fault(record, i, OutputFormat::Xes);
      if (fault != TimestampFault::Missing) {
        out_.put("\t\t\t<date key=\"time:timestamp\" value=\"");
        put_xes_timestamp(e.at, fault);
        out_.put("\"/>\n");
      }
      if (e.id.present()) {
        out_.put("\t\t\t<string key=\"id\" value=\"");
        put_event_id(out_, e.id);
        out_.put("\"/>\n");
      }
      for (std::size_t a = 0; a < e.attribute_count; ++a) write_xes_attribute(e.attributes[a], mistyped(record, i, a));
      out_.put("\t\t</event>\n");
    }
    out_.put("\t</trace>\n");
  }

  void write_xes_attribute(const AttributeValue& value, bool wrong_type) {
    const std::string_view key = attribute_name(value.name);
    if (wrong_type) {  // a boolean exported as 0/1
      out_.put("\t\t\t<int key=\"");
      put_xml_text(out_, key);
      out_.put(value.flag ? "\" value=\"1\"/>\n" : "\" value=\"0\"/>\n");
      return;
    }
    switch (value.kind) {
      case ValueKind::Bool:
        out_.put("\t\t\t<boolean key=\"");
        put_xml_text(out_, key);
        out_.put(value.flag ? "\" value=\"true\"/>\n" : "\" value=\"false\"/>\n");
        break;
      case ValueKind::Text: put_xes_string("\t\t\t", key, value.text); break;
      case ValueKind::Reference:
        out_.put("\t\t\t<string key=\"");
        put_xml_text(out_, key);
        out_.put("\" value=\"");
        put_event_id(out_, value.reference);
        out_.put("\"/>\n");
        break;
    }
  }

  OutputBuffer& out_;
  const DateCache& dates_;
  std::array<char, 32> case_id_{};
  std::size_t case_id_length_ = 0;
};

void write_xes_header(OutputBuffer& out, const GenerationRequest& request) {
  out.put(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<log xes.version=\"1849-2016\" xes.features=\"\" xmlns=\"http://www.xes-standard.org/\">\n"
      "\t<extension name=\"Concept\" prefix=\"concept\" uri=\"http://www.xes-standard.org/concept.xesext\"/>\n"
      "\t<extension name=\"Time\" prefix=\"time\" uri=\"http://www.xes-standard.org/time.xesext\"/>\n"
      "\t<classifier name=\"Activity\" keys=\"concept:name\"/>\n"
      "\t<string key=\"concept:name\" value=\"frist gen, seed ");
  out.put_number(request.generator.seed);
  out.put("\"/>\n");
}

}  // namespace

std::optional<OutputFormat> parse_output_format(std::string_view name) noexcept {
  if (name == "jsonl") return OutputFormat::Jsonl;
  if (name == "csv") return OutputFormat::Csv;
  if (name == "xes") return OutputFormat::Xes;
  return std::nullopt;
}

std::string_view csv_header() noexcept { return kCsvHeader; }

std::size_t format_case_id(const CaseRecord& record, char* buffer) noexcept {
  std::size_t n = 0;
  buffer[n++] = 'K';
  const unsigned code = record.municipality->code;
  buffer[n++] = static_cast<char>('0' + code / 100);
  buffer[n++] = static_cast<char>('0' + code / 10 % 10);
  buffer[n++] = static_cast<char>('0' + code % 10);
  buffer[n++] = '-';
  char digits[24];
  std::size_t d = 0;
  for (std::uint64_t number = record.index + 1; number != 0 || d < 6; number /= 10)
    digits[d++] = static_cast<char>('0' + number % 10);
  while (d > 0) buffer[n++] = digits[--d];
  return n;
}

GenerationSummary write_cases(const GenerationRequest& request, ChunkSink sink) {
  GenerationSummary summary;
  OutputBuffer out(std::move(sink));
  switch (request.format) {
    case OutputFormat::Jsonl: break;
    case OutputFormat::Csv:
      out.put(kCsvHeader);
      out.put("\r\n");
      break;
    case OutputFormat::Xes: write_xes_header(out, request); break;
  }

  // One record, reused: generating a case allocates nothing.
  const DateCache dates;
  CaseWriter writer(out, dates);
  auto record = std::make_unique<CaseRecord>();
  for (std::uint64_t i = 0; i < request.cases && out.ok(); ++i) {
    generate_case(request.generator, i, *record);
    writer.write(request.format, *record);
    ++summary.cases;
    summary.events += record->event_count;
    if (record->malformation != Malformation::None) ++summary.malformed;
  }
  if (request.format == OutputFormat::Xes) out.put("</log>\n");
  summary.written = out.flush();
  return summary;
}

std::vector<std::string> jsonl_lines(std::uint64_t cases, std::uint64_t seed) {
  std::string text;
  GenerationRequest request;
  request.format = OutputFormat::Jsonl;
  request.generator.seed = seed;
  request.generator.malformed_rate = 0;
  request.cases = cases;
  write_cases(request, [&](std::string_view chunk) {
    text.append(chunk);
    return true;
  });
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    lines.emplace_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

}  // namespace frist::gen
