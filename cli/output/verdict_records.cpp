// JSON Lines, CSV and text verdict records.
#include "cli/output/verdict_records.hpp"

#include <fmt/format.h>

#include <charconv>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <cstring>

#include "cli/pseudonym.hpp"
#include "runtime/common/csv_text.hpp"
#include "runtime/common/json_text.hpp"

using namespace std::string_view_literals;

namespace frist::cli {
namespace {

void csv_field(std::string& out, std::string_view s) { append_csv_field(out, s); }

// Eight bytes at a time: a byte below 0x20 or equal to one of the given
// bytes sets that byte's high bit in the result (exact for "any", which is all
// that is asked; bytes from 0x80 up never match).
constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
constexpr std::uint64_t kHighs = 0x8080808080808080ULL;
constexpr std::uint64_t zero_bytes(std::uint64_t x) noexcept { return (x - kOnes) & ~x & kHighs; }
constexpr std::uint64_t bytes_equal(std::uint64_t x, unsigned char c) noexcept { return zero_bytes(x ^ (kOnes * c)); }
constexpr std::uint64_t bytes_below(std::uint64_t x, unsigned char c) noexcept { return (x - kOnes * c) & ~x & kHighs; }

std::uint64_t load8(const char* p) noexcept {
  std::uint64_t x;
  std::memcpy(&x, p, sizeof x);
  return x;
}

// True when one of p[0, n) is a byte of interest to `Bytes`: sixteen bytes
// at a time with SSE2 (Bytes::in16), else eight (Bytes::in8), the tail read
// overlapping; under eight bytes one by one (Bytes::is).
template <typename Bytes>
bool any_byte(const char* p, std::size_t n) noexcept {
#if defined(__SSE2__)
  if (n >= 16) {
    for (std::size_t i = 0; i + 16 < n; i += 16) {
      if (Bytes::in16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i)))) return true;
    }
    return Bytes::in16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + n - 16)));  // the last sixteen, overlapping
  }
#endif
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (Bytes::in8(load8(p + i))) return true;
    }
    return Bytes::in8(load8(p + n - 8));  // the last eight, overlapping
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (Bytes::is(static_cast<unsigned char>(p[i]))) return true;
  }
  return false;
}

// What JSON must escape: below 0x20, '"' and '\\'.
struct JsonEscaped {
  static bool is(unsigned char c) noexcept { return c < 0x20 || c == '"' || c == '\\'; }
  static bool in8(std::uint64_t x) noexcept {
    return (bytes_below(x, 0x20) | bytes_equal(x, '"') | bytes_equal(x, '\\')) != 0;
  }
#if defined(__SSE2__)
  static bool in16(__m128i x) noexcept {
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);  // unsigned x <= 0x1f
    const __m128i special = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\')));
    return _mm_movemask_epi8(_mm_or_si128(control, special)) != 0;
  }
#endif
};

// What a CSV field must be quoted for: ',', '"', '\n' and '\r'.
struct CsvQuoted {
  static bool is(unsigned char c) noexcept { return c == ',' || c == '"' || c == '\n' || c == '\r'; }
  static bool in8(std::uint64_t x) noexcept {
    return (bytes_equal(x, ',') | bytes_equal(x, '"') | bytes_equal(x, '\n') | bytes_equal(x, '\r')) != 0;
  }
#if defined(__SSE2__)
  static bool in16(__m128i x) noexcept {
    const __m128i a = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(',')), _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
    const __m128i b = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\r')));
    return _mm_movemask_epi8(_mm_or_si128(a, b)) != 0;
  }
#endif
};

bool needs_json_escape(const char* p, std::size_t n) noexcept { return any_byte<JsonEscaped>(p, n); }
bool needs_csv_quotes(const char* p, std::size_t n) noexcept { return any_byte<CsvQuoted>(p, n); }

std::string json_text(std::string_view s) {
  std::string out;
  append_json_text(out, s);
  return out;
}

