// MDC order, entry rules and fall-through (spec §4, §5).
#include <catch2/catch.hpp>

#include "grouping_helpers.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

// Z20.600 is on the MDCY and MDCX lists: MDCY (order 3) is tried before MDCX (order 26).
TEST_CASE("mdc entry: the earlier MDC in eval_order wins", "[mdc]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "Z20.600", "");
    CHECK_GROUP(r, "MDCY", "YR2", "YR29", "");
}

// I86.200 is on both MDCM and MDCN: sex 1 enters MDCM, sex 2 enters MDCN.
TEST_CASE("mdc entry: MDCM needs sex 1, MDCN needs sex 2", "[mdc][sex]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(group_adult("1", "I86.200", ""), "MDCM", "MZ1", "MZ19", "");
    CHECK_GROUP(group_adult("2", "I86.200", ""), "MDCN", "NZ1", "NZ19", "");
}

// C45.100 is on MDCN and MDCG: a man skips MDCN (entry fails) and groups in MDCG.
TEST_CASE("mdc entry: a female-list diagnosis for a man goes to its other MDC", "[mdc][sex]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(group_adult("1", "C45.100", ""), "MDCG", "GR1", "GR15", "");
    CHECK_GROUP(group_adult("2", "C45.100", ""), "MDCN", "NR1", "NR15", "");
}

// Q85.900x047 is on MDCM and MDCN but only on NZ1: a man enters MDCM, matches no ADRG,
// falls through, is refused by MDCN (sex) and ends ungroupable.
TEST_CASE("mdc entry: fall-through from an entered MDC with no matching ADRG", "[mdc][fallthrough]") {
    SKIP_WITHOUT_REFERENCE();
    auto m = group_adult("1", "Q85.900x047", "");
    CHECK_UNGROUPABLE(m);
    CHECK(m.has_message("符合MDCM入组条件，匹配规则：主诊断匹配、男性"));
    CHECK(m.has_message("不符合MDCM的ADRG入组条件"));
    CHECK(m.messages.back() == "不符合所有MDC的入组条件，无法入组");
    CHECK_GROUP(group_adult("2", "Q85.900x047", ""), "MDCN", "NZ1", "NZ19", "");
}

// An OR first procedure enters MDCA; matching no MDCA ADRG it falls through (silently) to the
// diagnosis MDC, here the surgical ADRG BM1.
TEST_CASE("mdc entry: MDCA fall-through to the diagnosis MDC", "[mdc][fallthrough][MDCA]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "I63.900|J96.000", "88.4101");
    CHECK_GROUP(r, "MDCB", "BM1", "BM11", "J96.000");
    CHECK_FALSE(r.mentions("MDCA"));
}

// P22.000 is on MDCP only: age 0 enters MDCP (PR1 at 10 days, PV1 at 100 days); age 1 does not.
TEST_CASE("mdc entry: MDCP requires age 0 years", "[mdc][MDCP]") {
    SKIP_WITHOUT_REFERENCE();
    const auto& g = reference_grouper();
    CHECK_GROUP(group_with(g, "1", "0", "10", "3000", "P22.000", ""), "MDCP", "PR1", "PR15", "");
    CHECK_GROUP(group_with(g, "1", "0", "100", "", "P22.000", ""), "MDCP", "PV1", "PV15", "");
    CHECK_UNGROUPABLE(group_with(g, "1", "1", "400", "", "P22.000", ""));
}

// MDCA entry needs only an OR first procedure: no diagnosis condition at all.
TEST_CASE("mdc entry: MDCA is entered on an OR first procedure", "[mdc][MDCA]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(group_adult("1", "I50.900", "37.5100"), "MDCA", "AA1", "AA19", "");
    auto unknown_dx = group_adult("1", "ZZZ.999", "37.5100");
    CHECK_GROUP(unknown_dx, "MDCA", "AA1", "AA19", "");
    CHECK(unknown_dx.has_message("符合MDCA入组条件，匹配规则：存在手术"));
}

// MDCA looks at the first procedure only: a non-OR first procedure keeps the case out of MDCA
// even when the heart transplant follows (defect 6), so I50.900 groups medically in FR2.
TEST_CASE("mdc entry: MDCA ignores an OR procedure that is not first", "[mdc][MDCA]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "I50.900", "89.5200|37.5100");
    CHECK_GROUP(r, "MDCF", "FR2", "FR25", "");
}

// C000013: an unknown first procedure still occupies the principal slot, so the OR procedure
// 39.2900x001 is not promoted: no MDCA, no surgical ADRG, medical FW25.
TEST_CASE("mdc entry: unknown first procedure occupies the principal slot (C000013)", "[mdc]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_with(reference_grouper(), "2", "75", "27523", "",
                        "I86.815|E89.500|A18.000x003+M90.0*|M60.000x093|C76.400", "99.9999x999|39.2900x001");
    CHECK_GROUP(r, "MDCF", "FW2", "FW25", "");
    CHECK(r.has_message("99.9999x999 未知名称"));
    CHECK(r.has_warning(WarningKind::UnknownProcedure, "99.9999x999", 0));
}
