// Exact money arithmetic (scoring/include/dipdrg/exact.hpp) against Boost's arbitrary-precision
// rationals: random decimal products, sums, quotients and comparisons; the one rounding
// routine at half-fen ties; shortest-decimal reading of doubles; overflow and non-finite input.
#include <boost/multiprecision/cpp_int.hpp>
#include <catch2/catch.hpp>
#include <charconv>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

#include "dipdrg/dip_case_score.hpp"
#include "dipdrg/exact.hpp"

using namespace dipdrg;
namespace mp = boost::multiprecision;

namespace {

mp::cpp_int big(Exact::Int v) {
    bool neg = v < 0;
    mp::cpp_int out = 0, base = 1;
    while (v != 0) {
        int digit = static_cast<int>(v % 10);
        out += base * (digit < 0 ? -digit : digit);
        base *= 10;
        v /= 10;
    }
    return neg ? mp::cpp_int(-out) : out;
}

mp::cpp_rational oracle(const Exact& e) {
    return mp::cpp_rational(big(e.numerator()), big(e.denominator()));
}

// Half away from zero, computed on the oracle.
std::int64_t oracle_round_fen(const mp::cpp_rational& yuan) {
    mp::cpp_rational fen = yuan * 100;
    mp::cpp_int n = mp::numerator(fen), d = mp::denominator(fen);
    mp::cpp_int q = n / d, r = n % d;
    if (2 * mp::abs(r) >= d) q += (n < 0 ? -1 : 1);
    return q.convert_to<std::int64_t>();
}

// A random decimal: a whole part up to max_int and `scale` decimals.
double random_decimal(std::mt19937_64& rng, int max_int, int scale) {
    const auto ten = static_cast<std::int64_t>(std::pow(10, scale));
    std::uniform_int_distribution<std::int64_t> whole(0, max_int), frac(0, ten - 1);
    return static_cast<double>(whole(rng) * ten + frac(rng)) / static_cast<double>(ten);
}

// The shortest round-trip decimal as std::to_chars prints it, as a rational.
mp::cpp_rational shortest(double v) {
    char buf[64];
    auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    std::string text(buf, end);
    auto e = text.find('e');
    int exponent = e == std::string::npos ? 0 : std::stoi(text.substr(e + 1));
    std::string digits = text.substr(0, e);
    auto dot = digits.find('.');
    int scale = 0;
    if (dot != std::string::npos) {
        scale = static_cast<int>(digits.size() - dot - 1);
        digits.erase(dot, 1);
    }
    mp::cpp_rational out{mp::cpp_int(digits)};
    int power = exponent - scale;
    mp::cpp_int ten = mp::pow(mp::cpp_int(10), power < 0 ? -power : power);
    if (power < 0) return mp::cpp_rational(out / ten);
    return mp::cpp_rational(out * ten);
}

}  // namespace

TEST_CASE("exact: the fast decimal reading agrees with the shortest round-trip form", "[money][exact]") {
    std::mt19937_64 rng(99);
    std::uniform_real_distribution<double> any(-1e6, 1e6);
    std::uniform_int_distribution<int> decimals(0, 10);
    int mismatches = 0;
    for (int i = 0; i < 20000; ++i) {
        double v = any(rng);
        if (i % 2) {  // a value with few decimals, as inputs usually are
            const double ten = std::pow(10, decimals(rng));
            v = std::nearbyint(v * ten) / ten;
        }
        if (oracle(Exact::decimal(v)) != shortest(v)) ++mismatches;
    }
    CHECK(mismatches == 0);
}

TEST_CASE("exact: doubles are read by their shortest decimal form", "[money][exact]") {
    CHECK(oracle(Exact::decimal(9.5)) == mp::cpp_rational(19, 2));
    CHECK(oracle(Exact::decimal(1405.425)) == mp::cpp_rational(1405425, 1000));
    CHECK(oracle(Exact::decimal(0.1)) == mp::cpp_rational(1, 10));
    CHECK(oracle(Exact::decimal(100000.0)) == 100000);  // to_chars writes "1e+05"
    CHECK(oracle(Exact::decimal(1.5e-7)) == mp::cpp_rational(15, 100000000));
    CHECK(oracle(Exact::decimal(-2.25)) == mp::cpp_rational(-9, 4));
    CHECK_THROWS_AS(Exact::decimal(std::numeric_limits<double>::infinity()), std::invalid_argument);
    CHECK_THROWS_AS(Exact::decimal(std::nan("")), std::invalid_argument);
    CHECK_THROWS_AS(Exact::decimal(1e300), std::overflow_error);
}

