#pragma once
// Reimbursement ratios are exact: an integer number of basis points (1/10 000), so 85% is
// 8500 and "+12 points" is 1200. A fund amount is Σ cost × bp summed exactly in 1/10 000 fen
// and rounded once per department segment, half away from zero (payment-rules.md §5.3).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dipdrg/money.hpp"

namespace dipdrg {

using Bp = std::int32_t;  // basis points: 10000 = 100%
constexpr Bp kFullBp = 10000;

// Cost × ratio in 1/10 000 fen, exact.
using FenBp = std::int64_t;

inline FenBp times(Fen cost, Bp ratio) {
    return cost * static_cast<FenBp>(ratio);
}

// Rounds 1/10 000 fen to the fen, half away from zero.
Fen round_fen(FenBp amount);

// cost × ratio rounded to the fen.
inline Fen apply_ratio(Fen cost, Bp ratio) {
    return round_fen(times(cost, ratio));
}

// "0.85" -> 8500, "1" -> 10000, "0.925" -> 9250. More than four decimals is refused.
std::optional<Bp> parse_ratio(std::string_view text);

// 8500 -> "0.85", 9250 -> "0.925".
std::string format_ratio(Bp bp);

}  // namespace dipdrg
