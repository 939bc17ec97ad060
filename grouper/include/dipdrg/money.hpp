#pragma once
// Money is exact: an integer number of fen (0.01 yuan). Parsing never goes through
// floating point. Rounding rule: amounts given with more than two decimals are rounded to
// the fen half away from zero (四舍五入), the convention of the settlement documents.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace dipdrg {

using Fen = std::int64_t;

// Parses "1234", "1234.5", "-0.125", "1,234.56" (thousands separators allowed) into fen.
// Returns nullopt for anything that is not a decimal number or that overflows.
std::optional<Fen> parse_yuan(std::string_view text);

// Formats fen as yuan with exactly two decimals: 123456 -> "1234.56".
std::string format_yuan(Fen fen);

}  // namespace dipdrg
