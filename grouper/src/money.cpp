#include "dipdrg/money.hpp"

#include <limits>

namespace dipdrg {

std::optional<Fen> parse_yuan(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    if (s.empty()) return std::nullopt;
    bool negative = false;
    if (s.front() == '-' || s.front() == '+') {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    constexpr Fen kMax = std::numeric_limits<Fen>::max() / 100 - 1;
    Fen whole = 0;
    std::size_t i = 0, digits = 0;
    for (; i < s.size() && s[i] != '.'; ++i) {
        if (s[i] == ',') continue;
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        const int digit = s[i] - '0';
        if (whole > (kMax - digit) / 10) return std::nullopt;  // whole stays <= kMax
        whole = whole * 10 + digit;
        ++digits;
    }
    Fen frac = 0;
    int round_digit = 0;
    if (i < s.size()) {  // s[i] == '.'
        std::size_t k = 0;
        for (++i; i < s.size(); ++i, ++k) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            if (k < 2)
                frac = frac * 10 + (s[i] - '0');
            else if (k == 2)
                round_digit = s[i] - '0';
            ++digits;
        }
        if (k == 1) frac *= 10;
    }
    if (digits == 0) return std::nullopt;
    Fen fen = whole * 100 + frac + (round_digit >= 5 ? 1 : 0);
    return negative ? -fen : fen;
}

std::string format_yuan(Fen fen) {
    bool negative = fen < 0;
    // Work in unsigned to format INT64_MIN safely.
    std::uint64_t v = negative ? std::uint64_t(0) - std::uint64_t(fen) : std::uint64_t(fen);
    std::string cents = std::to_string(v % 100);
    if (cents.size() < 2) cents.insert(0, "0");
    return (negative ? "-" : "") + std::to_string(v / 100) + "." + cents;
}

}  // namespace dipdrg
