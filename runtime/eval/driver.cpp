// The streaming, ordered, parallel evaluation pipeline.
#include "runtime/eval/driver.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>
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
    // b.records go back to the source (RecordSource::recycle) on the reading thread.
  }
};

class Progress {
 public:
  Progress(bool enabled, const io::RecordSource& source) : enabled_(enabled && ::isatty(2) == 1), source_(source) {
    start_ = last_ = std::chrono::steady_clock::now();
  }
  void update(std::uint64_t cases) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    const double secs = std::chrono::duration<double>(now - start_).count();
    const double rate = secs > 0 ? static_cast<double>(cases) / secs : 0;
    std::string eta;
    const std::uint64_t total = source_.bytes_total();
    const std::uint64_t done = source_.bytes_read();
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

  auto make_worker = [&]() {
    auto w = std::make_unique<Worker>();
    w->decoder = input.make_decoder();
    w->evaluator = std::make_unique<Evaluator>(bundle);
    w->processor = make_processor();
    return w;
  };

  // In input order: duplicate case ids (case-data.md §4: a later occurrence
  // of an id read successfully before is rejected), counts, the consumer.
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
    progress.update(summary.read);
  };

  std::vector<std::unique_ptr<Worker>> workers;
  std::optional<Error> input_error;

  if (threads == 1) {
    // Everything on this thread.
    workers.push_back(make_worker());
    Worker& w = *workers.front();
    std::uint64_t index = 0;
    Batch b;  // reused: its results keep their capacity
    for (;;) {
      b.index = index++;
      auto more = input.source->next_batch(b.records, options.batch_size);
      if (!more) {
        input_error = more.error();
        break;
      }
      w.process(b, options.as_of);
      consume_batch(b, *w.processor);
      input.source->recycle(b.records);
      if (!*more) break;
    }
  } else {
    std::mutex mu;
    std::condition_variable work_cv, done_cv;
    std::deque<std::unique_ptr<Batch>> pending;
    std::map<std::uint64_t, std::unique_ptr<Batch>> done;
    bool closing = false;
    for (unsigned i = 0; i < threads; ++i) workers.push_back(make_worker());
    std::vector<std::thread> pool;
    for (unsigned i = 0; i < threads; ++i) {
      pool.emplace_back([&, i] {
        Worker& w = *workers[i];
        for (;;) {
          std::unique_ptr<Batch> b;
          {
            std::unique_lock lock(mu);
            work_cv.wait(lock, [&] { return closing || !pending.empty(); });
            if (pending.empty()) return;
            b = std::move(pending.front());
            pending.pop_front();
          }
          w.process(*b, options.as_of);
          {
            std::lock_guard lock(mu);
            const std::uint64_t idx = b->index;
            done.emplace(idx, std::move(b));
          }
          done_cv.notify_all();
        }
      });
    }
    const std::size_t max_in_flight = static_cast<std::size_t>(threads) * 4;
    // Consumed batches come back here to be filled again (this thread only).
    std::vector<std::unique_ptr<Batch>> spare;
    std::uint64_t next_read = 0, next_consume = 0;
    bool eof = false;
    // A processor on this thread formats late (duplicate) rejections.
    std::unique_ptr<CaseProcessor> serial_processor = make_processor();
    while (!eof || next_consume < next_read) {
      while (!eof && next_read - next_consume < max_in_flight) {
        std::unique_ptr<Batch> b;
        if (spare.empty()) {
          b = std::make_unique<Batch>();
        } else {
          b = std::move(spare.back());
          spare.pop_back();
        }
        b->index = next_read;
        auto more = input.source->next_batch(b->records, options.batch_size);
        if (!more) {
          input_error = more.error();
          eof = true;
          break;
        }
        eof = !*more;
        if (b->records.empty() && eof) break;
        ++next_read;
        {
          std::lock_guard lock(mu);
          pending.push_back(std::move(b));
        }
        work_cv.notify_one();
      }
      if (next_consume == next_read) continue;
      std::unique_ptr<Batch> b;
      {
        std::unique_lock lock(mu);
        done_cv.wait(lock, [&] { return done.count(next_consume) != 0; });
        b = std::move(done[next_consume]);
        done.erase(next_consume);
      }
      ++next_consume;
      consume_batch(*b, *serial_processor);
      input.source->recycle(b->records);
      spare.push_back(std::move(b));
    }
    {
      std::lock_guard lock(mu);
      closing = true;
    }
    work_cv.notify_all();
    for (std::thread& t : pool) t.join();
  }
  progress.finish();
  for (const auto& w : workers) summary.stats.merge(w->stats);
  if (input_error) return *input_error;
  return summary;
}

}  // namespace frist::eval
