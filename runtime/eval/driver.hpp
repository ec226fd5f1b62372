// The evaluation driver: streams case records through worker threads (read
// a batch, decode, cover, evaluate, format) and hands the results to one
// consumer in input order, so output is byte-identical for any thread count
// (spec/semantics.md §5). The calling thread is one of the workers; reading
// and consuming are taken in turns by whichever worker is free, so N threads
// keep N cores busy with no serial thread beside them. At most a few batches
// per thread are in flight, so memory does not grow with the number of cases.
// Duplicate case ids are decided here, in input order. Nothing is lost: every
// record read ends up evaluated, rejected (with line and reason) or uncovered,
// and the counts reconcile.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "runtime/common/result.hpp"
#include "runtime/eval/bundle.hpp"
#include "runtime/io/case_source.hpp"
#include "runtime/vm/verdict.hpp"

namespace frist::eval {

enum class CaseStatus : std::uint8_t { Evaluated, Rejected, Uncovered };

// One rule's verdict in compact form, for aggregation (report, diff).
struct CompactVerdict {
  std::uint16_t member = 0;
  std::uint16_t rule = 0;
  vm::Verdict verdict = vm::Verdict::NotApplicable;
  bool exempt = false;
  std::string reason;  // the undetermined reason (empty otherwise)
};

// What a worker produced for one input record.
struct CaseResult {
  std::uint64_t sequence = 0;
  std::uint64_t line = 0;
  CaseStatus status = CaseStatus::Evaluated;
  bool has_case_id = false;
  std::string case_id;
  std::string reason;                 // rejected / uncovered
  std::string text;                   // output the processor formatted for this case
  std::vector<CompactVerdict> verdicts;
  bool has_group = false;
  std::string group;
};

// Per worker thread: evaluates a decoded case and fills `out` (text and/or
// verdicts). Also formats rejected and uncovered records, so formatting stays
// off the serial path.
class CaseProcessor {
 public:
  virtual ~CaseProcessor() = default;
  virtual void evaluated(const model::CaseTimeline& timeline, Evaluator& evaluator, const Coverage& coverage,
                         CaseResult& out) = 0;
  virtual void format_rejected(CaseResult& out) = 0;
  virtual void format_uncovered(CaseResult& out) = 0;
};

// Called in input order, never concurrently (by whichever worker thread holds
// the consumer's turn, one after the other).
class CaseConsumer {
 public:
  virtual ~CaseConsumer() = default;
  virtual void consume(const CaseResult& result) = 0;
  // After the cases of one batch: the results passed to consume() stay valid
  // until this returns, so a consumer may hand on their texts in one go.
  virtual void end_batch() {}
};

struct DriveOptions {
  unsigned threads = 1;
  std::size_t batch_size = 512;
  time::Days as_of = 0;
  bool progress = false;  // a progress bar on stderr (only when it is a terminal)
};

struct DriveSummary {
  std::uint64_t read = 0;
  std::uint64_t evaluated = 0;
  std::uint64_t rejected = 0;
  std::uint64_t uncovered = 0;
  io::ReadStats stats;  // merged over threads: warnings
};

using ProcessorFactory = std::function<std::unique_ptr<CaseProcessor>()>;

// Runs the whole input. An Error only for problems that stop the input as a
// whole (unreadable file, broken gzip stream, CSV without header).
Result<DriveSummary> drive(io::OpenedInput& input, const Bundle& bundle, const DriveOptions& options,
                           const ProcessorFactory& make_processor, CaseConsumer& consumer);

// The default number of threads: the machine's hardware threads.
unsigned default_threads() noexcept;

}  // namespace frist::eval
