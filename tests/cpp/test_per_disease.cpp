// TCM advantaged diseases paid per disease (§3) and TCM scores inside DIP (§1.5).
#include <catch2/catch.hpp>

#include "reimbursement_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

TEST_CASE("山东省中医院 腰椎间盘突出症: standard 15 000, fund 11 900, patient 3 100",
          "[reimbursement][per-disease]") {
    auto policy = reimbursement_preset("jining/2021.json");
    policy.deductibles = {{3, std::nullopt, std::nullopt, {yuan("1000")}}};
    policy.ratios = {flat_ratio(3, Insurance::Employee, "0.85")};
    SettlementCase c = one_segment("山东省中医院", 3, "骨伤科", "15412", "M51.202");
    c.mode = SettlementMode::PerDisease;
    const auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.hospital_payment == yuan("15000"));
    CHECK(r.fund == yuan("11900"));
    CHECK(r.patient == yuan("3100"));
    CHECK(r.hospital_balance == -yuan("412"));
}

TEST_CASE("湖北 exclusions fall back to DRG, each with its reason", "[reimbursement][per-disease]") {
    const auto policy = reimbursement_preset("jining/2021.json", {{"per_disease", "per-disease/hubei.json"}});
    SettlementCase c = one_segment("某中医院", 3, "骨伤科", "7000", "S42.001");
    c.mode = SettlementMode::PerDisease;
    c.case_payment = yuan("7600");
    auto r = reimburse(policy, c);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.hospital_payment == yuan("6000"));

    auto fallback = [&](SettlementCase x, const char* why) {
        const auto f = reimburse(policy, x);
        CHECK(f.status == ReimbursementStatus::PerDiseaseFallback);
        CHECK(f.settled_as == SettlementMode::Drg);
        CHECK(f.hospital_payment == yuan("7600"));
        CHECK_THAT(f.message, Catch::Contains(why));
    };
    SettlementCase x = c;
    x.cured = false;
    fallback(x, "not cured");
    x = c;
    x.segments[0].eligible = yuan("9000");
    fallback(x, "above the Western standard");
    x = c;
    x.days_since_last_discharge = 20;
    x.same_principal_dx_as_last = true;
    fallback(x, "30 days");
    x.same_principal_dx_as_last = false;
    CHECK(reimburse(policy, x).status == ReimbursementStatus::Ok);
    x = c;
    x.special_review = true;
    fallback(x, "special review");
    x = c;
    x.principal_dx = "K35.800";
    CHECK(reimburse(policy, x).status == ReimbursementStatus::PerDiseaseNotListed);
}

TEST_CASE("The same standard whatever the treatment", "[reimbursement][per-disease]") {
    const auto policy = reimbursement_preset("jining/2021.json");
    SettlementCase tcm = one_segment("某中医院", 2, "骨伤科", "3000", "S52.501");
    tcm.mode = SettlementMode::PerDisease;
    tcm.tcm_treatment = true;
    SettlementCase western = tcm;
    western.tcm_treatment = false;
    western.segments[0].eligible = yuan("7900");
    const auto a = reimburse(policy, tcm), b = reimburse(policy, western);
    CHECK(a.hospital_payment == yuan("5600"));
    CHECK(a.hospital_payment == b.hospital_payment);
    CHECK(a.fund == b.fund);
}

TEST_CASE("TCM DIP scores: 邢台 takes the Western score, 河北 raises it", "[reimbursement][per-disease]") {
    const auto xingtai = reimbursement_preset("xingtai/2024.json");
    REQUIRE(xingtai.tcm_dip_score);
    CHECK(tcm_dip_score(*xingtai.tcm_dip_score, 600, 1000, 0, {}, 1000) == 1000);
    const auto hebei
        = reimbursement_preset("xingtai/2024.json", {{"tcm_dip_score", "tcm-dip-score/hebei.json"}});
    const auto& rules = *hebei.tcm_dip_score;
    CHECK(tcm_dip_score(rules, 60, 100, 0, {}, 100) == Approx(80));
    CHECK(tcm_dip_score(rules, 60, 70, yuan("500"), {"99.9203"}, 100) == Approx(70));  // +10 beats 56
    CHECK(tcm_dip_score(rules, 60, 70, yuan("300"), {"99.9203"}, 100) == Approx(60));  // below 400 元
    CHECK(tcm_dip_score(rules, 600, std::nullopt, yuan("500"), {"99.9201"}, 1000) == Approx(650));
}
