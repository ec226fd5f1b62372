// The CSV RecordDecoder factory (internal to the CSV reader).
#pragma once

#include <memory>

#include "runtime/io/case_source.hpp"
#include "runtime/io/csv_layout.hpp"

namespace frist::io::csv {

// `case_attrs` may be null (no --case-attrs file). The vocabulary and zone
// must outlive the decoder.
std::unique_ptr<RecordDecoder> make_decoder(std::shared_ptr<const Layout> layout,
                                            std::shared_ptr<const CaseAttributeTable> case_attrs,
                                            const model::Vocabulary& vocabulary, const time::Zone& zone,
                                            const ReadLimits& limits);

}  // namespace frist::io::csv
