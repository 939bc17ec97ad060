// Reimbursement throughput: a seeded year of settlements in every mode under 德州's 2021
// policy (key specialties, day ward, bed day, caps and layers).
#include <benchmark/benchmark.h>

#include <random>

#include "dipdrg/catalog/reimbursement_policy_io.hpp"
#include "dipdrg/reimbursement/reimburse.hpp"

namespace {

std::vector<dipdrg::SettlementCase> synthetic_settlements(std::size_t n, unsigned seed) {
    using namespace dipdrg;
    std::mt19937_64 rng(seed);
    const char* hospitals[] = {"德州市中医院", "德州市人民医院", "齐河县人民医院", "某县医院"};
    const char* departments[] = {"内分泌科", "普内科", "骨伤科", "神经内科", "呼吸内科"};
    const char* dx[] = {"E11.900", "J18.900", "M54.500", "I63.900", "S52.501"};
    std::vector<SettlementCase> out(n);
    for (auto& c : out) {
        c.hospital = hospitals[rng() % 4];
        c.level = 1 + static_cast<int>(rng() % 3);
        c.tcm_hospital = c.hospital == std::string("德州市中医院");
        c.insurance = rng() % 3 == 0 ? Insurance::Resident : Insurance::Employee;
        c.status = rng() % 4 == 0 ? PersonStatus::Retired : PersonStatus::Working;
        c.principal_dx = dx[rng() % 5];
        c.nth_stay = 1 + static_cast<int>(rng() % 3);
        const Fen eligible = 100000 + static_cast<Fen>(rng() % 5000000);
        if (rng() % 5 == 0)
            c.segments = {{departments[rng() % 5], eligible / 3, 0},
                          {departments[rng() % 5], eligible - eligible / 3, 0}};
        else
            c.segments = {{departments[rng() % 5], eligible, 0}};
        c.self_pay = static_cast<Fen>(rng() % 200000);
        c.fund_paid_ytd = rng() % 50 == 0 ? 19500000 : 0;
        switch (rng() % 10) {
            case 0:
                c.mode = SettlementMode::Drg, c.case_payment = eligible;
                break;
            case 1:
                c.mode = SettlementMode::PerDisease;
                break;
            case 2:
                c.mode = SettlementMode::TcmDayWard, c.tcm_disease = "腰痛", c.course_days = 10;
                c.segments = {{"骨伤科", eligible / 10, 0}};
                break;
            case 3:
                c.mode = SettlementMode::BedDay, c.bed_day_scope = "psychiatry",
                c.los = 1 + static_cast<int>(rng() % 60);
                break;
            default:
                break;
        }
    }
    return out;
}

void BM_ReimburseYear(benchmark::State& state) {
    const auto policy = dipdrg::catalog::load_reimbursement_policy(
        std::string(DIPDRG_SOURCE_DIR) + "/catalogs/reimbursement/dezhou/2021.json");
    const auto cases = synthetic_settlements(static_cast<std::size_t>(state.range(0)), 20261122);
    for (auto _ : state) {
        dipdrg::Fen fund = 0;
        for (const auto& c : cases) fund += dipdrg::reimburse(policy, c).fund;
        benchmark::DoNotOptimize(fund);
    }
    state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(cases.size()));
}

}  // namespace

BENCHMARK(BM_ReimburseYear)->Arg(100000)->Unit(benchmark::kMillisecond);
