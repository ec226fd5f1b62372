// A single-threaded read loop over an opened input: source → decoder →
// case-id registry, calling back for each case or rejection in input order.
// For tools and tests; the evaluation driver runs decoders in parallel and
// does the same steps (the registry in its ordered output stage).
#pragma once

#include <functional>

#include "runtime/io/case_source.hpp"

namespace frist::io {

struct SequentialCallbacks {
  std::function<void(const model::CaseTimeline&)> on_case;
  std::function<void(const Rejection&)> on_rejection;
};

// Reads everything; returns the stats, or the Error that stopped the input
// (cases before it have been delivered).
Result<ReadStats> read_sequential(OpenedInput& input, const SequentialCallbacks& callbacks);

}  // namespace frist::io
