#include "dipdrg/exact.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace dipdrg {
namespace {

using Int = Exact::Int;

Int abs128(Int v) {
    return v < 0 ? -v : v;
}

Int gcd128(Int a, Int b) {
    a = abs128(a), b = abs128(b);
    while (b != 0) {
        Int t = a % b;
        a = b;
        b = t;
    }
    return a;
}

[[noreturn]] void overflow() {
    throw std::overflow_error("money arithmetic overflow: an amount, score or coefficient is out of range");
}

Int mul(Int a, Int b) {
    Int out;
    if (__builtin_mul_overflow(a, b, &out)) overflow();
    return out;
}

bool mul_fits(Int a, Int b, Int& out) {
    return !__builtin_mul_overflow(a, b, &out);
}

Int add(Int a, Int b) {
    Int out;
    if (__builtin_add_overflow(a, b, &out)) overflow();
    return out;
}

// Floor division for a positive divisor.
Int floor_div(Int n, Int d) {
    Int q = n / d;
    return (n % d != 0 && n < 0) ? q - 1 : q;
}

std::string int_text(Int v) {
    if (v == 0) return "0";
    bool neg = v < 0;
    std::string out;
    // Negate digit by digit so the most negative value cannot overflow.
    while (v != 0) {
        int digit = static_cast<int>(v % 10);
        out.insert(out.begin(), static_cast<char>('0' + (digit < 0 ? -digit : digit)));
        v /= 10;
    }
    return neg ? "-" + out : out;
}

}  // namespace

Exact Exact::ratio(Int num, Int den) {
    if (den == 0) throw std::invalid_argument("division by zero in a money formula");
    Exact out;
    if (den < 0) {
        if (num == std::numeric_limits<Int>::min() || den == std::numeric_limits<Int>::min()) overflow();
        num = -num, den = -den;
    }
    out.num_ = num;
    out.den_ = den;
    return out;
}

Exact Exact::decimal(double value, const char* what) {
    if (!std::isfinite(value)) throw std::invalid_argument(std::string(what) + " must be a finite number");
    // Fast path for the usual inputs (few decimals): the first scale s at which the nearest
    // integer m to value × 10^s gives back `value` as m / 10^s (10^s is exact in a double).
    // That m / 10^s is the shortest round-trip decimal, the one to_chars would print.
    constexpr double kPowers[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    constexpr Int kIntPowers[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};
    for (std::size_t s = 0; s < std::size(kPowers); ++s) {
        const double scaled = value * kPowers[s];
        if (!(std::fabs(scaled) < 9.0e15)) break;  // beyond exact integers: the general path
        const double m = std::nearbyint(scaled);
        if (m / kPowers[s] == value)
            return ratio(static_cast<Int>(static_cast<std::int64_t>(m)), kIntPowers[s]);
    }
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, value);  // shortest round-trip form
    std::string_view text(buf, static_cast<std::size_t>(res.ptr - buf));
    Int mantissa = 0;
    int scale = 0, exponent = 0;
    bool negative = false, fraction = false;
    std::size_t i = 0;
    if (i < text.size() && text[i] == '-') negative = true, ++i;
    for (; i < text.size() && text[i] != 'e'; ++i) {
        if (text[i] == '.') {
            fraction = true;
            continue;
        }
        mantissa = mantissa * 10 + (text[i] - '0');
        if (fraction) ++scale;
    }
    if (i < text.size()) {  // "e+05" / "e-07": from_chars takes no '+'
        std::size_t at = i + 1 + (i + 1 < text.size() && text[i + 1] == '+');
        std::from_chars(text.data() + at, text.data() + text.size(), exponent);
    }
    int power = exponent - scale;  // value = mantissa × 10^power
    if (power > 36 || power < -36) overflow();
    Int ten = 1;
    for (int k = 0; k < (power < 0 ? -power : power); ++k) ten *= 10;
    if (negative) mantissa = -mantissa;
    return power >= 0 ? ratio(mul(mantissa, ten), 1) : ratio(mantissa, ten);
}

void Exact::reduce() {
    Int g = gcd128(num_, den_);
    if (g > 1) num_ /= g, den_ /= g;
}

double Exact::to_double() const {
    return static_cast<double>(static_cast<long double>(num_) / static_cast<long double>(den_));
}

