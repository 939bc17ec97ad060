#pragma once
// Exact rational arithmetic for money formulas (score × coefficient × point value, cost ÷
// standard, ...): a 128-bit numerator over a positive 128-bit denominator. Operations check
// for overflow and throw std::overflow_error instead of wrapping; values are reduced only
// when a product would overflow, so the common case (decimal inputs with a few digits) costs
// a few integer multiplications.
//
// Inputs that arrive as binary doubles (scores, coefficients, point values from JSON or
// Python) are taken by their shortest decimal representation: 9.5 is 19/2 and 1405.425 is
// 1405425/1000 exactly, never 1405.42499999999995…. Non-finite inputs are refused.
#include <cstdint>
#include <string>

#include "dipdrg/money.hpp"

namespace dipdrg {

class Exact {
public:
    using Int = __int128;

    constexpr Exact() = default;
    constexpr Exact(std::int64_t value) : num_(value) {}  // NOLINT: integers convert implicitly
    // num / den; throws std::invalid_argument for a zero denominator.
    static Exact ratio(Int num, Int den);
    // The shortest decimal that round-trips to `value`; throws std::invalid_argument for
    // NaN and infinities (`what` names the input in the message).
    static Exact decimal(double value, const char* what = "value");
    // An amount in fen as yuan (fen / 100).
    static Exact yuan(Fen fen) { return ratio(fen, 100); }

    Int numerator() const { return num_; }
    Int denominator() const { return den_; }
    double to_double() const;
    std::string to_string() const;  // "n/d" or "n"

    friend Exact operator+(const Exact& a, const Exact& b);
    friend Exact operator-(const Exact& a, const Exact& b);
    friend Exact operator*(const Exact& a, const Exact& b);
    friend Exact operator/(const Exact& a, const Exact& b);
    friend bool operator==(const Exact& a, const Exact& b);
    friend bool operator<(const Exact& a, const Exact& b);
    friend bool operator>(const Exact& a, const Exact& b) { return b < a; }
    friend bool operator<=(const Exact& a, const Exact& b) { return !(b < a); }
    friend bool operator>=(const Exact& a, const Exact& b) { return !(a < b); }
    int sign() const { return num_ > 0 ? 1 : num_ < 0 ? -1 : 0; }

private:
    Int num_ = 0, den_ = 1;
    void reduce();
};

Exact min(const Exact& a, const Exact& b);

// The one rounding routine for money: an exact amount in yuan to fen, half away from zero
// (四舍五入, the settlement documents' convention). Throws std::overflow_error when the
// result does not fit in 64-bit fen.
Fen round_to_fen(const Exact& yuan);

}  // namespace dipdrg
