// Binary catalog snapshots: round trip, every refusal (checksum, format version, stale
// digest, truncation), and the snapshot cache of load_catalog.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "dipdrg/catalog/catalog_store.hpp"
#include "dipdrg/catalog/csv.hpp"
#include "dipdrg/catalog/snapshot.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;
using catalog::SnapshotError;
namespace fs = std::filesystem;

namespace {

std::string read_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// The message of the SnapshotError that loading `path` throws ("" when none is thrown).
std::string snapshot_error(const std::string& path, const std::string& expected_digest = "") {
    try {
        catalog::load_snapshot(path, expected_digest);
    } catch (const SnapshotError& e) {
        return e.what();
    }
    return "";
}

// A few demo cases in the (sex, age, age_days, weight, dx, px) form of make_case.
struct DemoCase {
    const char *sex, *age, *age_days, *weight, *dx, *px;
};
const DemoCase kCases[] = {
    {"1", "81", "29596", "", "E10.600x015+M14.2*|A01.400|B01.200+J17.1*", ""},
    {"1", "81", "29698", "", "C60.900|S07.900", "40.5400x003"},
    {"2", "0", "24", "1700", "P07.300", ""},
    {"2", "50", "18485", "", "R69.x00|A22.900", "55.6100"},
    {"2", "65", "23944", "", "R63.200", "37.5200x001"},
    {"1", "0", "5", "3100", "A04.301|S71.800x022", "35.0301"},
    {"2", "", "31585", "", "Z37.201|S21.100x002|S12.000x002", ""},
};

void check_same_catalog(const DrgCatalog& a, const DrgCatalog& b) {
    CHECK(a.manifest.digest == b.manifest.digest);
    CHECK(a.manifest.version == b.manifest.version);
    CHECK(a.manifest.tables == b.manifest.tables);
    CHECK(a.mdcs.size() == b.mdcs.size());
    CHECK(a.adrgs.size() == b.adrgs.size());
    CHECK(a.drgs.size() == b.drgs.size());
    CHECK(a.dx_codes.size() == b.dx_codes.size());
    CHECK(a.px_codes.size() == b.px_codes.size());
    CHECK(a.dx.size() == b.dx.size());
    CHECK(a.px.size() == b.px.size());
    CHECK(a.dx_adrgs.size() == b.dx_adrgs.size());
    CHECK(a.px_refs.size() == b.px_refs.size());
    CHECK(a.trauma_regions == b.trauma_regions);
    CHECK(a.dx_names == b.dx_names);
    CHECK(a.px_names == b.px_names);
}

}  // namespace

// Save then load gives the same catalog identity, sizes and grouping results.
TEST_CASE("snapshot: round trip of the demo catalog", "[snapshot]") {
    TempDir dir;
    auto original = demo_catalog();
    REQUIRE(original);
    auto path = dir.file("demo.snap");
    catalog::save_snapshot(*original, path);
    REQUIRE(fs::exists(path));
    auto loaded = catalog::load_snapshot(path);
    REQUIRE(loaded);
    check_same_catalog(*original, *loaded);
    // The code dictionaries map codes to the same ids (the index is rebuilt on load).
    for (CodeId id = 0; id < original->dx_codes.size(); ++id)
        if (loaded->dx_codes.find(original->dx_codes.code(id)) != id) {
            INFO("dx " << original->dx_codes.code(id));
            CHECK(loaded->dx_codes.find(original->dx_codes.code(id)) == id);
        }
    CHECK(loaded->find_adrg("AH1") == original->find_adrg("AH1"));
    CHECK(loaded->find_drg("AE19") == original->find_drg("AE19"));

    DrgGrouper g1(original), g2(loaded);
    int ok = 0;
    for (const auto& k : kCases) {
        Case c1 = make_case(k.sex, k.age, k.age_days, k.weight, k.dx, k.px);
        Case c2 = c1;
        g1.intern(c1);
        g2.intern(c2);
        auto r1 = g1.group(c1), r2 = g2.group(c2);
        INFO("dx " << k.dx << " px " << k.px);
        CHECK(status_code(r1.status) == std::string(status_code(r2.status)));
        CHECK(g1.drg_code(r1) == g2.drg_code(r2));
        CHECK(g1.adrg_code(r1) == g2.adrg_code(r2));
        CHECK(r1.deciding_code == r2.deciding_code);
        ok += r1.status == GroupStatus::Ok;
    }
    CHECK(ok >= 3);  // the comparison is not vacuous
}

