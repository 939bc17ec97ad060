// Hand-written cases for the ADRGs (RA3, RA4) and DRGs the 5,000 conformance cases never
// reach (spec §12). Every expectation is derived from the tables and the rules of §4–§7.
#include <catch2/catch.hpp>

#include "grouping_helpers.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

// RA3: C90.000 (myeloma) is on RA1/RA2/RA3/RA4; 46.0100 (OR, not in MDCA) is on RA3 list 1 but
// not on RA1/RA2, so RA1 and RA2 fail and RA3 (principal_dx+principal_px) takes it.
TEST_CASE("unreached: RA3 -> RA39", "[unreached][MDCR]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "C90.000", "46.0100");
    CHECK_GROUP(r, "MDCR", "RA3", "RA39", "");
}

// RA4: 41.9800 is on RA4 list 1 only, so RA1, RA2 and RA3 fail for the same principal.
TEST_CASE("unreached: RA4 -> RA49", "[unreached][MDCR]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("2", "C90.000", "41.9800");
    CHECK_GROUP(r, "MDCR", "RA4", "RA49", "");
}

// BM1 (principal_px 88.4101, OR: MDCA entered and fallen through) with an MCC of table 109,
// not the principal I63.900's table 96 -> x1.
TEST_CASE("unreached: BM11", "[unreached][MDCB]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "I63.900|J96.000", "88.4101");
    CHECK_GROUP(r, "MDCB", "BM1", "BM11", "J96.000");
}

// BR1 (principal_dx I60.700x001, table 96; no procedure so every surgical ADRG fails) + MCC.
TEST_CASE("unreached: BR11", "[unreached][MDCB]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("2", "I60.700x001|J96.000", "");
    CHECK_GROUP(r, "MDCB", "BR1", "BR11", "J96.000");
}

// BU3 (G35.x00 multiple sclerosis) with a secondary on neither CC list -> x5.
TEST_CASE("unreached: BU35", "[unreached][MDCB]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("2", "G35.x00|I10.x00", "");
    CHECK_GROUP(r, "MDCB", "BU3", "BU35", "");
}

// GJ1 (principal_px 54.9500) with a CC (E87.600, table 52 vs principal K65.000's 116), no MCC.
TEST_CASE("unreached: GJ13", "[unreached][MDCG]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "K65.000|E87.600", "54.9500");
    CHECK_GROUP(r, "MDCG", "GJ1", "GJ13", "E87.600");
}

// HC3 (principal_px 51.0200, on no earlier MDCH list) with MCC A41.900 (table 4 vs 118).
TEST_CASE("unreached: HC31", "[unreached][MDCH]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "K83.100|A41.900", "51.0200");
    CHECK_GROUP(r, "MDCH", "HC3", "HC31", "A41.900");
}

// LL1 (principal_px 39.9500 haemodialysis) for N18.500 (table 145) with MCC J96.000 (109).
TEST_CASE("unreached: LL11", "[unreached][MDCL]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("2", "N18.500|J96.000", "39.9500");
    CHECK_GROUP(r, "MDCL", "LL1", "LL11", "J96.000");
}

// LU1 (principal_dx N39.000, table 148) with CC E87.600 (table 52) and no MCC -> x3.
TEST_CASE("unreached: LU13", "[unreached][MDCL]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("2", "N39.000|E87.600", "");
    CHECK_GROUP(r, "MDCL", "LU1", "LU13", "E87.600");
}

// PS1: P07.200 on the PS list, 1200 g, 10 days; MCC P22.000 (table 165 vs 163) -> x1.
TEST_CASE("unreached: PS11", "[unreached][MDCP]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_with(reference_grouper(), "1", "0", "10", "1200", "P07.200|P22.000", "");
    CHECK_GROUP(r, "MDCP", "PS1", "PS11", "P22.000");
}

// PS2: the same diagnoses at 1800 g.
TEST_CASE("unreached: PS21", "[unreached][MDCP]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_with(reference_grouper(), "2", "0", "10", "1800", "P07.200|P22.000", "");
    CHECK_GROUP(r, "MDCP", "PS2", "PS21", "P22.000");
}

// RD1 (principal_px 99.2501, on no RA/RB/RC list) for C80.900 (table 33) with MCC J96.000.
TEST_CASE("unreached: RD11", "[unreached][MDCR]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "C80.900|J96.000", "99.2501");
    CHECK_GROUP(r, "MDCR", "RD1", "RD11", "J96.000");
}

// VC1 (principal_px 86.2201 debridement) for S71.100 (MDCV only), one diagnosis -> x5.
TEST_CASE("unreached: VC15", "[unreached][MDCV]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "S71.100", "86.2201");
    CHECK_GROUP(r, "MDCV", "VC1", "VC15", "");
}
