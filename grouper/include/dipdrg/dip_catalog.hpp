#pragma once
// The compiled DIP catalog (目录库): groups of every kind, the rule rows that lead to them
// (layered as in DIP 3.0), exclusion lists, the procedure-attribute table, comprehensive
// groups, grass-roots flags and auxiliary subtypes. Indexes are rebuilt after loading.
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "dipdrg/code_dictionary.hpp"
#include "dipdrg/dip_policy.hpp"
#include "dipdrg/drg_catalog.hpp"
#include "dipdrg/frozen_map.hpp"

namespace dipdrg {

inline constexpr double kUnknownValue = std::numeric_limits<double>::quiet_NaN();

enum class DipKind : std::uint8_t {
    Pre = 0,        // 先期分组
    Merge,          // 并项核心病种
    Burn,           // 辅助细分: 烧伤
    Tumour,         // 辅助细分: 肿瘤
    Tuberculosis,   // 辅助细分: 结核
    Base,           // 基本规则核心病种
    LocalCore,      // 地方核心病种
    Tcm,            // 中医优势病种
    Grassroots,     // 基层病种 (as a group of its own, where a city catalog lists it so)
    Comprehensive,  // 综合病种
    Ungrouped,      // 空白病组 / 保底组
    Count
};
const char* dip_kind_code(DipKind k);  // "pre", "merge", ...
const char* dip_kind_zh(DipKind k);    // "先期分组", ...
bool parse_dip_kind(const std::string& text, DipKind& out);

// Matching layers in the national order; a rule's layer follows from its group's kind.
// 中医优势病种 rows (which require treatment type 中医) come right after 先期, so a TCM-treated
// case of a TCM advantaged disease reaches its TCM group before the national core layers.
enum class DipLayer : std::uint8_t { Pre = 0, Tcm, Merge, Burn, Tumour, Tuberculosis, Base, Local, Count };
DipLayer layer_of(DipKind k);
const char* dip_layer_code(DipLayer l);

// Procedure attribute (手术操作属性) for comprehensive groups and type priorities.
enum class PxAttribute : std::uint8_t { None = 0, Diagnostic, Therapeutic, Interventional, Surgery };
const char* px_attribute_code(PxAttribute a);  // none / diagnostic / therapeutic / interventional / surgery
bool parse_px_attribute(const std::string& text, PxAttribute& out);

struct DxSpec;
struct ProcSet;
// Specifications as written: alternatives joined with '|', all-of codes with '+'.
std::string dx_specs_text(const std::vector<DxSpec>& specs);
std::string proc_set_text(const ProcSet& set);
std::string proc_sets_text(const std::vector<ProcSet>& sets);

// A diagnosis specification: exact code, prefix (category `K35`, subcategory `K35.3`, or any
// prefix a city uses), range of categories (`C00-C75`), dagger form (`M47.0+`), or any.
struct DxSpec {
    enum class Kind : std::uint8_t { Any, Exact, Prefix, Range, Dagger } kind = Kind::Any;
    std::string text;    // as written
    std::string key;     // exact code or prefix
    char letter = 0;     // ranges
    int lo = 0, hi = 0;  // ranges: category numbers, inclusive
    bool matches(std::string_view code) const;
    template <class A>
    void serialize(A& ar, unsigned) {
        ar& kind& text& key& letter& lo& hi;
    }
};
// Parses one specification; returns false (and leaves `error`) when it is malformed.
bool parse_dx_spec(const std::string& text, bool exact_codes, DxSpec& out, std::string& error);

// One alternative of a procedure list: all of its codes are required (`a+b`).
struct ProcSet {
    std::vector<std::string> codes;
    template <class A>
    void serialize(A& ar, unsigned) {
        ar& codes;
    }
};

struct DipGroup {
    std::string code;
    std::string name;
    DipKind kind = DipKind::Base;
    double score = kUnknownValue;  // 分值 (NaN: the catalog has none)
    std::array<double, 4> avg_cost{kUnknownValue, kUnknownValue, kUnknownValue,
                                   kUnknownValue};  // all, level 1..3 (yuan)
    std::array<double, 4> avg_los{kUnknownValue, kUnknownValue, kUnknownValue,
                                  kUnknownValue};  // all, level 1..3 (days)
    bool grassroots = false;                       // 基层病种: no hospital coefficient
    std::string source;                            // sheet/table and row
    template <class A>
    void serialize(A& ar, unsigned) {
        ar& code& name& kind& score& avg_cost& avg_los& grassroots& source;
    }
};

struct DipRule {
    Index group = kNone;
    DipLayer layer = DipLayer::Base;
    std::vector<DxSpec> principal_dx;   // alternatives; empty = any diagnosis
    bool dx_any_position = false;       // the diagnosis may be any of the case's (P07 newborns)
    std::vector<DxSpec> secondary_dx;   // some other diagnosis must match one (burn area, tumour family)
    std::vector<ProcSet> principal_px;  // alternatives; empty = conservative (保守治疗)
    bool px_any_position = false;       // the procedures may be anywhere, not only principal
    std::vector<ProcSet> related_px;    // alternatives among the other procedures; empty = none
    std::int32_t max_age_days = -1;     // inclusive; -1 = no condition
    std::int32_t min_weight_g = -1, max_weight_g = -1;  // inclusive band; -1 = open
    std::int8_t drug_resistant = -1;  // 1 resistant TB only, 0 non-resistant only, -1 either
    std::string treatment_type;       // required treatment type (e.g. "2" 中医), "" = any
    std::string source;
    bool conservative() const { return principal_px.empty(); }
    template <class A>
    void serialize(A& ar, unsigned) {
        ar& group& layer& principal_dx& dx_any_position& secondary_dx& principal_px& px_any_position&
            related_px& max_age_days& min_weight_g& max_weight_g& drug_resistant& treatment_type& source;
    }
};

// An excluded principal procedure: by default the case groups as conservative; with
// `allowed_dx`, the procedure stays principal when the principal diagnosis matches one.
struct ExcludedPx {
    std::string code;
    bool adjunct = false;  // 不可作为主要手术操作 (vs 按保守治疗入组)
    std::vector<DxSpec> allowed_dx;
    template <class A>
    void serialize(A& ar, unsigned) {
        ar& code& adjunct& allowed_dx;
    }
};

struct ComprehensiveRule {
    Index group = kNone;
    DxSpec dx;
    PxAttribute attribute = PxAttribute::None;
    template <class A>
    void serialize(A& ar, unsigned) {
        ar& group& dx& attribute;
    }
};

struct GrassrootsRule {
    DxSpec dx;
    std::vector<ProcSet> principal_px;  // empty = conservative cases
    std::string source;
    template <class A>
    void serialize(A& ar, unsigned) {
        ar& dx& principal_px& source;
    }
};

// Auxiliary subtype (辅助分型): one condition giving a subtype and an optional factor.
struct AuxRule {
    enum class Kind : std::uint8_t { AgeDays, AgeYears, DischargeMode, SecondaryDx, CciBand, CciWeight };
    Kind kind = Kind::AgeDays;
    std::string catalog;                            // CCI / 肿瘤严重程度 / 年龄 / 离院方式 ...
    std::string group;                              // applies to this group code only ("" = every core group)
    double lo = kUnknownValue, hi = kUnknownValue;  // bands (inclusive); CciWeight: lo = weight
    std::string code;                               // discharge mode
    std::vector<DxSpec> dx;                         // SecondaryDx / CciWeight
    std::string subtype;
    double factor = kUnknownValue;
    template <class A>
    void serialize(A& ar, unsigned) {
        ar& kind& catalog& group& lo& hi& code& dx& subtype& factor;
    }
};

// What a diagnosis key (a complete code or a spec prefix) leads to.
struct DxKeyEntry {
    std::vector<std::uint32_t> rules, grassroots, comprehensive;  // rows whose spec has this key
    bool excluded = false;      // a complete code on the exclusion list (exact lookups only)
    bool tb_resistant = false;  // a complete code marking drug-resistant tuberculosis
};

// What a procedure code leads to: one lookup per procedure of a case.
struct PxKeyEntry {
    std::int32_t excluded = -1;   // index into DipCatalog::excluded_px
    bool opens_any_rule = false;  // a procedure of a row open to every diagnosis
    bool has_attribute = false;
    PxAttribute attribute = PxAttribute::None;
    std::vector<std::uint32_t> rules;  // rules listing it at principal position (sorted)
};

// Diagnosis-keyed lookups: exact and prefix keys in one hash table, ranges by category
// letter, rows open to every diagnosis. Callers confirm with DxSpec::matches.
struct DxIndex {
    enum Channel { Rules = 0, Grassroots = 1, Comprehensive = 2 };
    // Keys are collected in `building`, then frozen into `by_key` for look-ups.
    std::unordered_map<std::string, DxKeyEntry, StringHash, std::equal_to<>> building;
    FrozenStringMap<DxKeyEntry> by_key;
    std::vector<std::size_t> prefix_lengths;
    std::array<std::array<std::vector<std::uint32_t>, 26>, 3> ranges;  // by channel, then letter
    std::array<std::vector<std::uint32_t>, 3> any;                     // by channel
    void add(const DxSpec& spec, Channel channel, std::uint32_t id);
    // The entries for `code`: [0] the exact one (or null), then one per prefix length found.
    void entries(std::string_view code, std::vector<const DxKeyEntry*>& out) const;
    // Candidate row ids of one channel for `code` (may repeat).
    void candidates(std::string_view code, Channel channel, std::vector<std::uint32_t>& out) const;
};

struct DipCatalog {
    Manifest manifest;
    DipPolicy policy;
    std::vector<DipGroup> groups;
    std::vector<DipRule> rules;            // in source order within each layer
    std::vector<std::string> excluded_dx;  // complete codes
    std::vector<ExcludedPx> excluded_px;
    std::vector<std::pair<std::string, PxAttribute>> px_attributes;
    std::vector<ComprehensiveRule> comprehensive;
    std::vector<GrassrootsRule> grassroots;
    std::vector<std::string> tb_resistant_dx;  // principal codes that mark drug-resistant TB
    std::string tb_resistance_code = "U84.300";
    std::vector<AuxRule> aux;
    Index ungrouped_group = kNone;  // 空白病组, if the catalog defines one
    std::vector<std::pair<std::string, std::string>> dx_translation, px_translation;

    template <class A>
    void serialize(A& ar, unsigned) {
        ar& manifest& policy& groups& rules& excluded_dx& excluded_px& px_attributes& comprehensive&
            grassroots& tb_resistant_dx& tb_resistance_code& aux& ungrouped_group& dx_translation&
                px_translation;
        // Loading does not build the index: the loader checks the structure first
        // (catalog/structure_check.hpp), then calls build_index().
    }

    // Lookup structures derived from the rows above (not serialized).
    struct IndexData {
        DxIndex dx;
        FrozenStringMap<PxKeyEntry> px;
        std::vector<std::uint32_t> any_position_rules;
    } index;
    void build_index();
    Index find_group(std::string_view code) const;
};

}  // namespace dipdrg
