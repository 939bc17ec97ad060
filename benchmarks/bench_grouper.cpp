// Grouping throughput and catalog loading. Cases/s is reported as items_per_second.
// Catalog: $DIPDRG_REFERENCE_DIR, else ../shared/reference/chs-drg-1.1 beside the checkout,
// else the shipped demo catalog (the label says which).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "dipdrg/arrow_input.hpp"
#include "dipdrg/batch.hpp"
#include "dipdrg/case_fields.hpp"
#include "dipdrg/catalog/catalog_store.hpp"
#include "dipdrg/catalog/csv.hpp"
#include "dipdrg/catalog/snapshot.hpp"
#include "dipdrg/dip_case_score.hpp"
#include "dipdrg/dip_grouper.hpp"
#include "dipdrg/result_tables.hpp"
#include "dipdrg/settlement.hpp"
#include "synthetic_cases.hpp"

namespace fs = std::filesystem;
using namespace dipdrg;

namespace {

std::string catalog_dir() {
    if (const char* d = std::getenv("DIPDRG_REFERENCE_DIR"); d && *d) return d;
    auto ref = fs::path(DIPDRG_SOURCE_DIR) / ".." / "shared" / "reference" / "chs-drg-1.1";
    if (fs::exists(ref / "adrg.csv")) return ref.lexically_normal().string();
    return std::string(DIPDRG_SOURCE_DIR) + "/catalogs/chs-drg/000000/1.1-demo";
}

std::shared_ptr<const DrgCatalog> the_catalog() {
    static auto cat = catalog::load_catalog(catalog_dir(), "").catalog;
    return cat;
}

const DrgGrouper& the_grouper() {
    static DrgGrouper g(the_catalog());
    return g;
}

std::vector<Case> interned(std::vector<Case> cases) {
    for (auto& c : cases) the_grouper().intern(c);
    return cases;
}

const std::vector<Case>& conformance_cases() {
    static std::vector<Case> cases = [] {
        std::vector<Case> out;
        auto path = catalog_dir() + "/conformance-cases.csv";
        if (!fs::exists(path)) return out;
        auto t = catalog::CsvTable::read(path);
        const std::pair<const char*, CaseField> cols[] = {{"case_id", CaseField::CaseId},
                                                          {"gender", CaseField::Sex},
                                                          {"age", CaseField::Age},
                                                          {"age_days", CaseField::AgeDays},
                                                          {"weight_g", CaseField::BirthWeight},
                                                          {"dx_codes", CaseField::Diagnoses},
                                                          {"px_codes", CaseField::Procedures}};
        for (std::size_t r = 0; r < t.rows(); ++r) {
            Case c;
            for (auto [name, field] : cols) set_field(c, field, t.at(r, t.column(name)));
            out.push_back(std::move(c));
        }
        return interned(std::move(out));
    }();
    return cases;
}

const std::vector<Case>& million_cases() {
    static std::vector<Case> cases = interned(bench::synthetic_cases(*the_catalog(), 1'000'000, 20261122));
    return cases;
}

void group_all(benchmark::State& state, const std::vector<Case>& cases) {
    if (cases.empty()) {
        state.SkipWithError("conformance cases not found (needs ../shared)");
        return;
    }
    const auto threads = static_cast<unsigned>(state.range(0));
    const auto& g = the_grouper();
    std::size_t ok = 0;
    for (auto _ : state) {
        parallel_for(cases.size(), threads, [&](std::size_t b, std::size_t e) {
            std::size_t local = 0;
            for (std::size_t i = b; i < e; ++i) local += g.group(cases[i]).status == GroupStatus::Ok;
            benchmark::DoNotOptimize(local);
        });
        ++ok;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
    state.SetLabel(the_catalog()->manifest.version + ", " + std::to_string(cases.size()) + " cases");
}

void BM_GroupConformance(benchmark::State& state) {
    group_all(state, conformance_cases());
}
void BM_GroupSyntheticMillion(benchmark::State& state) {
    group_all(state, million_cases());
}

// End to end from text: code interning (hash lookups) plus grouping.
void BM_InternAndGroupConformance(benchmark::State& state) {
    auto cases = conformance_cases();
    if (cases.empty()) {
        state.SkipWithError("conformance cases not found");
        return;
    }
    const auto& g = the_grouper();
    for (auto _ : state) {
        for (auto& c : cases) {
            g.intern(c);
            benchmark::DoNotOptimize(g.group(c));
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
}

// The whole path a Python caller runs on a 1,000,000-row Arrow table (the conformance cases
// ×200, text columns): read the stream in place into cases, intern and group, build the
// result table, hand it out as a stream. bench_python.py times the same call from Python.
void BM_ArrowPipelineMillion(benchmark::State& state) {
    auto path = catalog_dir() + "/conformance-cases.csv";
    if (!fs::exists(path)) {
        state.SkipWithError("conformance cases not found (needs ../shared)");
        return;
    }
    const auto t = catalog::CsvTable::read(path);
    const char* names[] = {"case_id", "gender", "age", "age_days", "weight_g", "dx_codes", "px_codes"};
    const std::size_t rows = t.rows() * 200;
    std::vector<std::pair<CaseField, int>> mapping;
    for (int k = 0; k < 7; ++k) mapping.emplace_back(*field_from_name(names[k]), k);
    const auto threads = static_cast<unsigned>(state.range(0));
    for (auto _ : state) {
        state.PauseTiming();  // the producer's table (pyarrow's, in Python) is not timed
        ArrowTableBuilder input(rows);
        for (const char* name : names) {
            const auto col = t.column(name);
            input.add_strings(name, [&](std::size_t i) { return std::string_view(t.at(i % t.rows(), col)); });
        }
        ArrowArrayStream in{};
        input.export_stream(&in);
        state.ResumeTiming();
        ArrowStreamReader reader(&in);
        auto cases = reader.read_all(mapping, threads);
        auto results = group_batch(the_grouper(), cases, threads, nullptr);
        auto table = drg_result_table(the_grouper(), cases, results, nullptr, Language::Chinese);
        ArrowArrayStream out{};
        table.export_stream(&out);
        out.release(&out);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
}

// With the explanation trace on (the reference grouper always builds its messages).
void BM_GroupConformanceWithTrace(benchmark::State& state) {
    const auto& cases = conformance_cases();
    if (cases.empty()) {
        state.SkipWithError("conformance cases not found");
        return;
    }
    const auto& g = the_grouper();
    Trace trace;
    for (auto _ : state) {
        for (const auto& c : cases) {
            trace.clear();
            benchmark::DoNotOptimize(g.group(c, &trace));
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
}

void BM_LoadSnapshot(benchmark::State& state) {
    auto path = (fs::temp_directory_path() / "dipdrg-bench.snap").string();
    catalog::save_snapshot(*the_catalog(), path);
    for (auto _ : state) benchmark::DoNotOptimize(catalog::load_snapshot(path));
    state.SetLabel(the_catalog()->manifest.version + ", " + std::to_string(fs::file_size(path)) + " bytes");
    fs::remove(path);
}

void BM_CompileFromCsv(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(catalog::compile_catalog(catalog_dir()));
}

// DIP: the national DIP 3.0 rule tables ($DIPDRG_DIP_REFERENCE_DIR, else ../shared beside the
// checkout), else the shipped demo DIP catalog.
std::string dip_catalog_dir() {
    if (const char* d = std::getenv("DIPDRG_DIP_REFERENCE_DIR"); d && *d) return d;
    auto ref = fs::path(DIPDRG_SOURCE_DIR) / ".." / "shared" / "reference" / "dip-3.0";
    if (fs::exists(ref / "base_groups.csv")) return ref.lexically_normal().string();
    return std::string(DIPDRG_SOURCE_DIR) + "/catalogs/dip/000000/3.0-demo";
}

const DipGrouper& the_dip_grouper() {
    static DipGrouper g(catalog::load_dip_catalog(dip_catalog_dir(), "").catalog);
    return g;
}

const std::vector<Case>& dip_million() {
    static std::vector<Case> cases
        = bench::synthetic_dip_cases(the_dip_grouper().catalog(), 1'000'000, 20261122);
    return cases;
}

void BM_GroupDipSyntheticMillion(benchmark::State& state) {
    const auto& cases = dip_million();
    const auto threads = static_cast<unsigned>(state.range(0));
    const auto& g = the_dip_grouper();
    for (auto _ : state) {
        parallel_for(cases.size(), threads, [&](std::size_t b, std::size_t e) {
            std::size_t local = 0;
            for (std::size_t i = b; i < e; ++i) local += g.group(cases[i]).status == DipStatus::Ok;
            benchmark::DoNotOptimize(local);
        });
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
    state.SetLabel(g.catalog().manifest.version + ", " + std::to_string(cases.size()) + " cases");
}

// The first 5,000 of the same cases: a cache-resident working set, comparable with
// BM_GroupConformance (5,000 CHS-DRG cases).
void BM_GroupDip5000(benchmark::State& state) {
    static const std::vector<Case> cases(dip_million().begin(), dip_million().begin() + 5000);
    const auto& g = the_dip_grouper();
    for (auto _ : state)
        for (const auto& c : cases) benchmark::DoNotOptimize(g.group(c));
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
}

// A year end to end: 1,000,000 synthetic DIP cases over 200 hospitals grouped, scored
// (DIP 1.0 deviation rules; the national tables have no scores, so every group is given a
// seeded score) and settled per hospital to the fen, on all cores.
void BM_SettleDipYear(benchmark::State& state) {
    const auto& cases = dip_million();
    const auto& g = the_dip_grouper();
    const auto& groups = g.catalog().groups;
    std::vector<double> scores(groups.size());
    for (std::size_t i = 0; i < scores.size(); ++i)
        scores[i] = 200.0 + static_cast<double>((i * 7919) % 3000);
    const std::size_t n_hospitals = 200;
    DipScoringPolicy policy;
    SettlementPolicy settlement;
    settlement.fund_payment_ratio = 0.65;
    const unsigned threads = static_cast<unsigned>(std::max(2u, std::thread::hardware_concurrency()));
    for (auto _ : state) {
        std::vector<double> points(cases.size());
        parallel_for(cases.size(), threads, [&](std::size_t b, std::size_t e) {
            for (std::size_t i = b; i < e; ++i) {
                auto r = g.group(cases[i]);
                if (r.group == kNone) continue;
                DipCaseInput in;
                in.group_score = scores[static_cast<std::size_t>(r.group)];
                in.hospital_coefficient = 0.9 + 0.05 * cases[i].hospital_level;
                in.grassroots = r.grassroots;
                in.aux_factor = std::isnan(r.factor) ? 1.0 : r.factor;
                in.cost = cases[i].total_cost_fen;
                in.point_value = 10.0;
                points[i] = score_dip_case(in, policy).points;
            }
        });
        std::vector<HospitalInput> hospitals(n_hospitals);
        for (std::size_t h = 0; h < n_hospitals; ++h) hospitals[h].hospital = "H" + std::to_string(h);
        for (std::size_t i = 0; i < cases.size(); ++i) hospitals[i % n_hospitals].points += points[i];
        auto s = settle_pool(settlement, Fen{800000000} * 100, hospitals);
        benchmark::DoNotOptimize(s);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * cases.size()));
    state.SetLabel(std::to_string(cases.size()) + " cases, 200 hospitals");
}

void BM_LoadDipSnapshot(benchmark::State& state) {
    auto path = (fs::temp_directory_path() / "dipdrg-bench-dip.snap").string();
    catalog::save_snapshot(the_dip_grouper().catalog(), path);
    for (auto _ : state) benchmark::DoNotOptimize(catalog::load_dip_snapshot(path));
    state.SetLabel(std::to_string(fs::file_size(path)) + " bytes");
    fs::remove(path);
}

const int kCores = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));

}  // namespace

BENCHMARK(BM_GroupConformance)
    ->Arg(1)
    ->Arg(kCores)
    ->ArgName("threads")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_GroupSyntheticMillion)
    ->Arg(1)
    ->Arg(kCores)
    ->ArgName("threads")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_ArrowPipelineMillion)
    ->Arg(1)
    ->Arg(kCores)
    ->ArgName("threads")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_InternAndGroupConformance)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GroupConformanceWithTrace)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GroupDipSyntheticMillion)
    ->Arg(1)
    ->Arg(kCores)
    ->ArgName("threads")
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_GroupDip5000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SettleDipYear)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LoadDipSnapshot)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadSnapshot)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CompileFromCsv)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
