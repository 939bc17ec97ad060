#include "dipdrg/reimbursement/rate.hpp"

#include <cstdlib>

namespace dipdrg {

Fen round_fen(FenBp amount) {
    const FenBp half = kFullBp / 2;
    return amount >= 0 ? (amount + half) / kFullBp : -((-amount + half) / kFullBp);
}

std::optional<Bp> parse_ratio(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    bool negative = false;
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty()) return std::nullopt;
    std::int64_t whole = 0, frac = 0;
    std::size_t i = 0, digits = 0;
    for (; i < s.size() && s[i] != '.'; ++i, ++digits) {
        if (s[i] < '0' || s[i] > '9' || whole > 100000) return std::nullopt;
        whole = whole * 10 + (s[i] - '0');
    }
    int places = 0;
    if (i < s.size())
        for (++i; i < s.size(); ++i, ++places, ++digits) {
            if (s[i] < '0' || s[i] > '9' || places >= 4) return std::nullopt;
            frac = frac * 10 + (s[i] - '0');
        }
    if (digits == 0) return std::nullopt;
    for (; places < 4; ++places) frac *= 10;
    const std::int64_t bp = whole * kFullBp + frac;
    return static_cast<Bp>(negative ? -bp : bp);
}

std::string format_ratio(Bp bp) {
    std::string out = bp < 0 ? "-" : "";
    const int v = std::abs(bp);
    out += std::to_string(v / kFullBp);
    int frac = v % kFullBp;
    if (frac == 0) return out;
    std::string digits = std::to_string(frac);
    digits.insert(0, 4 - digits.size(), '0');
    while (digits.back() == '0') digits.pop_back();
    return out + "." + digits;
}

}  // namespace dipdrg
