// Point values and the annual settlement: the worked examples of dip.md §9.7 and
// payment-rules.md §1.3, and the property that hospital amounts add up to the pool to the fen.
#include <catch2/catch.hpp>
#include <random>

#include "dipdrg/settlement.hpp"

using namespace dipdrg;

TEST_CASE("settlement: budget point value with 1:2:7 year weights", "[settlement]") {
    // Costs 8.0 / 8.6 / 9.2 亿, points 0.85 / 0.90 / 0.95 亿 → 89.6 / 9.3 = 9.634 元/点.
    double pv = budget_point_value({8.0e8, 8.6e8, 9.2e8}, {0.85e8, 0.90e8, 0.95e8}, {1, 2, 7});
    CHECK(pv == Approx(89.6 / 9.3));
    CHECK(pv == Approx(9.634).margin(0.0005));
    CHECK_THROWS(budget_point_value({1}, {1, 2}, {1}));
}

TEST_CASE("settlement: point value bases", "[settlement]") {
    SettlementPolicy dip;
    dip.fund_payment_ratio = 0.60;
    CHECK(settlement_point_value(dip, 570000000 * Fen{100}, 0, 1.0e8) == Approx(9.5));  // 5.7 亿 / 0.6 / 1 亿
    SettlementPolicy zj;
    zj.basis = PointValueBasis::FundPlusPatient;  // (9.0 亿 + 3.0 亿) / 1 200 万 = 100
    CHECK(settlement_point_value(zj, 900000000 * Fen{100}, 300000000 * Fen{100}, 1.2e7) == Approx(100));
    SettlementPolicy fund_only;
    fund_only.basis = PointValueBasis::FundOnly;
    CHECK(settlement_point_value(fund_only, 100000 * Fen{100}, 0, 1000) == Approx(100));
    CHECK_THROWS(settlement_point_value(dip, 0, 0, 1));
    CHECK_THROWS(settlement_point_value(dip, 100, 0, 0));
}

TEST_CASE("settlement: annual clearing of one hospital (dip.md §9.7)", "[settlement]") {
    // 1 000 000 points, r = 0.60, 考核系数 0.98, deductions 50 000 → 5 536 000 元.
    SettlementPolicy p;
    p.fund_payment_ratio = 0.60;
    std::vector<HospitalInput> hospitals
        = {{"H1", 1.0e6, 0, 0.98, 50000 * Fen{100}, 5000000 * Fen{100}}, {"H2", 99.0e6, 0, 1.0, 0, 0}};
    auto s = settle_pool(p, 570000000 * Fen{100}, hospitals);
    CHECK(s.point_value == Approx(9.5));
    CHECK(s.hospitals[0].entitlement == 5536000 * Fen{100});
    CHECK(s.hospitals[0].balance == 536000 * Fen{100});
}

TEST_CASE("settlement: monthly advance (dip.md §9.7)", "[settlement]") {
    // (90 000 × 9.5 − 330 000) × 0.90 − 10 000 = 462 500 元.
    CHECK(monthly_advance(90000, 9.5, 330000 * Fen{100}, 0.90, 10000 * Fen{100}) == 462500 * Fen{100});
}

TEST_CASE("settlement: apportionment keeps the total to the fen", "[settlement]") {
    auto parts = apportion(100, {0.333, 0.333, 0.334});  // 1 元 over three
    CHECK(parts[0] + parts[1] + parts[2] == 100);
    CHECK(parts[2] == 34);
    auto back = apportion(99, {0.336, 0.336, 0.336});  // total below the floors' sum: take back
    CHECK(back[0] + back[1] + back[2] == 99);
}

TEST_CASE("settlement: hospital amounts sum to the pool total, to the fen", "[settlement][property]") {
    std::mt19937_64 rng(20261122);
    for (int trial = 0; trial < 200; ++trial) {
        std::uniform_int_distribution<int> count(1, 400);
        std::uniform_real_distribution<double> pts(0.0, 5.0e6), coef(0.9, 1.0);
        const int n = count(rng);
        std::vector<HospitalInput> hospitals;
        for (int i = 0; i < n; ++i)
            hospitals.push_back({"H" + std::to_string(i), pts(rng), 0, trial % 2 ? coef(rng) : 1.0,
                                 trial % 3 ? Fen{0} : static_cast<Fen>(rng() % 1000000), 0});
        SettlementPolicy p;
        p.fund_payment_ratio = 0.55 + 0.4 * static_cast<double>(trial % 7) / 7.0;
        const Fen budget = static_cast<Fen>(1000000000 + rng() % 100000000000);
        auto s = settle_pool(p, budget, hospitals);
        Fen sum = 0;
        for (const auto& h : s.hospitals) sum += h.entitlement;
        CHECK(sum == s.total_entitlement);
        if (trial % 2 == 0 && trial % 3 != 0) {  // no assessment, no deductions: the whole budget is paid
            CHECK(std::llabs(s.total_entitlement - budget) <= 1);
        }
    }
}

TEST_CASE("settlement: bad input is refused clearly", "[settlement]") {
    SettlementPolicy p;
    CHECK_THROWS_WITH(settle_pool(p, 100, {{"H", -1.0}}), Catch::Contains("negative points"));
    CHECK_THROWS_WITH(settle_pool(p, 100, {}), Catch::Contains("total points"));
}

TEST_CASE("settlement: surplus kept and overspend shared within corridors", "[settlement]") {
    SettlementPolicy p;
    p.surplus_bands = {{0.10, 1.0}, {0, 0.5}};    // keep all surplus up to 10 % of E, half beyond
    p.overspend_bands = {{0.10, 0.5}, {0, 0.0}};  // the fund bears half of overspend up to 10 %, none beyond
    std::string how;
    // E 100 000, B 80 000: surplus 20 000 → keep 10 000 + 5 000 → pay 95 000.
    CHECK(apply_corridors(10000000, 8000000, p, &how) == 9500000);
    CHECK(how.find("surplus") != std::string::npos);
    // E 100 000, B 125 000: overspend 25 000 → fund bears 5 000 → pay 105 000.
    CHECK(apply_corridors(10000000, 12500000, p, &how) == 10500000);
    CHECK(apply_corridors(10000000, -1, p) == 10000000);  // no item-based amount: the entitlement
    SettlementPolicy plain;  // no bands: keep every surplus, bear no overspend → pay E
    CHECK(apply_corridors(10000000, 8000000, plain) == 10000000);
    CHECK(apply_corridors(10000000, 12000000, plain) == 10000000);
}

TEST_CASE("settlement: elastic point value", "[settlement]") {
    // Budget 1 000 000 (r = 1), fixed PV 10: base volumes 30 000 + 40 000 points use 700 000;
    // the 30 000 points beyond share the remaining 300 000 at 10 元/点.
    SettlementPolicy p;
    p.elastic = true;
    p.fixed_point_value = 10;
    std::vector<HospitalInput> h(2);
    h[0].hospital = "A";
    h[0].points = 50000;
    h[0].base_points = 30000;
    h[1].hospital = "B";
    h[1].points = 50000;
    h[1].base_points = 40000;
    auto s = settle_pool(p, 100000000, h);
    CHECK(s.point_value == Approx(10));
    CHECK(s.hospitals[0].entitlement == 50000000);
    // A tighter budget floats the value beyond the base down.
    auto tight = settle_pool(p, 85000000, h);
    CHECK(tight.point_value == Approx(5));
    CHECK(tight.hospitals[0].entitlement == (30000 * 10 + 20000 * 5) * Fen{100});
    CHECK(tight.hospitals[0].entitlement + tight.hospitals[1].entitlement == tight.total_entitlement);
}
