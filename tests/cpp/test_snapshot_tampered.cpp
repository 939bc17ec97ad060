// A snapshot whose payload was altered and its checksum recomputed (the checksum catches
// corruption, not tampering) is refused by the structural check before anything uses it; a
// header claiming a payload larger than the file is refused before anything is allocated.
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>

#include "dip_support.hpp"
#include "dipdrg/catalog/snapshot.hpp"
#include "dipdrg/catalog/structure_check.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;

TEST_CASE("snapshot: an altered CHS-DRG payload with a valid checksum is refused", "[snapshot][hardening]") {
    TempDir dir;
    auto original = demo_catalog();
    REQUIRE(original);
    CHECK(catalog::structure_problem(*original).empty());
    struct Alteration {
        const char* what;
        void (*apply)(DrgCatalog&);
    };
    const Alteration alterations[] = {
        {"DRG names an ADRG", [](DrgCatalog& c) { c.drgs.front().adrg = 1 << 20; }},
        {"ADRG lists a DRG", [](DrgCatalog& c) { c.adrgs.front().drgs.push_back(-7); }},
        {"diagnosis range", [](DrgCatalog& c) { c.dx.front().adrg_end = 1u << 30; }},
        {"procedure list", [](DrgCatalog& c) { c.px_refs.front().adrg = 1 << 20; }},
        {"split rule", [](DrgCatalog& c) { c.drgs.front().split = static_cast<SplitRule>(9); }},
        {"table lengths", [](DrgCatalog& c) { c.dx_names.pop_back(); }},
    };
    for (const auto& a : alterations) {
        INFO(a.what);
        DrgCatalog altered = *original;
        a.apply(altered);
        CHECK_FALSE(catalog::structure_problem(altered).empty());
        const auto path = dir.file("altered.snap");
        catalog::save_snapshot(altered, path);  // a valid checksum over the altered payload
        CHECK_THROWS_WITH(catalog::load_snapshot(path), Catch::Contains("inconsistent"));
    }
}

TEST_CASE("snapshot: an altered DIP payload with a valid checksum is refused", "[snapshot][hardening][dip]") {
    TempDir dir;
    auto demo = catalog::load_dip_catalog(dip_source_dir() + "/catalogs/dip/000000/3.0-demo", "").catalog;
    REQUIRE(demo);
    CHECK(catalog::structure_problem(*demo).empty());
    DipCatalog altered = *demo;
    altered.rules.front().group = 1 << 20;
    const auto path = dir.file("dip.snap");
    catalog::save_snapshot(altered, path);
    CHECK_THROWS_WITH(catalog::load_dip_snapshot(path), Catch::Contains("inconsistent"));
    DipCatalog kinds = *demo;
    kinds.groups.front().kind = static_cast<DipKind>(200);
    catalog::save_snapshot(kinds, path);
    CHECK_THROWS_WITH(catalog::load_dip_snapshot(path), Catch::Contains("inconsistent"));
    catalog::save_snapshot(*demo, path);  // the unaltered catalog still loads and groups
    auto loaded = catalog::load_dip_snapshot(path);
    REQUIRE(loaded);
    CHECK(loaded->groups.size() == demo->groups.size());
}

TEST_CASE("snapshot: a header claiming more payload than the file holds is refused",
          "[snapshot][hardening]") {
    TempDir dir;
    const auto path = dir.file("demo.snap");
    catalog::save_snapshot(*demo_catalog(), path);
    std::fstream f(path, std::ios::binary | std::ios::in | std::ios::out);
    // magic (8) + version (4) + digest (4 + n) + checksum (4 + m), then the payload size.
    f.seekg(12);
    std::uint32_t n = 0;
    f.read(reinterpret_cast<char*>(&n), 4);
    f.seekg(16 + n);
    std::uint32_t m = 0;
    f.read(reinterpret_cast<char*>(&m), 4);
    f.seekp(20 + n + m);
    const std::uint64_t huge = std::uint64_t{12} << 30;  // 12 GiB
    f.write(reinterpret_cast<const char*>(&huge), 8);
    f.close();
    CHECK_THROWS_WITH(catalog::load_snapshot(path), Catch::Contains("header is corrupt"));
}
