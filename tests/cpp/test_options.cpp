// DrgOptions: each switch away from the reference, and each default reproducing it (spec §8,
// §9 defect 5, §13 defect 6).
#include <catch2/catch.hpp>

#include "grouping_helpers.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {
// Conformance C000013: unknown first procedure, then the OR procedure 39.2900x001; FW25.
const char* kC13Dx = "I86.815|E89.500|A18.000x003+M90.0*|M60.000x093|C76.400";
const char* kC13Px = "99.9999x999|39.2900x001";
// Conformance C016289: OR first procedure matching no surgical ADRG of MDCF; ungroupable.
const char* kC16289Dx = "T81.800x010|Q85.910";
const char* kC16289Px = "80.4500x001";
// Conformance C000532: a 24-day neonate on no PR1/PS/PU1 list; PV13 in the reference.
const char* kC532Dx = "Q89.400|J33.800x002";

DrgGrouper with(void (*set)(DrgOptions&)) {
    DrgOptions o;
    set(o);
    return DrgGrouper(reference_catalog(), o);
}
void qy_on(DrgOptions& o) {
    o.ambiguous_group = true;
}
void pv1_floor(DrgOptions& o) {
    o.pv1_min_age_days = 29;
}
void first_or(DrgOptions& o) {
    o.principal_procedure = PrincipalProcedure::FirstOr;
}

void check_ambiguous(const Grouped& r, const std::string& mdc, const std::string& drg) {
    CHECK(status_code(r.status) == std::string("AMBIGUOUS"));
    CHECK(r.mdc == mdc);
    CHECK(r.adrg == "QY");
    CHECK(r.drg == drg);
}
}  // namespace

// Defaults: QY off, no PV1 floor, first procedure principal: the reference results.
TEST_CASE("options: defaults reproduce the reference", "[options]") {
    SKIP_WITHOUT_REFERENCE();
    const auto& g = reference_grouper();
    CHECK(g.options().ambiguous_group == false);
    CHECK(g.options().pv1_min_age_days == 0);
    CHECK(g.options().principal_procedure == PrincipalProcedure::First);
    CHECK_GROUP(group_with(g, "2", "75", "27523", "", kC13Dx, kC13Px), "MDCF", "FW2", "FW25", "");
    CHECK_UNGROUPABLE(group_with(g, "2", "21", "7990", "", kC16289Dx, kC16289Px));
    CHECK_GROUP(group_with(g, "1", "0", "24", "1397", kC532Dx, ""), "MDCP", "PV1", "PV13", "J33.800x002");
}

// QY on: MDCF entered, no surgical ADRG matched, an OR procedure on the case -> FQY.
TEST_CASE("options: ambiguous_group gives {letter}QY", "[options][qy]") {
    SKIP_WITHOUT_REFERENCE();
    auto g = with(qy_on);
    check_ambiguous(group_with(g, "2", "75", "27523", "", kC13Dx, kC13Px), "MDCF", "FQY");
    // OR procedure second: MDCA not entered, MDCF's surgical ADRGs fail -> FQY.
    check_ambiguous(group_with(g, "1", "50", "18262", "", "I50.900", "89.5200|37.5100"), "MDCF", "FQY");
}

// MDCA has no QY (its check stays off even in the QY variants, e.g. OpenDRG wuxi_2022):
// an OR first procedure matching no MDCA ADRG still falls through to the diagnosis MDC.
TEST_CASE("options: ambiguous_group never yields AQY", "[options][qy][MDCA]") {
    SKIP_WITHOUT_REFERENCE();
    auto g = with(qy_on);
    check_ambiguous(group_with(g, "2", "21", "7990", "", kC16289Dx, kC16289Px), "MDCF", "FQY");
    auto surgical = group_with(g, "1", "50", "18262", "", "I63.900|J96.000", "88.4101");
    CHECK_GROUP(surgical, "MDCB", "BM1", "BM11", "J96.000");
}

// QY needs an OR procedure: medical cases and non-OR procedures are unchanged.
TEST_CASE("options: ambiguous_group leaves cases without OR procedures alone", "[options][qy]") {
    SKIP_WITHOUT_REFERENCE();
    auto g = with(qy_on);
    CHECK_GROUP(group_with(g, "2", "50", "18262", "", "N39.000|E87.600", ""), "MDCL", "LU1", "LU13",
                "E87.600");
    CHECK_GROUP(group_with(g, "1", "50", "18262", "", "I50.900", "89.5200"), "MDCF", "FR2", "FR25", "");
}

// PV1 floor 29: a <= 28-day neonate matching nothing earlier in MDCP falls through (Q89.400
// and P07.100 are on no other MDC list -> ungroupable); from 29 days PV1 still applies.
TEST_CASE("options: pv1_min_age_days keeps young neonates out of PV1", "[options][neonate]") {
    SKIP_WITHOUT_REFERENCE();
    auto g = with(pv1_floor);
    CHECK_UNGROUPABLE(group_with(g, "1", "0", "24", "1397", kC532Dx, ""));
    CHECK_UNGROUPABLE(group_with(g, "1", "0", "10", "1800", "P07.100", ""));
    CHECK_GROUP(group_with(g, "1", "0", "29", "1800", "P07.100", ""), "MDCP", "PV1", "PV15", "");
    CHECK_GROUP(group_with(g, "1", "0", "10", "1200", "P07.200", ""), "MDCP", "PS1", "PS15", "");
}

// FirstOr: C000013's OR procedure 39.2900x001 becomes principal -> MDCA entered and left,
// MDCF's FF1 (principal_px; FF2 needs a list-2 procedure too) -> FF19.
TEST_CASE("options: principal_procedure FirstOr promotes the first OR procedure", "[options]") {
    SKIP_WITHOUT_REFERENCE();
    auto g = with(first_or);
    CHECK_GROUP(group_with(g, "2", "75", "27523", "", kC13Dx, kC13Px), "MDCF", "FF1", "FF19", "");
    // No OR procedure at all: the first procedure stays principal.
    CHECK_GROUP(group_with(g, "1", "50", "18262", "", "I50.900", "89.5200"), "MDCF", "FR2", "FR25", "");
    // OR procedure already first: unchanged.
    CHECK_GROUP(group_with(g, "1", "50", "18262", "", "I63.900|J96.000", "88.4101"), "MDCB", "BM1", "BM11",
                "J96.000");
}
