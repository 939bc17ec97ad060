#include "dipdrg/catalog/manifest_io.hpp"

#include <algorithm>
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "dipdrg/catalog/dip_import.hpp"
#include "dipdrg/catalog/json_text.hpp"
#include "dipdrg/catalog/sha256.hpp"

namespace fs = std::filesystem;
namespace pt = boost::property_tree;

namespace dipdrg::catalog {
namespace {

// Message-rendering quirk of the reference grouper: these MDCs print neither their entry
// line nor the fall-through line when no ADRG matches (spec chs-drg-1.1 §11).
const std::vector<std::string> kReferenceQuietMdcs = {"MDCA", "MDCV", "MDCX"};

bool is_table_file(const fs::path& p) {
    auto name = p.filename().string();
    return p.extension() == ".csv" && name.rfind("conformance", 0) != 0;
}

std::string version_from_readme(const fs::path& dir, const char* scheme_pattern) {
    std::ifstream in(dir / "README.md");
    std::string line;
    std::regex re(std::string(scheme_pattern) + R"(\s*([0-9]+\.[0-9]+))");
    std::smatch m;
    while (std::getline(in, line))
        if (std::regex_search(line, m, re)) return m[1];
    return "unknown";
}

PrincipalProcedure parse_principal_procedure(const std::string& s) {
    if (s == "first") return PrincipalProcedure::First;
    if (s == "first_or") return PrincipalProcedure::FirstOr;
    throw std::runtime_error("manifest option principal_procedure must be 'first' or 'first_or', not '" + s
                             + "'");
}

// Parent chains are followed recursively (layers, digests): refuse a loop or a chain longer
// than any real layering before anything recurses.
constexpr int kMaxParentDepth = 16;

void check_parent_chain(const fs::path& dir) {
    std::vector<fs::path> seen;
    fs::path at = dir;
    for (int depth = 0;; ++depth) {
        std::error_code ec;
        fs::path canonical = fs::weakly_canonical(at, ec);
        if (ec) canonical = fs::absolute(at).lexically_normal();
        if (std::find(seen.begin(), seen.end(), canonical) != seen.end())
            throw std::runtime_error("catalog " + dir.string() + ": its parent chain loops back to "
                                     + canonical.string());
        if (depth > kMaxParentDepth)
            throw std::runtime_error("catalog " + dir.string() + ": parent chain longer than "
                                     + std::to_string(kMaxParentDepth) + " catalogs");
        seen.push_back(canonical);
        const fs::path manifest = at / "manifest.json";
        if (!fs::exists(manifest)) return;
        const auto parent = read_json_file(manifest.string()).get<std::string>("parent", "");
        if (parent.empty()) return;
        at = at / parent;
        if (!fs::is_directory(at)) return;  // reported, with its name, by the reader
    }
}

// The catalog's identity; `parent_digest` is its parent's (already read, so that a layered
// catalog reads each parent once).
std::string digest_with_parent(const CatalogSource& src, const std::string& parent_digest) {
    Sha256 h;
    const auto& m = src.manifest;
    for (const auto* field : {&m.scheme, &m.version, &m.region, &m.effective_from, &m.effective_to})
        h.update(*field + "\n");
    for (const auto& [name, sum] : m.tables) h.update(name + ":" + sum + "\n");
    std::ostringstream opts;
    opts << src.options.ambiguous_group << src.options.pv1_min_age_days
         << int(src.options.principal_procedure) << src.options.translate_codes;
    for (const auto& q : src.quiet_fallthrough_mdcs) opts << q << ',';
    const auto& p = src.dip_policy;
    opts << '|' << p.name << p.procedures_anywhere << p.short_code_prefix << p.conservative_fallback
         << p.skip_adjunct_principal << p.comprehensive_max_attribute << p.interventional_as_surgery
         << src.dip_translate;
    for (auto t : p.tie_breaks) opts << int(t) << ',';
    for (const auto& t : p.type_priority) opts << t << ',';
    h.update(opts.str());
    if (!src.parent_dir.empty()) h.update("parent:" + parent_digest);
    return h.hex_digest();
}

}  // namespace

CatalogSource read_catalog_source(const std::string& dir_text) {
    fs::path dir(dir_text);
    if (!fs::is_directory(dir)) throw std::runtime_error("catalog directory not found: " + dir_text);
    CatalogSource src;
    src.dir = dir.string();
    src.quiet_fallthrough_mdcs = kReferenceQuietMdcs;
    fs::path manifest_path = dir / "manifest.json";
    if (!fs::exists(manifest_path)) {
        // The reference export layout: no manifest, tables only.
        auto& m = src.manifest;
        bool dip = is_dip_national_layout(dir.string());
        m.scheme = dip ? "dip" : "chs-drg";
        m.version = version_from_readme(dir, dip ? "DIP" : "CHS-DRG");
        m.region = "000000";
        m.source = "reference export layout at " + fs::absolute(dir).lexically_normal().string();
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file() && is_table_file(e.path())) files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) m.tables.emplace_back(f.filename().string(), sha256_file(f.string()));
        m.digest = catalog_digest(src);
        return src;
    }
    pt::ptree root = read_json_file(manifest_path.string());
    auto& m = src.manifest;
    m.scheme = root.get<std::string>("scheme", "");
    m.version = root.get<std::string>("version", "");
    m.region = root.get<std::string>("region", "000000");
    m.effective_from = root.get<std::string>("effective_from", "");
    m.effective_to = root.get<std::string>("effective_to", "");
    m.source = root.get<std::string>("source", "");
    m.licence = root.get<std::string>("licence", "");
    m.parent = root.get<std::string>("parent", "");
    if (m.scheme != "chs-drg" && m.scheme != "dip")
        throw std::runtime_error("manifest " + manifest_path.string() + ": scheme '" + m.scheme
                                 + "' is not supported (chs-drg or dip)");
    if (m.version.empty()) throw std::runtime_error("manifest " + manifest_path.string() + ": no version");
    if (auto tables = root.get_child_optional("tables")) {
        for (const auto& [name, sum] : *tables) {
            fs::path file = dir / name;
            if (!fs::exists(file))
                throw std::runtime_error("catalog " + dir_text + ": table " + name
                                         + " listed in the manifest is missing");
            require_regular_file(file.string(), "catalog " + dir_text + ": table");
            auto actual = sha256_file(file.string());
            auto expected = sum.get_value<std::string>();
            if (actual != expected)
                throw std::runtime_error("catalog " + dir_text + ": checksum of " + name
                                         + " does not match the manifest (manifest " + expected + ", file "
                                         + actual + ")");
            m.tables.emplace_back(name, actual);
        }
    }
    for (const auto& e : fs::directory_iterator(dir)) {
        if (!e.is_regular_file() || e.path().extension() != ".csv") continue;
        auto name = e.path().filename().string();
        bool listed = std::any_of(m.tables.begin(), m.tables.end(), [&](auto& t) { return t.first == name; });
        if (!listed)
            throw std::runtime_error("catalog " + dir_text + ": table " + name
                                     + " is not listed in manifest.json (run `dipdrg catalog manifest`)");
    }
    if (auto policy = root.get_child_optional("policy")) {
        if (policy->empty()) {  // a file name relative to the catalog
            fs::path file = dir / policy->get_value<std::string>();
            src.dip_policy = parse_dip_policy(read_json_file(file.string()));
        } else {
            src.dip_policy = parse_dip_policy(*policy);
        }
    }
    if (auto opts = root.get_child_optional("options")) {
        for (const auto& [key, value] : *opts)
            if (key != "translate_codes" && key != "ambiguous_group" && key != "pv1_min_age_days"
                && key != "principal_procedure" && key != "quiet_fallthrough_mdcs")
                throw std::runtime_error("manifest " + manifest_path.string() + ": unknown option '" + key
                                         + "'");
        auto flag = [&](const char* key, bool fallback) {
            auto text = opts->get_optional<std::string>(key);
            if (!text) return fallback;
            if (*text == "true" || *text == "1") return true;
            if (*text == "false" || *text == "0") return false;
            throw std::runtime_error("manifest " + manifest_path.string() + ": option " + key
                                     + " must be true or false, not '" + *text + "'");
        };
        auto whole = [&](const char* key, int fallback) {
            auto text = opts->get_optional<std::string>(key);
            if (!text) return fallback;
            int v = 0;
            auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
            if (ec != std::errc() || end != text->data() + text->size())
                throw std::runtime_error("manifest " + manifest_path.string() + ": option " + key
                                         + " must be a whole number, not '" + *text + "'");
            return v;
        };
        src.dip_translate = flag("translate_codes", false);
        auto& o = src.options;
        o.ambiguous_group = flag("ambiguous_group", o.ambiguous_group);
        o.pv1_min_age_days = whole("pv1_min_age_days", o.pv1_min_age_days);
        o.translate_codes = flag("translate_codes", o.translate_codes);
        if (auto pp = opts->get_optional<std::string>("principal_procedure"))
            o.principal_procedure = parse_principal_procedure(*pp);
        if (auto quiet = opts->get_child_optional("quiet_fallthrough_mdcs")) {
            src.quiet_fallthrough_mdcs.clear();
            for (const auto& [k, v] : *quiet)
                src.quiet_fallthrough_mdcs.push_back(v.get_value<std::string>());
        }
    }
    std::string parent_digest;
    if (!m.parent.empty()) {
        check_parent_chain(dir);
        fs::path parent = dir / m.parent;
        if (!fs::is_directory(parent))
            throw std::runtime_error("catalog " + dir_text + ": parent catalog " + parent.string()
                                     + " not found");
        src.parent_dir = parent.lexically_normal().string();
        const auto parent_source = read_catalog_source(src.parent_dir);  // read once: scheme and digest
        if (parent_source.manifest.scheme != m.scheme)
            throw std::runtime_error("catalog " + dir_text + " (" + m.scheme + ") cannot layer over "
                                     + parent.string() + ", a " + parent_source.manifest.scheme + " catalog");
        parent_digest = parent_source.manifest.digest;
    }
    m.digest = digest_with_parent(src, parent_digest);
    return src;
}

std::string catalog_digest(const CatalogSource& src) {
    return digest_with_parent(
        src, src.parent_dir.empty() ? std::string() : read_catalog_source(src.parent_dir).manifest.digest);
}

}  // namespace dipdrg::catalog
