// Text forms of attribute values shared by the readers: whole numbers,
// decimals, booleans and ISO 8601 durations as CSV cells and XES attribute
// values write them. Timestamps and dates are parsed by runtime/time.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "runtime/model/value_type.hpp"

namespace frist::io {

// ASCII spaces and tabs removed at both ends (spreadsheet cells).
std::string_view trim_blanks(std::string_view text) noexcept;

// `-12`, `3`, also `3.0` (a number without fraction); nullopt otherwise.
std::optional<std::int64_t> parse_int_text(std::string_view text) noexcept;
// Any finite decimal number (`3`, `-0.5`, `1e3`); nullopt otherwise.
std::optional<double> parse_decimal_text(std::string_view text) noexcept;
// `true` / `false`, ASCII case-insensitive (spreadsheets write TRUE).
std::optional<bool> parse_bool_text(std::string_view text) noexcept;

// An ISO 8601 duration of one kind: calendar `P[nY][nM][nW][nD]` or clock
// `PT[nH][nM][n[.f]S]` (`P4M`, `P1Y2M`, `P3W`, `PT24H`, `PT1.5S`). Both
// kinds in one value (`P1DT2H`), no component, a sign or overflow: nullopt.
std::optional<model::Duration> parse_duration_text(std::string_view text) noexcept;

}  // namespace frist::io
