// Golden tests: the worked examples A–K of payment-rules.md §5.4, to the fen, through the
// shipped presets (德州, 济宁, Wenzhou-style) where the example's parameters are theirs.
#include <catch2/catch.hpp>

#include "reimbursement_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {

SettlementCase dezhou_tcm_hospital_case(const char* eligible) {
    SettlementCase c = one_segment("德州市中医院", 3, "内分泌科", eligible, "E11.900");
    c.tcm_hospital = true;
    return c;
}

}  // namespace

TEST_CASE("Example A: 德州市中医院 内分泌科, fee for service, +12 capped at 95%",
          "[reimbursement][examples]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase c = dezhou_tcm_hospital_case("20000");
    const auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.deductible == yuan("450"));
    CHECK(r.segment_ratios == std::vector<Bp>{9500});
    CHECK(r.fund == yuan("18572.50"));
    CHECK(r.patient == yuan("20000") - yuan("18572.50"));
    CHECK(r.hospital_payment == yuan("20000"));

    c.segments[0].department = "普内科";  // no key specialty: the base ratio
    CHECK(reimburse(policy, c).fund == yuan("16617.50"));
}

TEST_CASE("Example B: the same stay settled per disease gets half the uplift", "[reimbursement][examples]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase c = dezhou_tcm_hospital_case("20000");
    c.mode = SettlementMode::PerDisease;
    const auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.segment_ratios == std::vector<Bp>{9100});
    CHECK(r.fund == yuan("17790.50"));
}

TEST_CASE("Example C: 骨伤科 TCM day-ward course, retired, second stay", "[reimbursement][examples]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase c = one_segment("德州市中医院", 3, "骨伤科", "3000", "M54.500");
    c.tcm_hospital = true;
    c.status = PersonStatus::Retired;
    c.nth_stay = 2;
    c.mode = SettlementMode::TcmDayWard;
    c.tcm_disease = "腰痛";
    c.course_days = 14;
    c.max_gap_days = 1;
    const auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.deductible == yuan("225"));
    CHECK(r.segment_ratios == std::vector<Bp>{9400});
    CHECK(r.fund == yuan("2608.50"));
}

TEST_CASE("Example D: a base ratio already above 95% is neither raised nor lowered",
          "[reimbursement][examples]") {
    auto policy = reimbursement_preset("dezhou/2021.json");
    policy.ratios = {flat_ratio(3, Insurance::Employee, "0.96")};
    const auto r = reimburse(policy, dezhou_tcm_hospital_case("20000"), true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.segment_ratios == std::vector<Bp>{9600});
    CHECK(r.fund == apply_ratio(yuan("19550"), 9600));
    bool u4 = false;
    for (const auto& t : r.trace) u4 |= t.rule == "U4";
    CHECK(u4);
}

TEST_CASE("Example E: a transfer into the specialty is uplifted per segment", "[reimbursement][examples]") {
    auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase c = dezhou_tcm_hospital_case("10000");
    c.segments = {{"普内科", yuan("10000"), 0}, {"内分泌科", yuan("20000"), 0}};
    auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.segment_fund == std::vector<Fen>{yuan("8372.50"), yuan("18715.00")});
    CHECK(r.fund == yuan("27087.50"));

    policy.deductible_chronological = true;
    CHECK(reimburse(policy, c).fund == yuan("27117.50"));

    policy.key_specialty.reset();
    policy.deductible_chronological = false;
    CHECK(reimburse(policy, c).fund == yuan("25117.50"));
}

TEST_CASE("Example F: a principal diagnosis outside the specialty gets no uplift",
          "[reimbursement][examples]") {
    const auto policy = reimbursement_preset("dezhou/2021.json");
    SettlementCase c = dezhou_tcm_hospital_case("10000");
    c.segments = {{"普内科", yuan("10000"), 0}, {"内分泌科", yuan("20000"), 0}};
    c.principal_dx = "J18.900";
    const auto r = reimburse(policy, c, true);
    CHECK(r.fund == yuan("25117.50"));
    bool u6 = false;
    for (const auto& t : r.trace) u6 |= t.rule == "U6";
    CHECK(u6);
}

