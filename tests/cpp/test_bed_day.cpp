// Bed-day payment (§4): 东营, 德州, 邢台, 石狮 and 滕州 presets; stages, the year boundary,
// and the day counters over linked readmissions.
#include <catch2/catch.hpp>

#include "reimbursement_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {
SettlementCase stay(int level, int los, const char* eligible, const std::string& scope = "psychiatry") {
    SettlementCase c = one_segment("精神卫生中心", level, "精神科", eligible, "F20.000");
    c.mode = SettlementMode::BedDay;
    c.bed_day_scope = scope;
    c.los = los;
    return c;
}
ReimbursementPolicy with_bed_day(const std::string& preset) {
    return reimbursement_preset("dezhou/2021.json", {{"bed_day", "bed-day/" + preset}});
}
}  // namespace

TEST_CASE("东营: standard-based amount collared at 102% of the actual cost", "[reimbursement][bed-day]") {
    const auto policy = with_bed_day("dongying.json");
    SettlementCase c = stay(3, 10, "3000");  // standard 2 600, employee 甲 90%
    auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.fund == yuan("2340"));
    c.segments[0].eligible = yuan("2000");  // collar 2 040 binds
    CHECK(reimburse(policy, c).fund == yuan("2040"));
    c.class_a_share = 6000;
    c.class_b_share = 4000;  // (0.9·0.6 + 0.85·0.4) · 2 600 = 2 288
    c.segments[0].eligible = yuan("3000");
    CHECK(reimburse(policy, c).fund == yuan("2288"));
}

TEST_CASE("德州: the actual cost up to the per-diem limit at the normal ratio", "[reimbursement][bed-day]") {
    const auto policy = with_bed_day("dezhou.json");
    SettlementCase c = stay(2, 30, "5000");  // limit 3 900
    c.self_pay = yuan("300");
    const auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.deductible == 0);
    CHECK(r.fund == apply_ratio(yuan("3900"), 8800));
    CHECK(r.hospital_payment == yuan("3900") + yuan("300"));  // the excess 1 100 is the hospital's
    CHECK(r.patient == yuan("3900") - r.fund + yuan("300"));
    CHECK_THAT(r.message, Catch::Contains("self-pay share"));
}

TEST_CASE("邢台: staged rates, a stay crossing a stage boundary, pay the standard",
          "[reimbursement][bed-day]") {
    const auto policy = with_bed_day("xingtai.json");
    SettlementCase c = stay(2, 40, "2000");
    c.insurance = Insurance::Resident;
    c.days_before = 150;  // days 151–190: 30 chronic at 95, 10 ultra-chronic at 55
    auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.fund == yuan("3400"));
    CHECK(r.hospital_payment == yuan("3400"));
    CHECK(r.hospital_balance == yuan("1400"));
    c.days_before = 0;  // acute days: the source gives no rate
    r = reimburse(policy, c);
    CHECK(r.status == ReimbursementStatus::BedDayNoRate);
    CHECK_THAT(r.message, Catch::Contains("acute"));
}

TEST_CASE("石狮: staged fund shares, and a stay crossing the year restarts the counter",
          "[reimbursement][bed-day]") {
    const auto policy = with_bed_day("shishi.json");
    SettlementCase c = stay(2, 10, "1500");
    c.days_before = 25;
    c.days_in_next_year = 3;  // days 26–32 this year, then days 1–3 of the new year
    const auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.fund == yuan("760"));  // 5×80 + 2×60 + 3×80
    CHECK(r.patient == yuan("240"));
}

TEST_CASE("滕州: long-term care limits by level, excess borne by the patient", "[reimbursement][bed-day]") {
    const auto policy = with_bed_day("tengzhou.json");
    auto r = reimburse(policy, stay(3, 10, "1500", "long_term_care"));
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.fund == yuan("840"));
    CHECK(r.patient == yuan("660"));
    r = reimburse(policy, stay(1, 10, "500", "family_care"));
    CHECK(r.fund == yuan("300"));
    CHECK(reimburse(policy, stay(1, 10, "500", "hospice")).status == ReimbursementStatus::BedDayNoRate);
}

TEST_CASE("Day counters continue over linked readmissions and restart with the year",
          "[reimbursement][bed-day]") {
    const std::vector<BedDayStay> stays = {
        {"p1", "psychiatry", "2023-03-10", "2023-04-09"}, {"p1", "psychiatry", "2023-01-01", "2023-03-01"},
        {"p1", "psychiatry", "2023-06-01", "2023-06-11"}, {"p1", "psychiatry", "2023-12-20", "2024-01-10"},
        {"p1", "psychiatry", "2024-01-15", "2024-01-25"}, {"p2", "psychiatry", "2023-03-10", "2023-03-10"},
        {"p2", "psychiatry", "bad", "2023-03-10"},
    };
    const auto k = bed_day_counters(stays, 15, true);
    CHECK(k[1].los == 59);
    CHECK(k[1].days_before == 0);
    CHECK(k[0].days_before == 59);  // 9 days after discharge: linked
    CHECK(k[2].days_before == 0);   // 53 days later: a new chain
    CHECK(k[3].los == 21);
    CHECK(k[3].days_in_next_year == 9);  // 1–9 January counted in 2024
    CHECK(k[4].days_before == 9);        // linked, continuing the 2024 count
    CHECK(k[5].los == 1);                // a same-day stay counts one day
    CHECK(!k[6].valid);
}
