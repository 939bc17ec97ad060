// TCM day ward (§2): the presets of 德州, 青岛, 哈尔滨, 文登 and 枣庄, and each rule's status.
#include <catch2/catch.hpp>

#include "reimbursement_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {
SettlementCase course(const char* eligible, const std::string& disease = "腰痛") {
    SettlementCase c = one_segment("德州市中医院", 3, "针灸科", eligible, "M54.500");
    c.mode = SettlementMode::TcmDayWard;
    c.tcm_disease = disease;
    c.course_days = 10;
    c.max_gap_days = 1;
    c.acupuncture_cost = yuan("800");
    c.other_tcm_therapy_cost = yuan("300");
    return c;
}
}  // namespace

TEST_CASE("青岛: no deductible, 3 000 per course, 75% / 65%", "[reimbursement][day-ward]") {
    const auto policy = reimbursement_preset("dezhou/2021.json", {{"day_ward", "day-ward/qingdao.json"}});
    SettlementCase c = course("5000", "面瘫");
    c.principal_dx = "G51.000";
    auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.deductible == 0);
    CHECK(r.fund == yuan("2250"));
    CHECK(r.patient == yuan("2750"));
    c.insurance = Insurance::Resident;
    CHECK(reimburse(policy, c).fund == yuan("1950"));
    c.segments[0].eligible = yuan("2000");
    CHECK(reimburse(policy, c).fund == yuan("1300"));
}

TEST_CASE("哈尔滨: half the first-stay deductible per course, no bed or nursing fee",
          "[reimbursement][day-ward]") {
    const auto policy = reimbursement_preset("dezhou/2021.json", {{"day_ward", "day-ward/harbin.json"}});
    SettlementCase c = course("3400");
    c.segments[0].department = "普内科";
    c.nth_stay = 3;  // the ordinary ladder would charge 0
    c.bed_fee = yuan("300");
    c.nursing_fee = yuan("100");
    const auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.deductible == yuan("225"));
    CHECK(r.eligible == yuan("3000"));
    CHECK(r.total_cost == yuan("3000"));
    CHECK(r.fund == apply_ratio(yuan("2775"), 8500));
}

TEST_CASE("枣庄: bed and nursing fees at 30%", "[reimbursement][day-ward]") {
    const auto policy = reimbursement_preset("dezhou/2021.json", {{"day_ward", "day-ward/zaozhuang.json"}});
    SettlementCase c = course("3000");
    c.segments[0].department = "普内科";
    c.bed_fee = yuan("1000");
    const auto r = reimburse(policy, c);
    CHECK(r.eligible == yuan("2300"));
    CHECK(r.fund == apply_ratio(yuan("2300") - yuan("450"), 8500));
}

TEST_CASE("文登: acupuncture must dominate; no Western drugs or infusion", "[reimbursement][day-ward]") {
    const auto policy = reimbursement_preset("dezhou/2021.json", {{"day_ward", "day-ward/wendeng.json"}});
    SettlementCase c = course("3000");
    CHECK(reimburse(policy, c).status == ReimbursementStatus::Ok);
    c.other_tcm_therapy_cost = yuan("800");
    auto r = reimburse(policy, c);
    CHECK(r.status == ReimbursementStatus::DayWardNotEligible);
    CHECK_THAT(r.message, Catch::Contains("DW-acupuncture"));
    CHECK(r.fund == 0);
    CHECK(r.patient == yuan("3000"));
    c.other_tcm_therapy_cost = yuan("300");
    c.iv_infusion = true;
    r = reimburse(policy, c);
    CHECK_THAT(r.message, Catch::Contains("DW-western"));
    c.iv_infusion = false;
    c.western_drug_cost = yuan("12.50");
    CHECK_THAT(reimburse(policy, c).message, Catch::Contains("DW-western"));
}

TEST_CASE("德州: the disease list, the course length and the gap", "[reimbursement][day-ward]") {
    auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase c = course("3000");
    CHECK(reimburse(policy, c).status == ReimbursementStatus::Ok);
    c.course_days = 31;
    auto r = reimburse(policy, c);
    CHECK(r.status == ReimbursementStatus::DayWardNotEligible);
    CHECK_THAT(r.message, Catch::Contains("DW-days"));
    c.course_days = 30;
    c.max_gap_days = 4;
    CHECK_THAT(reimburse(policy, c).message, Catch::Contains("DW-gap"));
    c.max_gap_days = 3;
    c.tcm_disease = "消渴";
    c.principal_dx = "E11.900";
    CHECK_THAT(reimburse(policy, c).message, Catch::Contains("DW-disease"));
    c.tcm_disease.clear();
    c.principal_dx = "G51.000";  // 面瘫 by its code prefix
    CHECK(reimburse(policy, c).status == ReimbursementStatus::Ok);

    // Settling a failed course as an ordinary stay instead of refusing it.
    policy.day_ward->on_violation = DayWardRules::OnViolation::SettleAsInpatient;
    c.course_days = 45;
    r = reimburse(policy, c);
    CHECK(r.status == ReimbursementStatus::DayWardNotEligible);
    CHECK(r.settled_as == SettlementMode::FeeForService);
    CHECK(r.fund == apply_ratio(yuan("2550"), 8500));
}

TEST_CASE("滨州: bed and nursing fees at half", "[reimbursement][day-ward]") {
    const auto policy = reimbursement_preset("dezhou/2021.json", {{"day_ward", "day-ward/binzhou.json"}});
    SettlementCase c = course("3000");
    c.segments[0].department = "普内科";
    c.bed_fee = yuan("400");
    c.nursing_fee = yuan("200");
    const auto r = reimburse(policy, c);
    CHECK(r.eligible == yuan("2700"));
    CHECK(r.total_cost == yuan("2700"));
    CHECK(r.fund == apply_ratio(yuan("2250"), 8500));
}
