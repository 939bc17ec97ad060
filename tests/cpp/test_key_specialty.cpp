// 德州 U1–U6 beyond the worked examples: the annex table, the versions by date, halving
// per list, the relative mode, transfers out of the specialty, the 95% edge.
#include <catch2/catch.hpp>

#include "reimbursement_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {
SettlementCase endocrine(const std::string& hospital = "德州市中医院") {
    SettlementCase c = one_segment(hospital, 3, "内分泌科", "20000", "E11.900");
    c.tcm_hospital = hospital == "德州市中医院";
    return c;
}
}  // namespace

TEST_CASE("The annex ships as a table: 18 Western and 24 TCM specialties", "[reimbursement][key-specialty]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    REQUIRE(policy.key_specialty);
    int western = 0, tcm = 0;
    for (const auto& s : policy.key_specialty->specialties)
        (s.kind == KeySpecialty::Kind::Western ? western : tcm)++;
    CHECK(western == 18);
    CHECK(tcm == 24);
}

TEST_CASE("The 2022 version pays +5/+3 instead of +12/+8/+4", "[reimbursement][key-specialty]") {
    const auto v2021 = reimbursement_preset("dezhou/2021.json");
    const auto v2022 = reimbursement_preset("dezhou/2022.json");
    CHECK(v2022.region == v2021.region);
    CHECK(v2022.effective_from == "2022-05-01");
    CHECK(reimburse(v2021, endocrine()).fund == yuan("18572.50"));  // 95%
    CHECK(reimburse(v2022, endocrine()).fund == yuan("17595.00"));  // 85% + 5 = 90%
    // 德州市人民医院 内分泌科 is 省级: +8 in 2021, +3 later.
    CHECK(reimburse(v2021, endocrine("德州市人民医院")).segment_ratios[0] == 9300);
    CHECK(reimburse(v2022, endocrine("德州市人民医院")).segment_ratios[0] == 8800);
}

TEST_CASE("Halving follows the list: day surgery for Western, day ward for TCM",
          "[reimbursement][key-specialty]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase western = endocrine("德州市人民医院");  // +8
    western.mode = SettlementMode::DaySurgery;
    CHECK(reimburse(policy, western).segment_ratios[0] == 8500 + 400);
    western.mode = SettlementMode::Drg;
    CHECK(reimburse(policy, western).segment_ratios[0] == 8500 + 400);
    SettlementCase tcm = endocrine();       // +12 at a TCM specialty
    tcm.mode = SettlementMode::DaySurgery;  // not a TCM-list mode: no uplift
    CHECK(reimburse(policy, tcm).segment_ratios[0] == 8500);
    tcm.mode = SettlementMode::Dip;
    CHECK(reimburse(policy, tcm).segment_ratios[0] == 8500 + 600);
}

TEST_CASE("Only the listed hospital's department is uplifted", "[reimbursement][key-specialty]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    CHECK(reimburse(policy, endocrine("禹城市人民医院")).segment_ratios[0] == 8500);
    CHECK(reimburse(policy, endocrine("齐河县人民医院")).segment_ratios[0] == 9300);  // 县域省级 +8
}

TEST_CASE("A transfer out of the specialty keeps the uplift on the specialty's costs only",
          "[reimbursement][key-specialty]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase c = endocrine();
    c.segments = {{"内分泌科", yuan("20000"), 0}, {"普内科", yuan("10000"), 0}};
    const auto r = reimburse(policy, c);
    CHECK(r.segment_ratios == std::vector<Bp>{9500, 8500});
    CHECK(r.segment_fund == std::vector<Fen>{yuan("18715.00"), yuan("8372.50")});
}

TEST_CASE("A base ratio of exactly 95% stays 95%; the relative mode multiplies",
          "[reimbursement][key-specialty]") {
    auto policy = reimbursement_preset("dezhou/2021.json");
    policy.ratios = {flat_ratio(3, Insurance::Employee, "0.95")};
    CHECK(reimburse(policy, endocrine()).segment_ratios[0] == 9500);
    policy.ratios = {flat_ratio(3, Insurance::Employee, "0.85")};
    policy.key_specialty->relative = true;
    CHECK(reimburse(policy, endocrine("德州市人民医院")).segment_ratios[0] == 9180);  // 0.85 × 1.08
}

TEST_CASE("Bed-day settlements are outside the uplift's modes", "[reimbursement][key-specialty]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase c = endocrine("德州市人民医院");
    c.mode = SettlementMode::FeeForService;
    c.principal_dx = "F20.000";
    CHECK(reimburse(policy, c).segment_ratios[0] == 8500);  // diagnosis does not match 内分泌科
}