std::string csv_text(std::string_view s) {
  std::string out;
  append_csv_field(out, s);
  return out;
}

void append_number(std::string& out, std::uint64_t n) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
  out.append(digits, static_cast<std::size_t>(end - digits));
}

}  // namespace

void append_json_text(std::string& out, std::string_view text) {
  if (needs_json_escape(text.data(), text.size())) {
    append_json_string(out, text);
    return;
  }
  out += '"';
  out += text;
  out += '"';
}

void close_json_text(std::string& out, std::size_t start, std::string& scratch) {
  if (!needs_json_escape(out.data() + start, out.size() - start)) {
    out += '"';
    return;
  }
  scratch.assign(out, start);
  out.resize(start - 1);  // the opening quote: append_json_string writes its own
  append_json_string(out, scratch);
}

void close_csv_field(std::string& out, std::size_t start, std::string& scratch) {
  const std::size_t n = out.size() - start;
  if (!needs_csv_quotes(out.data() + start, n)) return;
  if (std::memchr(out.data() + start, '"', n) == nullptr) {
    out.insert(start, 1, '"');
    out += '"';
    return;
  }
  scratch.assign(out, start);
  out.resize(start);
  append_csv_field(out, scratch);
}

VerdictFormatter::VerdictFormatter(const eval::Bundle& bundle, const RecordOptions& options)
    : bundle_(bundle), options_(options) {
  for (std::size_t v = 0; v < vm::kVerdictCount; ++v) verdict_names_[v] = vm::verdict_name(static_cast<vm::Verdict>(v));
  members_.reserve(bundle.members().size());
  for (const eval::Member& m : bundle.members()) {
    const bytecode::CompiledRuleset& r = *m.compiled;
    const bool danish = r.meta.language == 0;
    MemberText t;
    if (options.format == RecordFormat::Text) t.text_header = fmt::format("  ({} {})\n", m.id, m.version);
    t.heads.reserve(r.rules.size() * 2 * vm::kVerdictCount);
    for (const bytecode::Rule& rule : r.rules) {
      const std::string& rule_id = r.strings.at(rule.id);
      for (const bool exempt : {false, true}) {
        for (std::size_t v = 0; v < vm::kVerdictCount; ++v) {
          const auto verdict = static_cast<vm::Verdict>(v);
          // Only a compliant verdict is shown exempt; the other slots are never used.
          const bool shown_exempt = exempt && verdict == vm::Verdict::Compliant;
          switch (options.format) {
            case RecordFormat::Jsonl:
              t.heads.push_back(",\"ruleset\":" + json_text(m.id) + ",\"version\":" + json_text(m.version) +
                                ",\"rule\":" + json_text(rule_id) + ",\"verdict\":\"" + vm::verdict_name(verdict) +
                                (shown_exempt ? "\",\"exempt\":true,\"reason\":\"" : "\",\"reason\":\""));
              break;
            case RecordFormat::Csv:
              t.heads.push_back("," + csv_text(m.id) + "," + csv_text(m.version) + "," + csv_text(rule_id) + "," +
                                vm::verdict_name(verdict) + (shown_exempt ? ",true," : ",false,"));
              break;
            case RecordFormat::Text: {
              std::string label = danish ? vm::verdict_label_da(verdict) : vm::verdict_name(verdict);
              if (shown_exempt) label += danish ? " (undtaget)" : " (exempt)";
              t.heads.push_back(fmt::format("  {:<30} {:<24} ", rule_id, label));
              break;
            }
          }
        }
      }
    }
    if (options.format == RecordFormat::Jsonl && options.evidence) {
      t.evidence_names.reserve(r.strings.size());
      for (const std::string& s : r.strings) t.evidence_names.push_back("{\"name\":" + json_text(s));
    }
    members_.push_back(std::move(t));
  }
  if (options.format == RecordFormat::Jsonl && options.evidence) {
    for (const auto& type : bundle.vocabulary().event_types())
      event_types_.push_back(",\"type\":" + json_text(type.name) + ",\"at\":\"");
  }
}

