// 威海 W1–W4 and 济宁 T1–T3, one rule at a time.
#include <catch2/catch.hpp>

#include "reimbursement_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {
bool fired(const ReimbursementResult& r, const std::string& rule) {
    for (const auto& t : r.trace)
        if (t.rule == rule) return true;
    return false;
}
}  // namespace

TEST_CASE("W1/W2: an employee at a 三级 TCM hospital pays the 二级 deductible and ratio",
          "[reimbursement][tcm_hospital_level]") {
    const auto policy = reimbursement_preset("weihai/2022.json");
    SettlementCase c = one_segment("威海市中医院", 3, "针灸科", "10000", "M54.5");
    auto plain = reimburse(policy, c);
    CHECK(plain.deductible == yuan("800"));
    CHECK(plain.segment_ratios[0] == 8500);
    c.tcm_hospital = true;
    const auto r = reimburse(policy, c, true);
    CHECK(r.deductible == yuan("500"));
    CHECK(r.segment_ratios[0] == 8800);
    CHECK(r.fund == apply_ratio(yuan("9500"), 8800));
    CHECK((fired(r, "W1") && fired(r, "W2")));
}

TEST_CASE("W3: a resident at a TCM hospital gets 5 points more, with the W1 deductible",
          "[reimbursement][tcm_hospital_level]") {
    const auto policy = reimbursement_preset("weihai/2022.json");
    SettlementCase c = one_segment("威海市中医院", 3, "针灸科", "10000", "M54.5");
    c.insurance = Insurance::Resident;
    c.tcm_hospital = true;
    const auto r = reimburse(policy, c, true);
    CHECK(r.deductible == yuan("600"));
    CHECK(r.segment_ratios[0] == 6500);
    CHECK(!fired(r, "W2"));
}

TEST_CASE("W4: TCM treatment at a township hospital is paid at least 85%",
          "[reimbursement][tcm_hospital_level]") {
    const auto policy = reimbursement_preset("weihai/2022.json");
    SettlementCase c = one_segment("某镇卫生院", 1, "中医科", "4000", "M54.5");
    c.insurance = Insurance::Resident;
    c.grassroots = true;
    CHECK(reimburse(policy, c).segment_ratios[0] == 8000);
    c.tcm_treatment = true;
    CHECK(reimburse(policy, c).segment_ratios[0] == 8500);
}

TEST_CASE("T1: the TCM-items bonus is capped at 95%", "[reimbursement][tcm_therapy]") {
    const auto policy = reimbursement_preset("jining/2021.json");
    SettlementCase c;
    c.level = 1;
    c.segments = {{"中医科", yuan("2200"), yuan("1100")}};
    const auto r = reimburse(policy, c, true);
    // D 200 split 100/100; other part at 90%, TCM part at min(100%, 95%).
    CHECK(r.fund == apply_ratio(yuan("1000"), 9000) + apply_ratio(yuan("1000"), 9500));
    CHECK(fired(r, "T1"));
}

TEST_CASE("T2 alone: −100 at a TCM institution; T3 retirees 95% at 基层", "[reimbursement][tcm_therapy]") {
    const auto policy = reimbursement_preset("jining/2021.json");
    SettlementCase c;
    c.level = 1;
    c.tcm_hospital = true;
    c.status = PersonStatus::Retired;
    c.segments = {{"中医科", yuan("3000"), 0}};
    auto r = reimburse(policy, c);
    CHECK(r.deductible == yuan("100"));
    CHECK(r.segment_ratios[0] == 9200);
    c.pure_tcm = true;
    r = reimburse(policy, c);
    CHECK(r.deductible == yuan("100"));  // T2 and T3 do not stack by default
    CHECK(r.segment_ratios[0] == 9500);
    c.level = 3;
    CHECK(reimburse(policy, c).segment_ratios[0] == 9000);
}

TEST_CASE("Weihai: a newly designated TCM institution is paid fee for service for 6 months",
          "[reimbursement][tcm_hospital_level]") {
    const auto policy = reimbursement_preset("weihai/2022.json");
    SettlementCase c = one_segment("新中医馆", 1, "中医科", "3000", "M54.5");
    c.tcm_hospital = true;
    c.mode = SettlementMode::Dip;
    c.case_payment = yuan("2500");
    c.designated = "2023-01-15";
    c.date = "2023-07-14";  // five whole months
    auto r = reimburse(policy, c, true);
    CHECK(r.settled_as == SettlementMode::FeeForService);
    CHECK(r.hospital_payment == yuan("3000"));
    CHECK(fired(r, "W5"));
    c.date = "2023-07-15";  // six months: DIP from now on
    r = reimburse(policy, c);
    CHECK(r.settled_as == SettlementMode::Dip);
    CHECK(r.hospital_payment == yuan("2500"));
}
