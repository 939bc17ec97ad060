// Batch grouping: results independent of the thread count, and parallel_for's coverage and
// exception propagation.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "dipdrg/batch.hpp"
#include "dipdrg/catalog/csv.hpp"
#include "test_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

namespace {

// The demo cases file, every column set by name through field_from_name.
std::vector<Case> demo_cases() {
    auto t = catalog::CsvTable::read(source_dir() + "/examples/data/demo-cases.csv");
    std::vector<std::pair<std::size_t, CaseField>> columns;
    // Map every header the file has; columns must all be known fields or aliases.
    for (const char* name :
         {"case_id", "gender", "age", "age_days", "weight_g", "dept", "los_days", "discharge_type",
          "dx_codes", "px_codes", "hospital_id", "hospital_level", "insurance_type", "total_cost"}) {
        REQUIRE(t.has_column(name));
        auto f = field_from_name(name);
        REQUIRE(f.has_value());
        columns.emplace_back(t.column(name), *f);
    }
    std::vector<Case> cases(t.rows());
    for (std::size_t r = 0; r < t.rows(); ++r)
        for (const auto& [col, field] : columns) set_field(cases[r], field, t.at(r, col));
    return cases;
}

// A comparable summary of one result.
std::string summary(const DrgGrouper& g, const GroupResult& r) {
    std::string s = std::string(status_code(r.status)) + " " + g.mdc_code(r) + " " + g.adrg_code(r) + " "
                    + g.drg_code(r) + " [" + r.deciding_code + "] " + r.check_message;
    for (const auto& w : r.warnings)
        s += " w" + std::to_string(static_cast<int>(w.kind)) + ":" + w.code + "@"
             + std::to_string(w.position);
    return s;
}

}  // namespace

// The demo cases file parses completely; its one deliberately bad value (D00032's age
// "abc") is recorded, not thrown.
TEST_CASE("batch: demo cases load by column name", "[batch]") {
    auto cases = demo_cases();
    REQUIRE(cases.size() == 400);
    CHECK(cases[0].case_id == "D00001");
    CHECK(cases[0].sex == 1);
    CHECK(cases[0].age_years == 81);
    CHECK(cases[0].diagnoses.text.size() == 3);
    CHECK(cases[0].total_cost_fen == 6482793);
    CHECK(cases[3].birth_weight_g == 1700);
    std::size_t invalid = 0;
    for (const auto& c : cases) {
        invalid += c.invalid_fields.size();
        if (!c.invalid_fields.empty()) {
            CHECK(c.case_id == "D00032");
            CHECK(c.invalid_fields[0].field == "age");
            CHECK(c.invalid_fields[0].raw == "abc");
            CHECK(c.age_years == kInvalid);
        }
    }
    CHECK(invalid == 1);
}

// group_batch gives identical results (and traces) on 1 and 2 threads, and equals grouping
// each case alone. The cases are repeated so that the batch is large enough for
// parallel_for to really use two threads (it keeps >= 256 items per thread).
TEST_CASE("batch: results independent of thread count", "[batch]") {
    auto base = demo_cases();
    std::vector<Case> cases;
    for (int rep = 0; rep < 3; ++rep) cases.insert(cases.end(), base.begin(), base.end());
    REQUIRE(cases.size() >= 2 * 256);

    DrgGrouper g(demo_catalog());
    auto one = cases, two = cases, four = cases;
    std::vector<Trace> traces1, traces2;
    auto r1 = group_batch(g, one, 1, &traces1);
    auto r2 = group_batch(g, two, 2, &traces2);
    auto r4 = group_batch(g, four, 4);
    REQUIRE(r1.size() == cases.size());
    REQUIRE(r2.size() == cases.size());
    REQUIRE(r4.size() == cases.size());
    REQUIRE(traces1.size() == cases.size());
    REQUIRE(traces2.size() == cases.size());

    std::size_t differ = 0, ok = 0, distinct_drgs = 0;
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < cases.size(); ++i) {
        auto s1 = summary(g, r1[i]);
        Case alone = cases[i];
        g.intern(alone);
        auto s0 = summary(g, g.group(alone));
        bool same
            = s1 == summary(g, r2[i]) && s1 == summary(g, r4[i]) && s1 == s0
              && render_trace(traces1[i], Language::English) == render_trace(traces2[i], Language::English)
              && one[i].diagnoses.ids == two[i].diagnoses.ids
              && one[i].procedures.ids == two[i].procedures.ids;
        if (!same) {
            ++differ;
            INFO("case " << i << " (" << cases[i].case_id << ")");
            CHECK(s1 == summary(g, r2[i]));
            CHECK(s1 == summary(g, r4[i]));
            CHECK(s1 == s0);
        }
        ok += r1[i].status == GroupStatus::Ok;
        auto drg = g.drg_code(r1[i]);
        if (std::find(seen.begin(), seen.end(), drg) == seen.end()) {
            seen.push_back(drg);
            ++distinct_drgs;
        }
        // group_batch interns the cases it was given.
        if (!one[i].diagnoses.empty()) CHECK(one[i].diagnoses.ids.size() == one[i].diagnoses.size());
    }
    CHECK(differ == 0);
    CHECK(ok > cases.size() / 2);  // not vacuous: most demo cases group
    CHECK(distinct_drgs > 10);
    // Repeated cases give repeated results.
    for (std::size_t i = 0; i < base.size(); ++i)
        CHECK(summary(g, r1[i]) == summary(g, r1[i + 2 * base.size()]));
}