TEST_CASE("Example G: banded ratios with the uplift capped per band", "[reimbursement][examples]") {
    auto policy = reimbursement_preset("dezhou/2021.json");
    RatioRow banded;
    banded.level = 3;
    banded.insurance = Insurance::Employee;
    banded.bands = {{0, 8000}, {yuan("30000"), 8500}, {yuan("40000"), 9000}};
    policy.ratios = {banded};
    policy.deductibles = {{3, Insurance::Employee, std::nullopt, {yuan("800")}}};
    SettlementCase c = one_segment("德州市人民医院", 3, "内分泌科", "50000", "E11.900");
    auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.fund == yuan("44496"));
    policy.key_specialty.reset();
    CHECK(reimburse(policy, c).fund == yuan("40860"));
}

TEST_CASE("Example H: 济宁 TCM items +10 points, deductible −100 at a TCM hospital",
          "[reimbursement][examples]") {
    const auto policy = reimbursement_preset("jining/2021.json");
    SettlementCase c;
    c.insurance = Insurance::Resident;
    c.level = 2;
    c.tcm_hospital = true;
    c.segments = {{"中医内科", yuan("8000"), yuan("3000")}};
    const auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.deductible == yuan("400"));
    CHECK(r.fund == yuan("5985.00"));
}

TEST_CASE("Example I: 济宁 pure TCM therapy at 90%, deductible cuts stacking or not",
          "[reimbursement][examples]") {
    auto policy = reimbursement_preset("jining/2021.json");
    SettlementCase c;
    c.insurance = Insurance::Resident;
    c.level = 2;
    c.tcm_hospital = true;
    c.pure_tcm = true;
    c.segments = {{"中医内科", yuan("8000"), yuan("3000")}};
    auto r = reimburse(policy, c, true);
    CHECK(r.deductible == yuan("400"));
    CHECK(r.fund == yuan("6840"));
    policy.tcm_therapy->stack_deductible_cuts = true;
    r = reimburse(policy, c);
    CHECK(r.deductible == yuan("300"));
    CHECK(r.fund == yuan("6930"));
}

TEST_CASE("Example J: a referral pair pays one deductible", "[reimbursement][examples]") {
    auto policy = reimbursement_preset("wenzhou/2022.json");
    SettlementCase first = one_segment("县医院", 2, "内科", "10000", "I10");
    const auto r1 = reimburse(policy, first);
    CHECK(r1.deductible == yuan("600"));

    SettlementCase second = one_segment("市医院", 3, "心内科", "20000", "I21.000");
    second.referral = ReferralDirection::Upward;
    second.paired_deductible = r1.deductible;
    auto r2 = reimburse(policy, second, true);
    CHECK(r1.deductible + r2.deductible == yuan("1000"));  // charge_max_topup: 600 + 400

    policy.referral->deductible = ReferralRules::Deductible::WaiveSecond;
    r2 = reimburse(policy, second);
    CHECK(r1.deductible + r2.deductible == yuan("600"));
}

TEST_CASE("Example K: a downward referral gets +2 points", "[reimbursement][examples]") {
    const auto policy = reimbursement_preset("wenzhou/2022.json");
    SettlementCase c = one_segment("社区卫生服务中心", 1, "康复科", "5000", "I69.300");
    c.referral = ReferralDirection::Downward;
    c.paired_deductible = yuan("1000");  // the higher hospital's deductible already paid
    const auto r = reimburse(policy, c, true);
    REQUIRE(r.status == ReimbursementStatus::Ok);
    CHECK(r.deductible == 0);
    CHECK(r.segment_ratios == std::vector<Bp>{8700});
    CHECK(r.fund == yuan("4350"));
}
