// The streaming, ordered, parallel evaluation pipeline: workers that take
// turns at reading and at consuming in input order.
#include "runtime/eval/driver.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "runtime/io/case_id_registry.hpp"

namespace frist::eval {
namespace {

struct Batch {
  std::uint64_t index = 0;
  std::vector<io::RawRecord> records;
  std::vector<CaseResult> results;
};

// Empties a result for the next case but keeps the capacity of its strings
// and vectors: batches are recycled, so after warm-up formatting a case's
// output or verdicts allocates nothing.
void reset(CaseResult& r) {
  r.sequence = 0;
  r.line = 0;
  r.status = CaseStatus::Evaluated;
  r.has_case_id = false;
  r.case_id.clear();
  r.reason.clear();
  r.text.clear();
  r.verdicts.clear();
  r.has_group = false;
  r.group.clear();
}

// One worker's tools: a decoder, an evaluator and a processor.
struct Worker {
  std::unique_ptr<io::RecordDecoder> decoder;
  std::unique_ptr<Evaluator> evaluator;
  std::unique_ptr<CaseProcessor> processor;
  model::CaseTimeline timeline;
  io::ReadStats stats;

  void process(Batch& b, time::Days as_of) {
    b.results.resize(b.records.size());
    for (std::size_t i = 0; i < b.records.size(); ++i) {
      const io::RawRecord& rec = b.records[i];
      CaseResult& out = b.results[i];
      reset(out);
      out.sequence = rec.sequence;
      out.line = rec.line;
      io::Rejection rejection;
      if (decoder->decode(rec, timeline, rejection, stats) == io::DecodeStatus::Rejected) {
        out.status = CaseStatus::Rejected;
        out.line = rejection.line != 0 ? rejection.line : rec.line;
        out.has_case_id = rejection.has_case_id;
        out.case_id = std::move(rejection.case_id);
        out.reason = std::move(rejection.reason);
        processor->format_rejected(out);
        continue;
      }
      out.has_case_id = true;
      out.case_id = timeline.id;
      const Coverage& coverage = evaluator->cover(timeline, as_of);
      if (coverage.members.empty()) {
        out.status = CaseStatus::Uncovered;
        out.reason = coverage.uncovered_reason;
        processor->format_uncovered(out);
        continue;
      }
      out.status = CaseStatus::Evaluated;
      processor->evaluated(timeline, *evaluator, coverage, out);
    }
    // b.records go back to the source (RecordSource::recycle) when the batch is next filled.
  }
};

class Progress {
 public:
  Progress(bool enabled, const io::RecordSource& source) : enabled_(enabled && ::isatty(2) == 1), source_(source) {
    start_ = last_ = std::chrono::steady_clock::now();
  }
  // `source_mu` guards the source's byte counts (another worker may be reading).
  void update(std::uint64_t cases, std::mutex& source_mu) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? static_cast<double>(cases) / secs : 0;
    std::string eta;
    std::uint64_t total = 0, done = 0;
    {
      std::lock_guard lock(source_mu);
      total = source_.bytes_total();
      done = source_.bytes_read();
    }
    if (total > 0 && done > 0 && done <= total) {
      const double remaining = secs * static_cast<double>(total - done) / static_cast<double>(done);
      eta = fmt::format("  ETA {}:{:02}", static_cast<int>(remaining) / 60, static_cast<int>(remaining) % 60);
      const int width = 24;
      const int filled = static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total));
      eta = " [" + std::string(static_cast<std::size_t>(filled), '#') + std::string(static_cast<std::size_t>(width - filled), '.') + "]" + eta;
    }
    fmt::print(stderr, "\r{} cases  {:.0f} cases/s{}   ", cases, rate, eta);
    drawn_ = true;
  }
  void finish() {
    if (enabled_ && drawn_) fmt::print(stderr, "\r{}\r", std::string(72, ' '));
  }

 private:
  bool enabled_;
  bool drawn_ = false;
  const io::RecordSource& source_;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace

