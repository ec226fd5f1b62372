// The sequential read loop (see read_sequential.hpp).
#include "runtime/io/read_sequential.hpp"

#include "runtime/io/case_id_registry.hpp"

namespace frist::io {

Result<ReadStats> read_sequential(OpenedInput& input, const SequentialCallbacks& callbacks) {
  ReadStats stats;
  CaseIdRegistry registry;
  auto decoder = input.make_decoder();
  model::CaseTimeline timeline;
  Rejection rejection;
  std::vector<RawRecord> batch;
  for (bool more = true; more;) {
    batch.clear();
    auto r = input.source->next_batch(batch, 256);
    if (!r) return Error{r.error()};
    more = *r;
    for (const auto& record : batch) {
      const auto status = decoder->decode(record, timeline, rejection, stats);
      if (status == DecodeStatus::Case && registry.claim(timeline, rejection)) {
        if (callbacks.on_case) callbacks.on_case(timeline);
      } else if (callbacks.on_rejection) {
        callbacks.on_rejection(rejection);
      }
    }
  }
  return stats;
}

}  // namespace frist::io