void VerdictFormatter::append_evidence(std::string& out, const std::vector<vm::EvidenceItem>& items,
                                       const MemberText& text, const eval::ReasonContext& ctx) {
  out += ",\"evidence\":["sv;
  bool first = true;
  for (const vm::EvidenceItem& e : items) {
    if (!first) out += ',';
    first = false;
    out += text.evidence_names.at(e.name);
    if (e.value.tag == vm::Tag::Event) {
      const model::Event& ev = ctx.timeline->events.at(static_cast<std::size_t>(e.value.i32));
      out += event_types_.at(ev.type);
      // Dates and timestamps are digits and -T:.+/ only: nothing to escape.
      if (ev.at.is_date()) eval::append_date(out, ev.at.date);
      else eval::append_timestamp(out, ev.at, *ctx.zone);
      out += '"';
      if (ev.id_length >= 0) {
        out += ",\"id\":"sv;
        append_json_text(out, ctx.timeline->event_id(ev));
      }
    } else {
      out += ",\"value\":\""sv;
      const std::size_t start = out.size();
      eval::append_value_text(out, e.value, ctx);
      close_json_text(out, start, scratch_);
    }
    out += '}';
  }
  out += ']';
}

void VerdictFormatter::append(std::string& out, std::uint32_t member, const model::CaseTimeline& timeline,
                              const std::vector<vm::RuleResult>& results) {
  const eval::Member& m = bundle_.members()[member];
  const MemberText& text = members_[member];
  const bytecode::CompiledRuleset& r = *m.compiled;
  const std::string pseudonym = options_.pseudonymizer != nullptr ? (*options_.pseudonymizer)(timeline.id) : std::string();
  const std::string_view shown_id = options_.pseudonymizer != nullptr ? std::string_view(pseudonym) : timeline.id;
  case_.clear();
  switch (options_.format) {
    case RecordFormat::Jsonl:
      case_ = "{\"case\":";
      append_json_text(case_, shown_id);
      break;
    case RecordFormat::Csv: csv_field(case_, shown_id); break;
    case RecordFormat::Text: break;
  }
  eval::ReasonContext ctx{&r, &bundle_.vocabulary(), &timeline, &bundle_.zone(), r.meta.language == 0};
  for (std::uint32_t i = 0; i < results.size(); ++i) {
    const vm::RuleResult& res = results[i];
    const vm::Outcome& o = res.outcome;
    const bool exempt = o.verdict == vm::Verdict::Compliant && o.exempt;
    const std::string& head = text.heads[(i * 2 + (exempt ? 1 : 0)) * vm::kVerdictCount + static_cast<std::size_t>(o.verdict)];
    switch (options_.format) {
      case RecordFormat::Jsonl: {
        out += case_;
        out += head;
        const std::size_t start = out.size();
        eval::append_reason_text(out, o, i, ctx);
        close_json_text(out, start, scratch_);
        if (o.deadline.kind != vm::Deadline::Kind::None) {
          out += ",\"deadline\":\""sv;
          eval::append_deadline_text(out, o.deadline, bundle_.zone());
          out += '"';
        }
        if (res.for_each) {
          out += ",\"occurrences\":{"sv;
          bool first = true;
          for (std::size_t v = 0; v < vm::kVerdictCount; ++v) {
            if (res.counts[v] == 0) continue;
            if (!first) out += ',';
            first = false;
            out += '"';
            out += verdict_names_[v];
            out += "\":"sv;
            append_number(out, res.counts[v]);
          }
          out += '}';
        }
        if (options_.evidence) append_evidence(out, res.evidence, text, ctx);
        out += "}\n"sv;
        break;
      }
      case RecordFormat::Csv: {
        out += case_;
        out += head;
        const std::size_t start = out.size();
        eval::append_reason_text(out, o, i, ctx);
        close_csv_field(out, start, scratch_);
        out += ',';
        // A deadline is digits and -T:.+/ only: never quoted.
        eval::append_deadline_text(out, o.deadline, bundle_.zone());
        out += '\n';
        break;
      }
      case RecordFormat::Text:
        if (i == 0) {
          out += shown_id;
          out += text.text_header;
        }
        out += head;
        eval::append_reason_text(out, o, i, ctx);
        out += '\n';
        break;
    }
  }
}