std::string Exact::to_string() const {
    return den_ == 1 ? int_text(num_) : int_text(num_) + "/" + int_text(den_);
}

Exact operator*(const Exact& a, const Exact& b) {
    Int n, d;
    if (mul_fits(a.num_, b.num_, n) && mul_fits(a.den_, b.den_, d)) return Exact::ratio(n, d);
    // Cross-reduce, then try again; only then is the product out of range.
    Int g1 = gcd128(a.num_, b.den_), g2 = gcd128(b.num_, a.den_);
    if (g1 == 0) g1 = 1;
    if (g2 == 0) g2 = 1;
    Exact out = Exact::ratio(mul(a.num_ / g1, b.num_ / g2), mul(a.den_ / g2, b.den_ / g1));
    out.reduce();
    return out;
}

Exact operator/(const Exact& a, const Exact& b) {
    if (b.num_ == 0) throw std::invalid_argument("division by zero in a money formula");
    return a * Exact::ratio(b.den_, b.num_);
}

Exact operator+(const Exact& a, const Exact& b) {
    if (a.den_ == b.den_) return Exact::ratio(add(a.num_, b.num_), a.den_);
    Int x, y, d;
    if (mul_fits(a.num_, b.den_, x) && mul_fits(b.num_, a.den_, y) && mul_fits(a.den_, b.den_, d)) {
        Int n;
        if (!__builtin_add_overflow(x, y, &n)) return Exact::ratio(n, d);
    }
    Exact ra = a, rb = b;
    ra.reduce(), rb.reduce();
    Int g = gcd128(ra.den_, rb.den_);
    Int fa = rb.den_ / g, fb = ra.den_ / g;  // lcm = ra.den × fa = rb.den × fb
    Exact out = Exact::ratio(add(mul(ra.num_, fa), mul(rb.num_, fb)), mul(ra.den_, fa));
    out.reduce();
    return out;
}

Exact operator-(const Exact& a, const Exact& b) {
    if (b.num_ == std::numeric_limits<Int>::min()) overflow();
    return a + Exact::ratio(-b.num_, b.den_);
}

bool operator==(const Exact& a, const Exact& b) {
    return !(a < b) && !(b < a);
}

bool operator<(const Exact& a, const Exact& b) {
    Int x, y;
    if (mul_fits(a.num_, b.den_, x) && mul_fits(b.num_, a.den_, y)) return x < y;
    // Compare by continued fractions: whole parts first, then the inverted remainders.
    Int an = a.num_, ad = a.den_, bn = b.num_, bd = b.den_;
    bool flipped = false;
    for (;;) {
        Int qa = floor_div(an, ad), qb = floor_div(bn, bd);
        if (qa != qb) return flipped ? qa > qb : qa < qb;
        Int ra = an - qa * ad, rb = bn - qb * bd;  // 0 <= r < d
        if (ra == 0 || rb == 0) {
            if (ra == rb) return false;
            return flipped ? ra != 0 : rb != 0;  // a = q < q + r/d = b
        }
        // a < b  <=>  ra/ad < rb/bd  <=>  ad/ra > bd/rb
        an = ad, ad = ra, bn = bd, bd = rb;
        flipped = !flipped;
    }
}

Exact min(const Exact& a, const Exact& b) {
    return b < a ? b : a;
}

Fen round_to_fen(const Exact& yuan) {
    const Int n = yuan.numerator(), d = yuan.denominator();
    // fen = n × 100 / d, split so the scaling cannot overflow before the division.
    Int whole = n / d, rest = n % d;  // rest has the sign of n, |rest| < d
    Int fen = mul(whole, 100);
    Int scaled, q, r;
    if (mul_fits(rest, 100, scaled)) {
        q = scaled / d, r = scaled % d;
    } else {  // a huge denominator: 100 × rest / d digit by digit
        q = 0, r = rest;
        for (int k = 0; k < 2; ++k) {
            q = q * 10 + mul(r, 10) / d;
            r = mul(r, 10) % d;
        }
    }
    fen = add(fen, q);
    if (abs128(r) >= d - abs128(r)) fen = add(fen, r < 0 ? -1 : 1);  // half away from zero
    if (fen > std::numeric_limits<Fen>::max() || fen < std::numeric_limits<Fen>::min()) overflow();
    return static_cast<Fen>(fen);
}

}  // namespace dipdrg