TEST_CASE("exact: the rounding routine is half away from zero at every tie", "[money][exact]") {
    CHECK(round_to_fen(Exact::ratio(12345, 1000)) == 1235);                          // 12.345 → 12.35
    CHECK(round_to_fen(Exact::ratio(-12345, 1000)) == -1235);                        // −12.345 → −12.35
    CHECK(round_to_fen(Exact::ratio(123449, 10000)) == 1234);                        // 12.3449 → 12.34
    CHECK(round_to_fen(Exact::decimal(1405.425) * Exact::decimal(9.5)) == 1335154);  // 13351.5375
    // In binary floating point 0.285 × 100 is 28.499999… and 1.005 × 100 is 100.49999….
    CHECK(round_to_fen(Exact::decimal(0.285)) == 29);
    CHECK(round_to_fen(Exact::decimal(1.005)) == 101);
    CHECK(yuan_to_fen(1.005) == 101);
    CHECK_THROWS_AS(round_to_fen(Exact::ratio(static_cast<Exact::Int>(1) << 100, 1)), std::overflow_error);
}

TEST_CASE("exact: random products, sums, quotients and comparisons agree with arbitrary precision",
          "[money][exact]") {
    std::mt19937_64 rng(20261205);
    int ties = 0, mismatches = 0;
    for (int i = 0; i < 20000; ++i) {
        const double a = random_decimal(rng, 20000, 3), b = random_decimal(rng, 3, 2),
                     c = random_decimal(rng, 30, 1);
        const Exact ea = Exact::decimal(a), eb = Exact::decimal(b), ec = Exact::decimal(c);
        const mp::cpp_rational ra = oracle(ea), rb = oracle(eb), rc = oracle(ec);
        const Exact product = ea * eb * ec;
        const Exact mixed = (ea - ec) * eb + ec;
        bool ok = oracle(product) == ra * rb * rc && round_to_fen(product) == oracle_round_fen(ra * rb * rc)
                  && oracle(mixed) == (ra - rc) * rb + rc
                  && round_to_fen(mixed) == oracle_round_fen((ra - rc) * rb + rc) && (ea < ec) == (ra < rc)
                  && (product < ea) == (ra * rb * rc < ra);
        if (b != 0) {
            const Exact q = ea / eb;
            ok = ok && oracle(q) == ra / rb && round_to_fen(q) == oracle_round_fen(ra / rb);
        }
        if (!ok) ++mismatches;
        if (mp::denominator(mp::cpp_rational(ra * rb * rc * 100)) == 2) ++ties;
    }
    CHECK(mismatches == 0);
    CHECK(ties > 0);
}

TEST_CASE("exact: 1,000 half-fen ties (score × point value) round up, where floating point fails",
          "[money][exact]") {
    // A score with three decimals ending in 5 times an odd whole point value ends in half a fen.
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::int64_t> milli(0, 199999), odd(0, 9);
    int wrong_in_double = 0;
    for (int i = 0; i < 1000; ++i) {
        const double score = static_cast<double>(milli(rng) * 10 + 5) / 1000.0;
        const double point_value = static_cast<double>(2 * odd(rng) + 1);
        const mp::cpp_rational exact = oracle(Exact::decimal(score)) * oracle(Exact::decimal(point_value));
        REQUIRE(mp::denominator(mp::cpp_rational(exact * 100)) == 2);  // a tie indeed
        REQUIRE(round_to_fen(Exact::decimal(score) * Exact::decimal(point_value)) == oracle_round_fen(exact));
        if (std::llround(score * point_value * 100.0) != oracle_round_fen(exact)) ++wrong_in_double;
    }
    INFO("ties binary floating point rounds the wrong way: " << wrong_in_double);
    CHECK(wrong_in_double > 100);  // the failure the exact path removes
}

TEST_CASE("exact: comparisons stay exact when cross products overflow 128 bits", "[money][exact]") {
    const Exact::Int big_value = static_cast<Exact::Int>(1) << 100;
    const Exact a = Exact::ratio(big_value + 1, big_value), b = Exact::ratio(big_value + 2, big_value + 1);
    CHECK(b < a);  // 1 + 1/2^100 > 1 + 1/(2^100 + 1)
    CHECK_FALSE(a < b);
    CHECK_FALSE(a == b);
    CHECK(a == Exact::ratio(big_value + 1, big_value));
    CHECK_THROWS_AS(Exact::ratio(big_value, 1) * Exact::ratio(big_value, 1), std::overflow_error);
}
