// XES event logs (IEEE 1849; case-data.md §3). The source streams the XML
// with expat (never the whole file in memory) and turns each <trace> into a
// compact record of its attributes (see xes_record.hpp); the decoder feeds
// that record to the CaseBuilder: the trace's concept:name is the case id,
// an event's concept:name its type and time:timestamp its timestamp, every
// other attribute keeps its XES key and type.
#pragma once

#include <memory>

#include "runtime/io/byte_stream.hpp"
#include "runtime/io/case_source.hpp"

namespace frist::io {

std::unique_ptr<RecordSource> make_xes_source(std::unique_ptr<ByteStream> input, const ReadLimits& limits);

// The vocabulary and zone must outlive the decoder.
std::unique_ptr<RecordDecoder> make_xes_decoder(const model::Vocabulary& vocabulary, const time::Zone& zone,
                                                const ReadLimits& limits);

}  // namespace frist::io
