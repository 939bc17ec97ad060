// Catalog consistency: check_catalog on the shipped and reference catalogs, on hand-broken
// copies, write_dot, and the importer's own diagnostics on broken table directories.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "dipdrg/catalog/catalog_check.hpp"
#include "dipdrg/catalog/catalog_store.hpp"
#include "temp_dir.hpp"
#include "test_support.hpp"

using namespace dipdrg;
using namespace dipdrg::testing;
using catalog::Diagnostic;
using catalog::Diagnostics;
namespace fs = std::filesystem;

namespace {

using Sev = Diagnostic::Severity;

std::size_t count(const Diagnostics& d, Sev sev, const std::string& check) {
    return static_cast<std::size_t>(std::count_if(
        d.begin(), d.end(), [&](const Diagnostic& x) { return x.severity == sev && x.check == check; }));
}
bool has(const Diagnostics& d, Sev sev, const std::string& check, const std::string& where) {
    return std::any_of(d.begin(), d.end(), [&](const Diagnostic& x) {
        return x.severity == sev && x.check == check && x.where == where;
    });
}
bool mentions(const Diagnostics& d, const std::string& check, const std::string& text) {
    return std::any_of(d.begin(), d.end(), [&](const Diagnostic& x) {
        return x.check == check && x.message.find(text) != std::string::npos;
    });
}
std::string dump(const Diagnostics& d, std::size_t limit = 40) {
    std::ostringstream out;
    for (std::size_t i = 0; i < d.size() && i < limit; ++i)
        out << (d[i].severity == Sev::Error ? "E " : "W ") << d[i].check << " @ " << d[i].where << ": "
            << d[i].message << "\n";
    if (d.size() > limit) out << "... " << d.size() - limit << " more\n";
    return out.str();
}

// A mutable copy of the demo catalog.
DrgCatalog demo_copy() {
    return *demo_catalog();
}

Adrg& adrg(DrgCatalog& c, const std::string& code) {
    Index a = c.find_adrg(code);
    REQUIRE(a != kNone);
    return c.adrgs[static_cast<std::size_t>(a)];
}

// Removes every diagnosis-list membership of ADRG `code`, keeping the per-code ranges valid.
void empty_dx_list(DrgCatalog& c, const std::string& code) {
    Index target = c.find_adrg(code);
    REQUIRE(target != kNone);
    std::vector<Index> kept;
    std::size_t removed = 0;
    for (auto& info : c.dx) {
        auto begin = static_cast<std::uint32_t>(kept.size());
        for (auto i = info.adrg_begin; i < info.adrg_end; ++i) {
            if (c.dx_adrgs[i] == target)
                ++removed;
            else
                kept.push_back(c.dx_adrgs[i]);
        }
        info.adrg_begin = begin;
        info.adrg_end = static_cast<std::uint32_t>(kept.size());
    }
    c.dx_adrgs = std::move(kept);
    REQUIRE(removed > 0);
}

// A copy of the demo catalog directory without manifest.json (so no checksums apply).
fs::path copy_demo(const TempDir& tmp, bool keep_manifest = false) {
    auto dst = tmp.path / "catalog";
    fs::copy(demo_catalog_dir(), dst, fs::copy_options::recursive);
    if (!keep_manifest) fs::remove(dst / "manifest.json");
    return dst;
}
std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}
void write_text(const fs::path& p, const std::string& s) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << s;
}
// Replaces the first occurrence of `from` (which must exist) in file `p`.
void replace_in(const fs::path& p, const std::string& from, const std::string& to) {
    auto text = read_text(p);
    auto pos = text.find(from);
    REQUIRE(pos != std::string::npos);
    text.replace(pos, from.size(), to);
    write_text(p, text);
}

}  // namespace

// The shipped demo catalog compiles and checks without errors.
TEST_CASE("catalog check: demo catalog has no errors", "[catalog_check]") {
    auto d = catalog::check_catalog(*demo_catalog());
    INFO(dump(d));
    CHECK(catalog::count_errors(d) == 0);
    auto compiled = catalog::compile_catalog(demo_catalog_dir());
    INFO(dump(compiled.diagnostics));
    CHECK(catalog::count_errors(compiled.diagnostics) == 0);
    CHECK(compiled.catalog);
}