// An empty batch is fine.
TEST_CASE("batch: empty batch", "[batch]") {
    DrgGrouper g(demo_catalog());
    std::vector<Case> none;
    std::vector<Trace> traces(3);
    CHECK(group_batch(g, none, 2, &traces).empty());
    CHECK(traces.empty());
}

// parallel_for calls fn on disjoint contiguous chunks covering [0, n) exactly once.
TEST_CASE("batch: parallel_for covers every index once", "[batch][parallel_for]") {
    for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(255), std::size_t(256),
                          std::size_t(513), std::size_t(1000), std::size_t(10007)}) {
        for (unsigned threads : {0u, 1u, 2u, 3u, 8u}) {
            INFO("n " << n << " threads " << threads);
            std::vector<std::atomic<int>> hits(n);
            std::mutex m;
            std::vector<std::pair<std::size_t, std::size_t>> chunks;
            parallel_for(n, threads, [&](std::size_t begin, std::size_t end) {
                {
                    std::lock_guard<std::mutex> lock(m);
                    chunks.emplace_back(begin, end);
                }
                for (std::size_t i = begin; i < end; ++i) hits[i].fetch_add(1);
            });
            std::size_t wrong = 0;
            for (std::size_t i = 0; i < n; ++i) wrong += hits[i].load() != 1;
            CHECK(wrong == 0);
            std::sort(chunks.begin(), chunks.end());
            std::size_t covered = 0;
            bool contiguous = true;
            for (const auto& [b, e] : chunks) {
                contiguous = contiguous && b == covered && e >= b;
                covered = e;
            }
            CHECK(contiguous);
            CHECK(covered == n);
            CHECK(chunks.size() <= std::max<std::size_t>(1, threads == 0 ? 1024 : threads));
        }
    }
}

// With enough work, parallel_for really runs chunks concurrently on several threads.
TEST_CASE("batch: parallel_for uses several chunks for large n", "[batch][parallel_for]") {
    std::atomic<int> calls{0};
    parallel_for(10000, 4, [&](std::size_t, std::size_t) { calls.fetch_add(1); });
    CHECK(calls.load() == 4);
}

// An exception thrown in a worker is rethrown in the caller, after all workers finished.
TEST_CASE("batch: parallel_for rethrows a worker's exception", "[batch][parallel_for]") {
    std::atomic<std::size_t> done{0};
    auto run = [&] {
        parallel_for(10000, 4, [&](std::size_t begin, std::size_t end) {
            if (begin > 0 && begin <= 5000 && 5000 < end) throw std::runtime_error("worker failed at 5000");
            done.fetch_add(end - begin);
        });
    };
    CHECK_THROWS_WITH(run(), Catch::Contains("worker failed"));
    CHECK(done.load() == 7500);  // the three other chunks of 2500 completed

    // Single-threaded, the exception propagates directly.
    CHECK_THROWS_AS(parallel_for(10, 1, [](std::size_t, std::size_t) { throw std::logic_error("x"); }),
                    std::logic_error);
    // Every worker throwing: one exception reaches the caller, of the thrown type.
    CHECK_THROWS_AS(parallel_for(10000, 4, [](std::size_t, std::size_t) { throw std::out_of_range("all"); }),
                    std::out_of_range);
}