// Loading with the matching expected digest succeeds.
TEST_CASE("snapshot: matching expected digest loads", "[snapshot]") {
    TempDir dir;
    auto path = dir.file("demo.snap");
    catalog::save_snapshot(*demo_catalog(), path);
    auto loaded = catalog::load_snapshot(path, demo_catalog()->manifest.digest);
    REQUIRE(loaded);
    CHECK(loaded->manifest.digest == demo_catalog()->manifest.digest);
}

// A flipped payload byte fails the payload checksum.
TEST_CASE("snapshot: corrupt payload is refused by checksum", "[snapshot]") {
    TempDir dir;
    auto path = dir.file("demo.snap");
    catalog::save_snapshot(*demo_catalog(), path);
    auto bytes = read_bytes(path);
    REQUIRE(bytes.size() > 1000);
    for (std::size_t pos : {bytes.size() - 1, bytes.size() / 2}) {
        auto copy = bytes;
        copy[pos] = static_cast<char>(copy[pos] ^ 0x01);
        write_bytes(path, copy);
        auto msg = snapshot_error(path);
        INFO("flipped byte " << pos << ": " << msg);
        CHECK(msg.find("checksum") != std::string::npos);
    }
}

// The 4 bytes after the 8-byte magic are the format version; another version is refused.
TEST_CASE("snapshot: other format version is refused", "[snapshot]") {
    TempDir dir;
    auto path = dir.file("demo.snap");
    catalog::save_snapshot(*demo_catalog(), path);
    auto bytes = read_bytes(path);
    REQUIRE(bytes.compare(0, 8, "DIPDRGS1") == 0);
    std::uint32_t version = 0;
    std::memcpy(&version, bytes.data() + 8, 4);
    CHECK(version == catalog::kSnapshotFormatVersion);
    std::uint32_t other = catalog::kSnapshotFormatVersion + 1;
    std::memcpy(bytes.data() + 8, &other, 4);
    write_bytes(path, bytes);
    auto msg = snapshot_error(path);
    INFO(msg);
    CHECK(msg.find("format version") != std::string::npos);
}

// A snapshot compiled from other sources than expected is refused as stale.
TEST_CASE("snapshot: wrong expected digest is stale", "[snapshot]") {
    TempDir dir;
    auto path = dir.file("demo.snap");
    catalog::save_snapshot(*demo_catalog(), path);
    auto msg = snapshot_error(path, std::string(64, '0'));
    INFO(msg);
    CHECK(msg.find("stale") != std::string::npos);
}

// A truncated file (anywhere: header, digest, payload) is a SnapshotError, not a crash.
TEST_CASE("snapshot: truncated files are refused", "[snapshot]") {
    TempDir dir;
    auto path = dir.file("demo.snap");
    catalog::save_snapshot(*demo_catalog(), path);
    const auto bytes = read_bytes(path);
    for (std::size_t keep : {std::size_t(0), std::size_t(5), std::size_t(10), std::size_t(14),
                             std::size_t(40), std::size_t(150), bytes.size() / 2, bytes.size() - 1}) {
        INFO("kept " << keep << " of " << bytes.size() << " bytes");
        write_bytes(path, bytes.substr(0, keep));
        CHECK_THROWS_AS(catalog::load_snapshot(path), SnapshotError);
    }
}

// Files that are not snapshots, and missing files, are SnapshotErrors too.
TEST_CASE("snapshot: not a snapshot", "[snapshot]") {
    TempDir dir;
    auto path = dir.file("not.snap");
    write_bytes(path, "adrg,mdc\nAE1,MDCA\n");
    CHECK(snapshot_error(path).find("not a dipdrg catalog snapshot") != std::string::npos);
    CHECK_THROWS_AS(catalog::load_snapshot(dir.file("missing.snap")), SnapshotError);
}

// A header digest that disagrees with the payload's manifest is refused as corrupt.
TEST_CASE("snapshot: header digest must match the content", "[snapshot]") {
    TempDir dir;
    auto path = dir.file("demo.snap");
    catalog::save_snapshot(*demo_catalog(), path);
    auto bytes = read_bytes(path);
    // magic (8) + version (4) + digest length (4): the first digest character.
    const std::size_t at = 16;
    const auto& digest = demo_catalog()->manifest.digest;
    REQUIRE(bytes.compare(at, digest.size(), digest) == 0);
    bytes[at] = bytes[at] == 'a' ? 'b' : 'a';
    write_bytes(path, bytes);
    CHECK_THROWS_AS(catalog::load_snapshot(path), SnapshotError);
}