// The reference catalog: no errors, and the known 17 ADRGs whose principal-diagnosis lists
// hold 252 entries their MDC never admits.
TEST_CASE("catalog check: reference catalog", "[catalog_check][reference]") {
    if (!have_reference()) {
        WARN("skipped: reference tables not found at " << reference_dir());
        return;
    }
    auto d = catalog::check_catalog(*reference_catalog());
    INFO(dump(d));
    CHECK(catalog::count_errors(d) == 0);
    CHECK(count(d, Sev::Warning, "unreachable_entry") == 17);
    long total = 0;
    for (const auto& x : d) {
        if (x.check != "unreachable_entry") continue;
        std::size_t used = 0;
        long n = 0;
        try {
            n = std::stol(x.message, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        INFO("message: " << x.message);
        CHECK(used > 0);
        CHECK(n > 0);
        total += n;
    }
    CHECK(total == 252);
}

// Importing the reference tables reports the codes the lists use but the dictionaries lack.
TEST_CASE("catalog check: reference import reports unknown codes", "[catalog_check][reference]") {
    if (!have_reference()) {
        WARN("skipped: reference tables not found at " << reference_dir());
        return;
    }
    auto compiled = catalog::compile_catalog(reference_dir());
    INFO(dump(compiled.diagnostics));
    CHECK(catalog::count_errors(compiled.diagnostics) == 0);
    CHECK(compiled.catalog);
    for (const char* code : {"K43.900", "K43.900x001", "K43.902", "P78.300x004"}) {
        INFO("code " << code);
        // "diagnosis K43.900 is ..." so that K43.900 is not satisfied by K43.900x001.
        CHECK(mentions(compiled.diagnostics, "unknown_code", std::string(" ") + code + " is not"));
    }
    for (const auto& x : compiled.diagnostics)
        if (x.check == "unknown_code") CHECK(x.severity == Sev::Warning);
}

// An ADRG without DRGs is an error (and its former DRGs become unreachable orphans).
TEST_CASE("catalog check: empty ADRG", "[catalog_check]") {
    auto c = demo_copy();
    adrg(c, "AH1").drgs.clear();
    auto d = catalog::check_catalog(c);
    INFO(dump(d));
    CHECK(has(d, Sev::Error, "empty_adrg", "AH1"));
    CHECK(count(d, Sev::Error, "empty_adrg") == 1);
    CHECK(has(d, Sev::Error, "orphan_drg", "AH11"));
    CHECK(has(d, Sev::Error, "orphan_drg", "AH15"));
    // The shared original is untouched.
    CHECK(catalog::count_errors(catalog::check_catalog(*demo_catalog())) == 0);
}

// An ADRG whose last DRG has a split rule has no terminal DRG.
TEST_CASE("catalog check: no terminal DRG", "[catalog_check]") {
    SECTION("single-DRG ADRG") {
        auto c = demo_copy();
        c.drgs[static_cast<std::size_t>(adrg(c, "AE1").drgs.back())].split = SplitRule::Mcc;
        auto d = catalog::check_catalog(c);
        INFO(dump(d));
        CHECK(has(d, Sev::Error, "no_terminal_drg", "AE1"));
        CHECK(catalog::count_errors(d) == 1);
    }
    SECTION("last of several DRGs") {
        auto c = demo_copy();
        c.drgs[static_cast<std::size_t>(adrg(c, "AH1").drgs.back())].split = SplitRule::MccOrCc;
        auto d = catalog::check_catalog(c);
        INFO(dump(d));
        CHECK(has(d, Sev::Error, "no_terminal_drg", "AH1"));
        CHECK(mentions(d, "no_terminal_drg", "AH15"));
        CHECK(catalog::count_errors(d) == 1);
    }
}

// An unconditional DRG before the last shadows the rest: a warning, not an error.
TEST_CASE("catalog check: shadowed DRG", "[catalog_check]") {
    auto c = demo_copy();
    c.drgs[static_cast<std::size_t>(adrg(c, "AH1").drgs.front())].split = SplitRule::Otherwise;
    auto d = catalog::check_catalog(c);
    INFO(dump(d));
    CHECK(has(d, Sev::Warning, "shadowed_drg", "AH1"));
    CHECK(catalog::count_errors(d) == 0);
}

// An ADRG ruled by the principal diagnosis with an empty diagnosis list is an error.
TEST_CASE("catalog check: empty diagnosis list", "[catalog_check]") {
    auto c = demo_copy();
    REQUIRE((adrg(c, "PR1").conditions & kPrincipalDx) != 0);
    empty_dx_list(c, "PR1");
    auto d = catalog::check_catalog(c);
    INFO(dump(d));
    CHECK(has(d, Sev::Error, "empty_list", "PR1"));
    CHECK(mentions(d, "empty_list", "diagnosis"));
    CHECK(catalog::count_errors(d) == 1);
}

// An ADRG absent from every MDC's list is unreachable, and so are its DRGs.
TEST_CASE("catalog check: unreachable ADRG", "[catalog_check]") {
    auto c = demo_copy();
    Index a = c.find_adrg("AE1");
    auto& list = c.mdcs[static_cast<std::size_t>(adrg(c, "AE1").mdc)].adrgs;
    list.erase(std::remove(list.begin(), list.end(), a), list.end());
    auto d = catalog::check_catalog(c);
    INFO(dump(d));
    CHECK(has(d, Sev::Error, "unreachable", "AE1"));
    CHECK(has(d, Sev::Error, "orphan_drg", "AE19"));
}

// An ADRG that names no MDC is an orphan.
TEST_CASE("catalog check: orphan ADRG", "[catalog_check]") {
    auto c = demo_copy();
    adrg(c, "AE1").mdc = kNone;
    auto d = catalog::check_catalog(c);
    INFO(dump(d));
    CHECK(has(d, Sev::Error, "orphan_adrg", "AE1"));
}

// An MDC without ADRGs is only a warning by itself; its ADRGs become unreachable errors.
TEST_CASE("catalog check: empty MDC", "[catalog_check]") {
    auto c = demo_copy();
    Index m = c.find_mdc("MDCY");
    REQUIRE(m != kNone);
    auto lost = c.mdcs[static_cast<std::size_t>(m)].adrgs;
    REQUIRE_FALSE(lost.empty());
    c.mdcs[static_cast<std::size_t>(m)].adrgs.clear();
    auto d = catalog::check_catalog(c);
    INFO(dump(d));
    CHECK(has(d, Sev::Warning, "empty_mdc", "MDCY"));
    for (Index a : lost) CHECK(has(d, Sev::Error, "unreachable", c.adrgs[static_cast<std::size_t>(a)].code));
}

// write_dot: a digraph with MDC -> ADRG -> DRG edges.
TEST_CASE("catalog check: write_dot", "[catalog_check]") {
    std::ostringstream out;
    catalog::write_dot(*demo_catalog(), out);
    auto dot = out.str();
    CHECK(dot.rfind("digraph", 0) == 0);
    CHECK(dot.find("\"MDCA\" -> \"AH1\"") != std::string::npos);
    CHECK(dot.find("\"AH1\" -> \"AH11\"") != std::string::npos);
    CHECK(dot.find("\"AH1\" -> \"AH15\"") != std::string::npos);
    CHECK(dot.find("\"MDCA\" -> \"AE1\"") != std::string::npos);
    CHECK(dot.size() >= 2);
    CHECK(dot.substr(dot.size() - 2) == "}\n");
    // One MDC -> ADRG edge per ADRG, one ADRG -> DRG edge per DRG.
    std::size_t edges = 0;
    for (std::size_t pos = 0; (pos = dot.find(" -> ", pos)) != std::string::npos; ++pos) ++edges;
    CHECK(edges == demo_catalog()->adrgs.size() + demo_catalog()->drgs.size());
}

// The importer on an unmodified manifest-less copy: a usable catalog, no errors.
TEST_CASE("catalog import: manifest-less copy of the demo compiles", "[catalog_check][import]") {
    TempDir tmp;
    auto dir = copy_demo(tmp);
    auto compiled = catalog::compile_catalog(dir.string());
    INFO(dump(compiled.diagnostics));
    CHECK(catalog::count_errors(compiled.diagnostics) == 0);
    REQUIRE(compiled.catalog);
    CHECK(compiled.catalog->adrgs.size() == demo_catalog()->adrgs.size());
    CHECK(compiled.catalog->drgs.size() == demo_catalog()->drgs.size());
}

// A DRG row pointing at an unknown ADRG: orphan_drg error, no catalog, load_catalog throws.
TEST_CASE("catalog import: DRG of an unknown ADRG", "[catalog_check][import]") {
    TempDir tmp;
    auto dir = copy_demo(tmp);
    {
        std::ofstream out(dir / "drg.csv", std::ios::app | std::ios::binary);
        out << "ZQ99,测试组,ZQ9,MDCA,1,9,otherwise\n";
    }
    auto compiled = catalog::compile_catalog(dir.string());
    INFO(dump(compiled.diagnostics));
    CHECK(count(compiled.diagnostics, Sev::Error, "orphan_drg") == 1);
    CHECK(mentions(compiled.diagnostics, "orphan_drg", "DRG ZQ99"));
    CHECK(mentions(compiled.diagnostics, "orphan_drg", "'ZQ9'"));
    CHECK(catalog::count_errors(compiled.diagnostics) == 1);
    CHECK(std::any_of(compiled.diagnostics.begin(), compiled.diagnostics.end(), [](const Diagnostic& x) {
        return x.check == "orphan_drg" && x.where.find("drg.csv:") != std::string::npos;
    }));
    CHECK(compiled.catalog == nullptr);
    CHECK_THROWS_AS(catalog::load_catalog(dir.string(), ""), std::runtime_error);
}

// An unknown rule condition in adrg.csv is a bad_rule error naming the condition.
TEST_CASE("catalog import: unknown ADRG rule condition", "[catalog_check][import]") {
    TempDir tmp;
    auto dir = copy_demo(tmp);
    replace_in(dir / "adrg.csv", "AE1,MDCA,5,procedure,肾移植,principal_px,",
               "AE1,MDCA,5,procedure,肾移植,principal_px+no_such_condition,");
    auto compiled = catalog::compile_catalog(dir.string());
    INFO(dump(compiled.diagnostics));
    CHECK(count(compiled.diagnostics, Sev::Error, "bad_rule") == 1);
    CHECK(mentions(compiled.diagnostics, "bad_rule", "no_such_condition"));
    CHECK(compiled.catalog == nullptr);
}

// A malformed px_combo_rule is a bad_rule error too.
TEST_CASE("catalog import: bad combination rule", "[catalog_check][import]") {
    TempDir tmp;
    auto dir = copy_demo(tmp);
    replace_in(dir / "adrg.csv", "((g1 and g2) or (g1 and g3 and g4))", "((g1 and g2) or (g1 and g9))");
    auto compiled = catalog::compile_catalog(dir.string());
    INFO(dump(compiled.diagnostics));
    CHECK(has(compiled.diagnostics, Sev::Error, "bad_rule", (dir / "adrg.csv").string() + ":39"));
    CHECK(compiled.catalog == nullptr);
}

// With the manifest kept, an edited table no longer matches its checksum.
TEST_CASE("catalog import: manifest checksum mismatch", "[catalog_check][import]") {
    TempDir tmp;
    auto dir = copy_demo(tmp, /*keep_manifest=*/true);
    REQUIRE_NOTHROW(catalog::compile_catalog(dir.string()));
    {
        std::ofstream out(dir / "drg.csv", std::ios::app | std::ios::binary);
        out << "\n";
    }
    CHECK_THROWS_WITH(catalog::compile_catalog(dir.string()), Catch::Contains("checksum of drg.csv"));
}

// A list row naming an ADRG that adrg.csv lacks is an unknown_adrg error at its file:line.
TEST_CASE("catalog import: list row of an unknown ADRG", "[catalog_check][import]") {
    TempDir tmp;
    auto dir = copy_demo(tmp);
    {
        std::ofstream out(dir / "adrg_dx.csv", std::ios::app | std::ios::binary);
        out << "ZQ9,A01.003\n";
    }
    auto lines = std::count(std::istreambuf_iterator<char>(std::ifstream(dir / "adrg_dx.csv").rdbuf()),
                            std::istreambuf_iterator<char>(), '\n');
    auto compiled = catalog::compile_catalog(dir.string());
    INFO(dump(compiled.diagnostics));
    CHECK(has(compiled.diagnostics, Sev::Error, "unknown_adrg",
              (dir / "adrg_dx.csv").string() + ":" + std::to_string(lines)));
    CHECK(compiled.catalog == nullptr);
}

// A DRG whose MDC column disagrees with its ADRG's MDC is an orphan_drg too; it also breaks
// the ADRG's drgs column, reported as inconsistent.
TEST_CASE("catalog import: DRG naming the wrong MDC", "[catalog_check][import]") {
    TempDir tmp;
    auto dir = copy_demo(tmp);
    {
        std::ofstream out(dir / "drg.csv", std::ios::app | std::ios::binary);
        out << "ZZ19,测试组,ZZ1,MDCA,3,9,otherwise\n";  // ZZ1 is in MDCZ
    }
    auto compiled = catalog::compile_catalog(dir.string());
    INFO(dump(compiled.diagnostics));
    CHECK(count(compiled.diagnostics, Sev::Error, "orphan_drg") == 1);
    CHECK(mentions(compiled.diagnostics, "orphan_drg", "MDCZ"));
    CHECK(has(compiled.diagnostics, Sev::Error, "inconsistent", (dir / "adrg.csv").string() + ":15"));
    CHECK(compiled.catalog == nullptr);
}
