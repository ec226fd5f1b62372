// JSON Lines case data (case-data.md §1): the source splits the input into
// lines (one case each; blank lines are not cases; a line longer than the
// limit is rejected without being held), the decoder reads one line with
// simdjson's On-Demand API into the CaseBuilder.
#pragma once

#include <memory>

#include "runtime/io/byte_stream.hpp"
#include "runtime/io/case_source.hpp"

namespace frist::io {

std::unique_ptr<RecordSource> make_jsonl_source(std::unique_ptr<ByteStream> input, const ReadLimits& limits);

// The vocabulary and zone must outlive the decoder.
std::unique_ptr<RecordDecoder> make_jsonl_decoder(const model::Vocabulary& vocabulary, const time::Zone& zone,
                                                  const ReadLimits& limits);

}  // namespace frist::io
