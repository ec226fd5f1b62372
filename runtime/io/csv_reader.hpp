// CSV event tables (case-data.md §2): one event per row, header required
// (`case`, `type`, `at`, optional `id`, `case.NAME` case attributes, every
// other column an event attribute), optional --case-attrs side file. Rows
// of a case need not be adjacent: the source indexes the file first (see
// csv_source.cpp) and emits each case's rows together, in order of first
// appearance.
#pragma once

#include "runtime/io/case_source.hpp"

namespace frist::io {

Result<OpenedInput> open_csv_input(const OpenOptions& options, const model::Vocabulary& vocabulary,
                                   const time::Zone& zone);

}  // namespace frist::io
