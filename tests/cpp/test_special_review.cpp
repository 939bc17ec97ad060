// 特例单议 candidates: criteria, ranking and the pool-wide cap (dip.md §7).
#include <catch2/catch.hpp>

#include "dipdrg/special_review.hpp"

using namespace dipdrg;

TEST_CASE("special review: criteria give reasons", "[review]") {
    std::vector<ReviewCase> cases(5);
    for (std::size_t i = 0; i < cases.size(); ++i) cases[i].row = i;
    cases[0].cost_ratio = 2.5;
    cases[1].los_days = 75;
    cases[2].icu_days = 9;
    cases[3].died = true;
    cases[4].cost_ratio = 1.2;  // nothing
    auto out = select_review_candidates(cases, ReviewPolicy{}, 100000);
    REQUIRE(out.size() == 4);
    CHECK(out[0].row == 0);  // highest cost ratio first
    CHECK(out[0].reasons.at(0).find("2.50×") != std::string::npos);
}

TEST_CASE("special review: the cap is a share of the whole pool's discharges", "[review]") {
    std::vector<ReviewCase> cases;
    for (std::size_t i = 0; i < 100; ++i) {
        ReviewCase c;
        c.row = i;
        c.cost_ratio = 2.0 + static_cast<double>(i) / 10.0;
        cases.push_back(c);
    }
    // 5‰ of 10 000 discharges = 50 candidates, the 50 most deviant.
    auto out = select_review_candidates(cases, ReviewPolicy{}, 10000);
    REQUIRE(out.size() == 50);
    CHECK(out.front().row == 99);
    CHECK(out.back().row == 50);
    ReviewPolicy drg;
    drg.cap_rate = 0.05;
    CHECK(select_review_candidates(cases, drg, 1000).size() == 50);
    CHECK(select_review_candidates(cases, ReviewPolicy{}, 100).empty());  // 0.5 → no slot
}
