// px_combo_rule compilation: the truth table over the 8-bit mask of combo groups hit must
// equal a direct evaluation of the expression, and bad syntax must be rejected.
#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>

#include "dipdrg/catalog/chs_drg_import.hpp"
#include "dipdrg/drg_catalog.hpp"

using dipdrg::catalog::compile_combo_rule;

namespace {

bool bit(const std::array<std::uint64_t, 4>& table, unsigned mask) {
    return (table[mask >> 6] >> (mask & 63)) & 1u;
}
bool g(unsigned mask, int n) {
    return (mask >> (n - 1)) & 1u;
}

// Compares the compiled table with `expected` for every one of the 256 masks.
void check_truth_table(const std::string& rule, const std::function<bool(unsigned)>& expected) {
    auto table = compile_combo_rule(rule);
    int mismatches = 0;
    for (unsigned mask = 0; mask < 256; ++mask) {
        if (bit(table, mask) != expected(mask)) {
            ++mismatches;
            INFO("rule '" << rule << "' mask " << mask);
            CHECK(bit(table, mask) == expected(mask));
        }
    }
    CHECK(mismatches == 0);
}

}  // namespace

// "(g1 or (g2 and g3))": the shape used by the reference combination ADRGs.
TEST_CASE("combo rule: g1 or (g2 and g3)", "[combo_rule]") {
    check_truth_table("(g1 or (g2 and g3))", [](unsigned m) { return g(m, 1) || (g(m, 2) && g(m, 3)); });
    auto t = compile_combo_rule("(g1 or (g2 and g3))");
    CHECK_FALSE(bit(t, 0));
    CHECK(bit(t, 0b001));
    CHECK_FALSE(bit(t, 0b010));
    CHECK_FALSE(bit(t, 0b100));
    CHECK(bit(t, 0b110));
    CHECK_FALSE(bit(t, 0b11111000));  // only groups 4..8
}

// "((g1 and g2) or (g1 and g3 and g4))".
TEST_CASE("combo rule: (g1 and g2) or (g1 and g3 and g4)", "[combo_rule]") {
    check_truth_table("((g1 and g2) or (g1 and g3 and g4))",
                      [](unsigned m) { return (g(m, 1) && g(m, 2)) || (g(m, 1) && g(m, 3) && g(m, 4)); });
    auto t = compile_combo_rule("((g1 and g2) or (g1 and g3 and g4))");
    CHECK(bit(t, 0b0011));
    CHECK(bit(t, 0b1101));
    CHECK_FALSE(bit(t, 0b0101));
    CHECK_FALSE(bit(t, 0b1110));
}

// Precedence (and binds tighter than or), every group g1..g8, and whitespace freedom.
TEST_CASE("combo rule: precedence, groups and spacing", "[combo_rule]") {
    check_truth_table("g1 or g2 and g3", [](unsigned m) { return g(m, 1) || (g(m, 2) && g(m, 3)); });
    check_truth_table("g1 and g2 or g3", [](unsigned m) { return (g(m, 1) && g(m, 2)) || g(m, 3); });
    check_truth_table("g1 and (g2 or g3)", [](unsigned m) { return g(m, 1) && (g(m, 2) || g(m, 3)); });
    for (int n = 1; n <= 8; ++n) {
        std::string rule = "g" + std::to_string(n);
        check_truth_table(rule, [n](unsigned m) { return g(m, n); });
    }
    check_truth_table("g1 and g2 and g3 and g4 and g5 and g6 and g7 and g8",
                      [](unsigned m) { return m == 255; });
    check_truth_table("g1 or g2 or g3 or g4 or g5 or g6 or g7 or g8", [](unsigned m) { return m != 0; });
    check_truth_table("  (  g5   and\tg8 )  ", [](unsigned m) { return g(m, 5) && g(m, 8); });
    check_truth_table("(((g2)))", [](unsigned m) { return g(m, 2); });
}

// The compiled table is what Adrg::combo_holds looks up.
TEST_CASE("combo rule: Adrg::combo_holds reads the table", "[combo_rule]") {
    dipdrg::Adrg a;
    a.combo_truth = compile_combo_rule("((g1 and g2) or (g1 and g3 and g4))");
    for (unsigned m = 0; m < 256; ++m) {
        bool expected = (g(m, 1) && g(m, 2)) || (g(m, 1) && g(m, 3) && g(m, 4));
        if (a.combo_holds(m) != expected) {
            INFO("mask " << m);
            CHECK(a.combo_holds(m) == expected);
        }
    }
    CHECK(a.combo_holds(0b0011));
    CHECK(a.combo_holds(0b11111111));
}

// Malformed rules throw std::invalid_argument.
TEST_CASE("combo rule: bad syntax throws", "[combo_rule]") {
    for (const char* bad : {"g1 and", "(g1", "g9", "x", "", "   ", "g0", "g1 or", "and g1", "g1 g2", "(g1))",
                            "()", "g", "g1 xor g2", "g1 and or g2", "G1", "g1)", "g10"}) {
        INFO("rule '" << bad << "'");
        CHECK_THROWS_AS(compile_combo_rule(bad), std::invalid_argument);
    }
}

// The error message quotes the rule, for catalog diagnostics.
TEST_CASE("combo rule: error message names the rule", "[combo_rule]") {
    CHECK_THROWS_WITH(compile_combo_rule("(g1 and g9)"), Catch::Contains("(g1 and g9)"));
}