unsigned default_threads() noexcept {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

Result<DriveSummary> drive(io::OpenedInput& input, const Bundle& bundle, const DriveOptions& options,
                           const ProcessorFactory& make_processor, CaseConsumer& consumer) {
  DriveSummary summary;
  io::CaseIdRegistry registry;
  Progress progress(options.progress, *input.source);
  const unsigned threads = std::max(1u, options.threads);
  const std::size_t max_in_flight = static_cast<std::size_t>(threads) * 4;

  std::vector<std::unique_ptr<Worker>> workers;
  for (unsigned i = 0; i < threads; ++i) {
    auto w = std::make_unique<Worker>();
    w->decoder = input.make_decoder();
    w->evaluator = std::make_unique<Evaluator>(bundle);
    w->processor = make_processor();
    workers.push_back(std::move(w));
  }

  // The source and what only its reader touches.
  std::mutex source_mu;
  std::uint64_t next_read = 0;
  bool source_eof = false;
  std::optional<Error> input_error;

  // Batches between reading and consuming.
  std::mutex mu;
  std::condition_variable consumed_cv;  // a batch was consumed, or the input ended
  std::size_t in_flight = 0;            // batches taken for reading and not yet consumed
  bool input_done = false;
  std::map<std::uint64_t, std::unique_ptr<Batch>> done;  // processed, waiting for their turn
  std::uint64_t next_consume = 0;
  bool consuming = false;  // a worker holds the consumer's turn
  // Consumed batches, to be filled again; they keep their records until then
  // (recycled to the source by the next reader, under source_mu).
  std::vector<std::unique_ptr<Batch>> spare;

  // In input order, by the worker holding the consumer's turn: duplicate
  // case ids (case-data.md §4: a later occurrence of an id read successfully
  // before is rejected), counts, the consumer.
  auto consume_batch = [&](Batch& b, CaseProcessor& late_formatter) {
    for (CaseResult& r : b.results) {
      ++summary.read;
      if (r.status != CaseStatus::Rejected && !registry.claim(r.case_id, r.line)) {
        r.status = CaseStatus::Rejected;
        r.reason = fmt::format("line {}: case id already read earlier in the input (a duplicate case)", r.line);
        r.verdicts.clear();
        r.text.clear();
        late_formatter.format_rejected(r);
      }
      switch (r.status) {
        case CaseStatus::Evaluated: ++summary.evaluated; break;
        case CaseStatus::Rejected: ++summary.rejected; break;
        case CaseStatus::Uncovered: ++summary.uncovered; break;
      }
      consumer.consume(r);
    }
    consumer.end_batch();
    progress.update(summary.read, source_mu);
  };

  // Every thread, the calling one included: read a batch, process it, and
  // consume whatever is next in input order unless another worker is at it.
  auto work = [&](Worker& w) {
    for (;;) {
      std::unique_ptr<Batch> b;
      {
        std::unique_lock lock(mu);
        consumed_cv.wait(lock, [&] { return input_done || in_flight < max_in_flight; });
        if (input_done) return;
        ++in_flight;
        if (spare.empty()) {
          b = std::make_unique<Batch>();
        } else {
          b = std::move(spare.back());
          spare.pop_back();
        }
      }
      bool got = false;
      {
        std::lock_guard source_lock(source_mu);
        input.source->recycle(b->records);
        // A source may return no records before its end: read on.
        while (!source_eof && b->records.empty()) {
          auto more = input.source->next_batch(b->records, options.batch_size);
          if (!more) {
            input_error = more.error();
            source_eof = true;
            input.source->recycle(b->records);  // what came with an input error is not evaluated
          } else {
            source_eof = !*more;
          }
        }
        if (!b->records.empty()) {
          b->index = next_read++;
          got = true;
        }
      }
      if (!got) {
        std::lock_guard lock(mu);
        --in_flight;
        spare.push_back(std::move(b));
        input_done = true;
        consumed_cv.notify_all();
        return;
      }
      w.process(*b, options.as_of);
      std::unique_lock lock(mu);
      done.emplace(b->index, std::move(b));
      // A worker holding the turn looks for this batch before it lets go.
      if (consuming) continue;
      consuming = true;
      for (auto it = done.find(next_consume); it != done.end(); it = done.find(next_consume)) {
        std::unique_ptr<Batch> next = std::move(it->second);
        done.erase(it);
        lock.unlock();
        consume_batch(*next, *w.processor);
        lock.lock();
        ++next_consume;
        --in_flight;
        spare.push_back(std::move(next));
        consumed_cv.notify_all();
      }
      consuming = false;
    }
  };

  std::exception_ptr failure;
  {
    std::vector<std::jthread> pool;
    for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&, i] { work(*workers[i]); });
    try {
      work(*workers.front());
    } catch (...) {
      // Let the other workers finish and stop, then report the failure.
      failure = std::current_exception();
      std::lock_guard lock(mu);
      input_done = true;
      consumed_cv.notify_all();
    }
  }  // joins: every batch read has been consumed
  if (failure) std::rethrow_exception(failure);
  progress.finish();
  for (const auto& w : workers) summary.stats.merge(w->stats);
  if (input_error) return *input_error;
  return summary;
}

}  // namespace frist::eval