void append_rejected(std::string& out, const eval::CaseResult& r, RecordFormat format, const std::string& file) {
  switch (format) {
    case RecordFormat::Jsonl:
      out += "{\"case\":";
      if (r.has_case_id) append_json_string(out, r.case_id);
      else out += "null";
      out += ",\"rejected\":";
      append_json_string(out, r.reason);
      fmt::format_to(std::back_inserter(out), ",\"line\":{}", r.line);
      if (!file.empty()) {
        out += ",\"file\":";
        append_json_string(out, file);
      }
      out += "}\n";
      break;
    case RecordFormat::Csv:
      csv_field(out, r.has_case_id ? r.case_id : std::string());
      out += ",,,,rejected,false,";
      // CSV has no line column (spec/case-data.md §5): the reason names it.
      csv_field(out, fmt::format("line {}: {}", r.line, r.reason));
      out += ",\n";
      break;
    case RecordFormat::Text:
      fmt::format_to(std::back_inserter(out), "{}  rejected (line {}): {}\n", r.has_case_id ? r.case_id : "(no case id)", r.line, r.reason);
      break;
  }
}

void append_uncovered(std::string& out, const eval::CaseResult& r, RecordFormat format) {
  switch (format) {
    case RecordFormat::Jsonl:
      out += "{\"case\":";
      append_json_string(out, r.case_id);
      out += ",\"uncovered\":";
      append_json_string(out, r.reason);
      fmt::format_to(std::back_inserter(out), ",\"line\":{}}}\n", r.line);
      break;
    case RecordFormat::Csv:
      csv_field(out, r.case_id);
      out += ",,,,uncovered,false,";
      csv_field(out, fmt::format("line {}: {}", r.line, r.reason));
      out += ",\n";
      break;
    case RecordFormat::Text:
      fmt::format_to(std::back_inserter(out), "{}  uncovered (line {}): {}\n", r.case_id, r.line, r.reason);
      break;
  }
}

std::string meta_record(const eval::Bundle& bundle, time::Days as_of) {
  std::string out = "{\"meta\":{\"frist\":";
  append_json_string(out, FRIST_VERSION);
  out += ",\"as_of\":";
  append_json_string(out, time::format_date(as_of));
  out += ",\"rulesets\":[";
  bool first = true;
  for (const eval::Member& m : bundle.members()) {
    if (!first) out += ',';
    first = false;
    out += "{\"id\":";
    append_json_string(out, m.id);
    out += ",\"version\":";
    append_json_string(out, m.version);
    out += ",\"sha256\":";
    append_json_string(out, m.sha256_hex);
    out += '}';
  }
  out += "]}}\n";
  return out;
}

std::string summary_record(const eval::DriveSummary& s) {
  return fmt::format("{{\"summary\":{{\"read\":{},\"evaluated\":{},\"rejected\":{},\"uncovered\":{},\"warnings\":{}}}}}\n",
                     s.read, s.evaluated, s.rejected, s.uncovered, s.stats.warning_count());
}

std::string csv_header() { return "case,ruleset,version,rule,verdict,exempt,reason,deadline\n"; }

std::string summary_line(const eval::DriveSummary& s) {
  return fmt::format("frist: {} read, {} evaluated, {} rejected, {} uncovered, {} warnings\n", s.read, s.evaluated,
                     s.rejected, s.uncovered, s.stats.warning_count());
}

}  // namespace frist::cli
