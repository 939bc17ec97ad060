// Validation (spec §3) and robustness against empty, unknown and malformed codes (spec §2).
#include <catch2/catch.hpp>

#include "grouping_helpers.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {
Grouped adult(const std::string& sex, const std::string& age, const std::string& dx = "N39.000",
              const std::string& px = "") {
    return group_with(reference_grouper(), sex, age, "18262", "", dx, px);
}
void check_failed(const Grouped& r, const std::string& message) {
    CHECK(status_code(r.status) == std::string("CHECK_FAILED"));
    CHECK(r.mdc == "0000");
    CHECK(r.adrg == "00");
    CHECK(r.drg == "0000");
    CHECK(r.check_message == message);
    CHECK(r.messages == std::vector<std::string>{message});
}
const std::string kSexMsg = "病人性别取值必须为1或2：";
}  // namespace

// V1: sex outside {1, 2} fails, and the message names the value (as in conformance).
TEST_CASE("validation: V1 sex 3, 0, 9", "[validation]") {
    SKIP_WITHOUT_REFERENCE();
    for (std::string s : {"3", "0", "9"}) check_failed(adult(s, "50"), kSexMsg + s);
}

// V1: absent sex and non-numeric sex fail too; 'X' is named in the message.
TEST_CASE("validation: V1 sex absent or 'X'", "[validation]") {
    SKIP_WITHOUT_REFERENCE();
    auto absent = adult("", "50");
    CHECK(status_code(absent.status) == std::string("CHECK_FAILED"));
    CHECK(absent.check_message.rfind(kSexMsg, 0) == 0);
    check_failed(adult("X", "50"), kSexMsg + "X");
}

// 男/女 are accepted and mean 1/2 (I86.200 is on MDCM and MDCN).
TEST_CASE("validation: 男 and 女 map to 1 and 2", "[validation]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(adult("男", "50", "I86.200"), "MDCM", "MZ1", "MZ19", "");
    CHECK_GROUP(adult("女", "50", "I86.200"), "MDCN", "NZ1", "NZ19", "");
}

// V2: absent age.
TEST_CASE("validation: V2 age absent", "[validation]") {
    SKIP_WITHOUT_REFERENCE();
    check_failed(adult("1", ""), "病人年龄为空");
}

// A non-numeric age is a check failure whose message names the value, never an exception.
TEST_CASE("validation: non-numeric age", "[validation]") {
    SKIP_WITHOUT_REFERENCE();
    Grouped r;
    REQUIRE_NOTHROW(r = adult("1", "abc"));
    CHECK(status_code(r.status) == std::string("CHECK_FAILED"));
    CHECK(r.drg == "0000");
    CHECK(r.check_message.find("abc") != std::string::npos);
}

// V3: age 0 without age-in-days (message text is an open point: only the status is pinned).
TEST_CASE("validation: V3 age 0 without age in days", "[validation]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = group_with(reference_grouper(), "1", "0", "", "3000", "P22.000", "");
    CHECK(status_code(r.status) == std::string("CHECK_FAILED"));
    CHECK(r.drg == "0000");
    CHECK_FALSE(r.check_message.empty());
}

// The first failing check wins, in the reference order V1 before V2.
TEST_CASE("validation: V1 is reported before V2", "[validation]") {
    SKIP_WITHOUT_REFERENCE();
    check_failed(adult("3", ""), kSexMsg + "3");
}

// An empty diagnosis list is grouped like one empty code: ungroupable, trace ' 未知名称'.
TEST_CASE("validation: empty diagnosis list", "[validation]") {
    SKIP_WITHOUT_REFERENCE();
    auto r = adult("1", "41", "");
    CHECK_UNGROUPABLE(r);
    CHECK(r.messages == std::vector<std::string>{" 未知名称", "不符合所有MDC的入组条件，无法入组"});
}

// Unknown codes keep their place, match nothing, are named 未知名称 and produce warnings.
TEST_CASE("validation: unknown codes warn and never crash", "[validation]") {
    SKIP_WITHOUT_REFERENCE();
    auto principal = adult("2", "38", "Z00.00");
    CHECK_UNGROUPABLE(principal);
    CHECK(principal.has_message("Z00.00 未知名称"));
    CHECK(principal.has_warning(WarningKind::UnknownDiagnosis, "Z00.00", 0));

    auto secondary = adult("1", "50", "K65.000|NOPE", "54.9500|99.9999x999");
    CHECK_GROUP(secondary, "MDCG", "GJ1", "GJ15", "");
    CHECK(secondary.has_warning(WarningKind::UnknownDiagnosis, "NOPE", 1));
    CHECK(secondary.has_warning(WarningKind::UnknownProcedure, "99.9999x999", 1));

    for (const std::string& junk :
         std::vector<std::string>{"+*x", "K65.000+", "S26801", "中文", std::string(5000, 'A'), "..."}) {
        Grouped r;
        REQUIRE_NOTHROW(r = adult("1", "50", junk, junk));
        CHECK_UNGROUPABLE(r);
        CHECK_FALSE(r.warnings.empty());
    }
}

// Codes are matched exactly and case-sensitively: lowercase k65.000 matches nothing.
TEST_CASE("validation: lowercase code matches nothing", "[validation]") {
    SKIP_WITHOUT_REFERENCE();
    CHECK_GROUP(adult("1", "50", "K65.000"), "MDCG", "GZ1", "GZ15", "");
    auto r = adult("1", "50", "k65.000");
    CHECK_UNGROUPABLE(r);
    CHECK(r.has_message("k65.000 未知名称"));
    CHECK(r.has_warning(WarningKind::UnknownDiagnosis, "k65.000", 0));
}
