// Reading case data, in two stages so evaluation can run in parallel with
// deterministic output:
//   1. a RecordSource (one thread) splits the input into per-case records in
//      input order — a JSONL line, the rows of one CSV case, one XES trace;
//   2. a RecordDecoder (one per worker thread) turns a record into a
//      CaseTimeline through the CaseBuilder, or into a Rejection.
// Every format produces the same CaseTimeline; the VM never sees the format.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/common/result.hpp"
#include "runtime/model/case_timeline.hpp"
#include "runtime/model/vocabulary.hpp"
#include "runtime/time/zone.hpp"

namespace frist::io {

enum class InputFormat : std::uint8_t { Jsonl, Csv, Xes };

// Hard limits on one case (tests/limits; docs/robustness.md). Exceeding one
// rejects that case with a clear reason; the run goes on.
struct ReadLimits {
  std::size_t max_record_bytes = 64u << 20;  // a JSONL line, a CSV case's rows, an XES trace
  std::size_t max_events_per_case = 100'000;
  std::size_t max_attributes_per_event = 1'000;
};

// One case's raw input, owned. `text` is format-specific (a JSONL line, the
// CSV rows of one case joined by '\n', a serialised XES trace); `lines` maps
// parts of it back to input line numbers where the format needs it.
struct RawRecord {
  std::string text;
  std::uint64_t line = 0;                 // first input line of the case
  std::vector<std::uint64_t> row_lines;   // CSV: the input line of each row in `text`
  std::uint64_t sequence = 0;             // 0, 1, 2, … in input order
  // Non-empty when the source already knows the record is bad (a line longer
  // than ReadLimits::max_record_bytes, whose text it did not keep): the
  // decoder rejects the case with this reason.
  std::string problem;
};

// A case that could not be read. `reason` names the line, key/column and what
// was expected — never the offending value (it may be personal data).
struct Rejection {
  std::uint64_t line = 0;
  std::string case_id;   // empty when unknown (the id itself was unreadable)
  bool has_case_id = false;
  std::string reason;
};

// Counters and the once-only warnings of a read; per thread, merged at the end.
struct ReadStats {
  std::uint64_t records = 0;                         // cases read (evaluated or rejected)
  std::uint64_t events = 0;                          // events read, also of undeclared types
  std::map<std::string, std::uint64_t> undeclared_event_types;   // name -> occurrences
  std::map<std::string, std::uint64_t> undeclared_attributes;    // "type.attr" or "case.attr" -> occurrences
  std::uint64_t local_time_adjusted = 0;             // local times in the DST gap or fold
  std::uint64_t skipped_nested_attributes = 0;       // XES list/container attributes
  void merge(const ReadStats& other);
  std::uint64_t warning_count() const noexcept;      // distinct warnings
  std::vector<std::string> warning_lines() const;    // one English line per distinct warning
};

class RecordSource {
 public:
  virtual ~RecordSource() = default;
  // Appends up to `max` records; returns false at end of input (records
  // appended by that last call are valid and must still be decoded). A problem
  // that stops the whole input (unreadable file, bad gzip stream, no CSV
  // header) is an Error; a problem in one case is left to the decoder.
  virtual Result<bool> next_batch(std::vector<RawRecord>& out, std::size_t max) = 0;
  // Takes back records that have been decoded, so that their buffers can be
  // filled again by later calls of next_batch instead of being freed and
  // allocated anew for every case; leaves `records` empty. Called on the
  // thread that calls next_batch. By default the records are just dropped.
  virtual void recycle(std::vector<RawRecord>& records) { records.clear(); }
  // Bytes consumed so far and the total when known (progress bar), else 0.
  virtual std::uint64_t bytes_read() const noexcept = 0;
  virtual std::uint64_t bytes_total() const noexcept = 0;
};

enum class DecodeStatus : std::uint8_t { Case, Rejected };

class RecordDecoder {
 public:
  virtual ~RecordDecoder() = default;
  // Thread-compatible: one decoder per thread. Fills `out` (reusing its
  // capacity) or `rejection`.
  virtual DecodeStatus decode(const RawRecord& record, model::CaseTimeline& out, Rejection& rejection,
                              ReadStats& stats) = 0;
};

struct OpenOptions {
  std::string path;                 // "-" for standard input
  InputFormat format = InputFormat::Jsonl;
  std::string case_attrs_path;      // CSV only: the --case-attrs file, empty if none
  ReadLimits limits;
};

// Format from the file name (.jsonl, .jsonl.gz, .csv, .csv.gz, .xes, .xes.gz);
// error for anything else (the user can pass --input-format).
Result<InputFormat> format_from_path(std::string_view path);

struct OpenedInput {
  std::unique_ptr<RecordSource> source;
  // Creates one decoder per worker thread.
  std::function<std::unique_ptr<RecordDecoder>()> make_decoder;
};

// The decoders made by `make_decoder` refer to `vocabulary` and `zone`: both
// must outlive the OpenedInput and its decoders. Duplicate case ids are not
// a decoder's business (decoding runs in parallel): the ordered output stage
// checks each decoded case with a CaseIdRegistry (case_id_registry.hpp), as
// read_sequential.hpp does.
Result<OpenedInput> open_input(const OpenOptions& options, const model::Vocabulary& vocabulary,
                               const time::Zone& zone);

}  // namespace frist::io