// save_snapshot into a missing directory throws and leaves nothing behind.
TEST_CASE("snapshot: unwritable destination throws", "[snapshot]") {
    TempDir dir;
    auto path = (dir.path / "no" / "such" / "dir" / "demo.snap").string();
    CHECK_THROWS(catalog::save_snapshot(*demo_catalog(), path));
    CHECK_FALSE(fs::exists(path));
}

// load_catalog with a cache dir: compile and cache the first time, reuse the snapshot the
// second, rebuild (with a note) when the cached file is corrupt.
TEST_CASE("snapshot: load_catalog caches and rebuilds", "[snapshot][catalog_store]") {
    TempDir dir;
    auto cache = (dir.path / "cache").string();

    auto first = catalog::load_catalog(demo_catalog_dir(), cache);
    REQUIRE(first.catalog);
    CHECK_FALSE(first.from_snapshot);
    CHECK(first.notes.empty());
    REQUIRE_FALSE(first.snapshot_path.empty());
    CHECK(fs::exists(first.snapshot_path));
    CHECK(fs::path(first.snapshot_path).parent_path() == fs::path(cache));
    CHECK(fs::path(first.snapshot_path).filename().string() == first.catalog->manifest.digest + ".snap");

    auto second = catalog::load_catalog(demo_catalog_dir(), cache);
    REQUIRE(second.catalog);
    CHECK(second.from_snapshot);
    CHECK(second.snapshot_path == first.snapshot_path);
    CHECK(second.notes.empty());
    check_same_catalog(*first.catalog, *second.catalog);

    // Corrupt the cached file: the next load refuses it, says so, and rebuilds.
    auto bytes = read_bytes(first.snapshot_path);
    bytes.back() = static_cast<char>(bytes.back() ^ 0xFF);
    write_bytes(first.snapshot_path, bytes);
    auto third = catalog::load_catalog(demo_catalog_dir(), cache);
    REQUIRE(third.catalog);
    CHECK_FALSE(third.from_snapshot);
    REQUIRE(third.notes.size() == 1);
    INFO(third.notes[0]);
    CHECK(third.notes[0].find("rebuilding") != std::string::npos);
    CHECK(third.notes[0].find("checksum") != std::string::npos);
    check_same_catalog(*first.catalog, *third.catalog);

    // The rebuilt snapshot was written back and is used again.
    auto fourth = catalog::load_catalog(demo_catalog_dir(), cache);
    CHECK(fourth.from_snapshot);
    CHECK(fourth.notes.empty());
}

// An empty cache dir disables caching; a snapshot file path loads that snapshot.
TEST_CASE("snapshot: load_catalog without cache and from a snapshot file", "[snapshot][catalog_store]") {
    TempDir dir;
    auto plain = catalog::load_catalog(demo_catalog_dir(), "");
    REQUIRE(plain.catalog);
    CHECK_FALSE(plain.from_snapshot);
    CHECK(plain.snapshot_path.empty());

    auto path = dir.file("explicit.snap");
    catalog::save_snapshot(*plain.catalog, path);
    auto from_file = catalog::load_catalog(path, "");
    REQUIRE(from_file.catalog);
    CHECK(from_file.from_snapshot);
    CHECK(from_file.snapshot_path == path);
    check_same_catalog(*plain.catalog, *from_file.catalog);
}

// Loading the full reference catalog from a snapshot: correctness checked, time reported
// (a WARN, not an assertion: performance is measured by the benchmarks).
TEST_CASE("snapshot: reference catalog load time", "[snapshot][reference]") {
    if (!have_reference()) {
        WARN("skipped: reference tables not found at " << reference_dir());
        return;
    }
    TempDir dir;
    auto path = dir.file("reference.snap");
    auto ref = reference_catalog();
    REQUIRE(ref);
    catalog::save_snapshot(*ref, path);
    auto start = std::chrono::steady_clock::now();
    auto loaded = catalog::load_snapshot(path, ref->manifest.digest);
    auto elapsed = std::chrono::steady_clock::now() - start;
    REQUIRE(loaded);
    check_same_catalog(*ref, *loaded);
    auto ms = std::chrono::duration<double, std::milli>(elapsed).count();
    WARN("load_snapshot of the reference catalog ("
         << fs::file_size(path) << " bytes, " << loaded->dx_codes.size() << " dx codes): " << ms << " ms");
}
