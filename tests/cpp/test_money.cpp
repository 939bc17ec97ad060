// Exact money: yuan text → integer fen (half away from zero beyond two decimals) and back.
#include <catch2/catch.hpp>
#include <limits>
#include <optional>
#include <string>

#include "dipdrg/money.hpp"

using dipdrg::Fen;
using dipdrg::format_yuan;
using dipdrg::parse_yuan;

// Whole yuan and one or two decimals scale exactly to fen.
TEST_CASE("money: parse whole and decimal yuan", "[money]") {
    CHECK(parse_yuan("12") == std::optional<Fen>(1200));
    CHECK(parse_yuan("12.3") == std::optional<Fen>(1230));
    CHECK(parse_yuan("12.34") == std::optional<Fen>(1234));
    CHECK(parse_yuan("0") == std::optional<Fen>(0));
    CHECK(parse_yuan("0.01") == std::optional<Fen>(1));
    CHECK(parse_yuan(".5") == std::optional<Fen>(50));
    CHECK(parse_yuan("7.") == std::optional<Fen>(700));
    CHECK(parse_yuan("64827.93") == std::optional<Fen>(6482793));
    CHECK(parse_yuan("007.10") == std::optional<Fen>(710));
}

// Signs: a leading '-' or '+'; negative zero is zero.
TEST_CASE("money: parse signs", "[money]") {
    CHECK(parse_yuan("-12.34") == std::optional<Fen>(-1234));
    CHECK(parse_yuan("+12.34") == std::optional<Fen>(1234));
    CHECK(parse_yuan("-0") == std::optional<Fen>(0));
}

// More than two decimals: rounded to the fen half away from zero (四舍五入), decided by
// the third decimal only; never via floating point.
TEST_CASE("money: parse rounds half away from zero", "[money]") {
    CHECK(parse_yuan("12.345") == std::optional<Fen>(1235));
    CHECK(parse_yuan("12.344") == std::optional<Fen>(1234));
    CHECK(parse_yuan("12.3449999") == std::optional<Fen>(1234));
    CHECK(parse_yuan("12.3450001") == std::optional<Fen>(1235));
    CHECK(parse_yuan("-0.005") == std::optional<Fen>(-1));
    CHECK(parse_yuan("-0.004") == std::optional<Fen>(0));
    CHECK(parse_yuan("-12.345") == std::optional<Fen>(-1235));
    CHECK(parse_yuan("0.995") == std::optional<Fen>(100));
    CHECK(parse_yuan("9.999") == std::optional<Fen>(1000));
    // 0.285 is 0.28499999... as a double; exact parsing must still round up.
    CHECK(parse_yuan("0.285") == std::optional<Fen>(29));
    CHECK(parse_yuan("1.005") == std::optional<Fen>(101));
}

// Thousands separators are ignored; surrounding blanks are trimmed.
TEST_CASE("money: parse separators and blanks", "[money]") {
    CHECK(parse_yuan("1,234.56") == std::optional<Fen>(123456));
    CHECK(parse_yuan("1,234,567") == std::optional<Fen>(123456700));
    CHECK(parse_yuan("-1,234.5") == std::optional<Fen>(-123450));
    CHECK(parse_yuan("  12.5\t") == std::optional<Fen>(1250));
}

// Anything that is not a decimal number is nullopt.
TEST_CASE("money: parse rejects non-numbers", "[money]") {
    for (const char* bad : {"", "   ", "abc", "1.2.3", ".", "-", "+", "-.", ",", "1e3", "12a", "a12", "1.2a",
                            "--1", "1 2", "0x10", "1.-2", "¥12"}) {
        INFO("input '" << bad << "'");
        CHECK_FALSE(parse_yuan(bad).has_value());
    }
}

// Amounts too large for int64 fen are nullopt, never wrapped around.
TEST_CASE("money: parse rejects overflow", "[money]") {
    CHECK_FALSE(parse_yuan("99999999999999999999").has_value());
    CHECK_FALSE(parse_yuan("-99999999999999999999").has_value());
    CHECK_FALSE(parse_yuan("100000000000000000").has_value());  // 1e17 yuan = 1e19 fen
    CHECK_FALSE(parse_yuan("99,999,999,999,999,999,999.00").has_value());
    // INT64_MAX fen is 92233720368547758.07 yuan: one yuan more must not wrap.
    CHECK_FALSE(parse_yuan("92233720368547759").has_value());
    CHECK_FALSE(parse_yuan("92233720368547758.08").has_value());
    CHECK_FALSE(parse_yuan("92233720368547758.075").has_value());
    // Large amounts that fit are exact.
    CHECK(parse_yuan("90000000000000000") == std::optional<Fen>(9000000000000000000LL));
    CHECK(parse_yuan("12345678901234.56") == std::optional<Fen>(1234567890123456LL));
}

// Formatting: always two decimals, sign in front, any int64 value.
TEST_CASE("money: format_yuan", "[money]") {
    CHECK(format_yuan(123456) == "1234.56");
    CHECK(format_yuan(-5) == "-0.05");
    CHECK(format_yuan(0) == "0.00");
    CHECK(format_yuan(1) == "0.01");
    CHECK(format_yuan(10) == "0.10");
    CHECK(format_yuan(100) == "1.00");
    CHECK(format_yuan(-123456) == "-1234.56");
    CHECK(format_yuan(-100) == "-1.00");
    CHECK(format_yuan(std::numeric_limits<Fen>::max()) == "92233720368547758.07");
    CHECK(format_yuan(std::numeric_limits<Fen>::min()) == "-92233720368547758.08");
}

// format then parse gives back the same fen.
TEST_CASE("money: format and parse round-trip", "[money]") {
    for (Fen v : {Fen(0), Fen(1), Fen(-1), Fen(99), Fen(-99), Fen(100), Fen(123456789), Fen(-987654321),
                  Fen(4000000000000000000LL)}) {
        INFO("fen " << v);
        CHECK(parse_yuan(format_yuan(v)) == std::optional<Fen>(v));
    }
}
