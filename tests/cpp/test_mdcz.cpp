// MDCZ entry: the case's MDCZ-listed diagnoses, principal included, must cover >= 2 body
// regions (spec §5); otherwise the trauma principal groups in its organ MDC.
#include <catch2/catch.hpp>

#include "grouping_helpers.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

// S72.000 (下肢) + S42.200x001 (上肢): two regions only if the principal counts -> ZZ1
// (no OR procedure); the secondary is a CC, ZZ1 splits on MCC only -> ZZ15.
TEST_CASE("mdcz: two regions counting the principal enter MDCZ", "[mdcz]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "S72.000|S42.200x001", "");
    CHECK_GROUP(r, "MDCZ", "ZZ1", "ZZ15", "");
    CHECK(r.has_message("符合MDCZ入组条件，匹配规则：主诊断匹配、多诊断匹配"));
    CHECK((r.has_message("诊断匹配MDCZ部位：下肢创伤,上肢创伤")
           || r.has_message("诊断匹配MDCZ部位：上肢创伤,下肢创伤")));
}

// A head MCC (S02.100x002, table 196 vs principal's 203) as the second region -> ZZ11.
TEST_CASE("mdcz: ZZ1 split on an MCC of the second region", "[mdcz]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(group_adult("1", "S72.000|S02.100x002", ""), "MDCZ", "ZZ1", "ZZ11", "S02.100x002");
}

// Two MDCZ diagnoses in the same region: one region -> MDCZ refused -> organ MDC (MDCI IR2).
TEST_CASE("mdcz: one region falls to the organ MDC", "[mdcz]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "S72.000|S72.000x011", "");
    CHECK_GROUP(r, "MDCI", "IR2", "IR29", "");
    CHECK(r.has_message("诊断匹配部位数量不符合MDCZ要求"));
    CHECK_FALSE(r.mentions("符合MDCZ入组条件"));
}

// A single trauma diagnosis, and a trauma principal with a non-trauma secondary: one region.
TEST_CASE("mdcz: a lone trauma diagnosis groups in its organ MDC", "[mdcz]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(group_adult("1", "S72.000", ""), "MDCI", "IR2", "IR29", "");
    CHECK_GROUP(group_adult("1", "S72.000|I10.x00", ""), "MDCI", "IR2", "IR29", "");
}

// The rule is evaluated only when the principal is on the MDCZ list: two trauma secondaries
// under a cardiac principal do not make MDCZ (I50.900 -> FR2; the CCs give no MCC -> FR25).
TEST_CASE("mdcz: secondaries alone never enter MDCZ", "[mdcz]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "I50.900|S72.000|S42.200x001", "");
    CHECK_GROUP(r, "MDCF", "FR2", "FR25", "");
    CHECK_FALSE(r.mentions("MDCZ"));
}

// Entered MDCZ with an OR procedure on no MDCZ list: ZB1–ZJ1 fail, ZZ1 fails (OR procedure),
// MDCZ falls through to MDCI, where the procedure matches nothing either -> IR29.
TEST_CASE("mdcz: entered MDCZ falls through to the organ MDC", "[mdcz][fallthrough]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_adult("1", "S72.000|S42.200x001", "54.9500");
    CHECK_GROUP(r, "MDCI", "IR2", "IR29", "");
    CHECK(r.has_message("不符合MDCZ的ADRG入组条件"));
}
