#pragma once
// The compiled CHS-DRG catalog: MDCs, ADRGs and DRGs with their code lists resolved to
// per-code arrays indexed by CodeId, built once and shared read-only by every grouper.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "dipdrg/code_dictionary.hpp"
#include "dipdrg/drg_options.hpp"

namespace dipdrg {

using Index = std::int32_t;  // index into a catalog vector; -1 = none
inline constexpr Index kNone = -1;

// Conditions of an MDC entry rule (mdc.csv:entry_rule, '+'-joined).
enum MdcCondition : std::uint32_t {
    kMdcPrincipalPxIsOr = 1u << 0,    // principal_px_in_or_list
    kMdcPrincipalDxOnList = 1u << 1,  // principal_dx_in_mdc_list
    kMdcMale = 1u << 2,
    kMdcFemale = 1u << 3,
    kMdcAgeYearsZero = 1u << 4,   // age_years==0
    kMdcTraumaRegions = 1u << 5,  // dx_in_>=2_trauma_regions
};

// Conditions of an ADRG rule (adrg.csv:rule_kind, '+'-joined).
enum AdrgCondition : std::uint32_t {
    kPrincipalDx = 1u << 0,
    kAnyDx = 1u << 1,
    kPrincipalPx = 1u << 2,
    kAnyPxList1 = 1u << 3,
    kAnyPxList2 = 1u << 4,
    kPxCombination = 1u << 5,
    kAgeDaysMax = 1u << 6,  // age_days<=N
    kBirthWeight = 1u << 7,
    kPrincipalPxIsOr = 1u << 8,
    kNoOrPx = 1u << 9,
    kUnconditional = 1u << 10,
};

enum class SplitRule : std::uint8_t { Mcc = 0, MccOrCc = 1, Otherwise = 2 };
enum class CcLevel : std::uint8_t { None = 0, Cc = 1, Mcc = 2 };

struct Mdc {
    std::string code;
    std::string name;
    std::string entry_rule;          // source text, for traces and checks
    std::string entry_label;         // Chinese label of the entry rule (主诊断匹配、男性)
    std::uint32_t conditions = 0;    // MdcCondition bits
    std::vector<Index> adrgs;        // in order_in_mdc
    bool quiet_fallthrough = false;  // reference messages omit its lines when it falls through
    template <class A>
    void serialize(A& ar, unsigned) {
        ar & code & name & entry_rule & entry_label & conditions & adrgs & quiet_fallthrough;
    }
};

struct Adrg {
    std::string code;
    std::string name;
    Index mdc = kNone;
    bool surgical = false;                       // section == procedure
    std::string rule_kind;                       // source text
    std::string rule_label;                      // rule_label_zh
    std::uint32_t conditions = 0;                // AdrgCondition bits
    std::string combo_rule;                      // px_combo_rule source text
    std::array<std::uint64_t, 4> combo_truth{};  // truth table over the 8 combo groups' hit mask
    std::int32_t birth_weight_min_g = kNoLimit;  // inclusive
    std::int32_t birth_weight_max_g = kNoLimit;  // exclusive
    std::int32_t max_age_days = kNoLimit;
    std::vector<Index> drgs;  // in order_in_adrg
    static constexpr std::int32_t kNoLimit = -1;
    bool combo_holds(unsigned hit_mask) const { return (combo_truth[hit_mask >> 6] >> (hit_mask & 63)) & 1u; }
    template <class A>
    void serialize(A& ar, unsigned) {
        ar & code & name & mdc & surgical & rule_kind & rule_label & conditions & combo_rule & combo_truth
            & birth_weight_min_g & birth_weight_max_g & max_age_days & drgs;
    }
};

struct Drg {
    std::string code;
    std::string name;
    Index adrg = kNone;
    SplitRule split = SplitRule::Otherwise;
    template <class A>
    void serialize(A& ar, unsigned) {
        ar & code & name & adrg & split;
    }
};

// What the catalog knows of a diagnosis code.
struct DxInfo {
    std::uint32_t mdc_mask = 0;       // bit i: on the principal list of mdcs[i]
    std::int16_t trauma_region = -1;  // index into DrgCatalog::trauma_regions
    CcLevel cc_level = CcLevel::None;
    std::int16_t cc_table = -1;                  // exclusion table of the code as a CC/MCC
    std::int16_t principal_table = -1;           // exclusion table of the code as principal
    std::uint32_t adrg_begin = 0, adrg_end = 0;  // range in DrgCatalog::dx_adrgs
    bool named = false;
    template <class A>
    void serialize(A& ar, unsigned) {
        ar & mdc_mask & trauma_region & cc_level & cc_table & principal_table & adrg_begin & adrg_end & named;
    }
};

// One procedure-list membership: list 1 or 2 of an ADRG, with its combo group (0 = none).
struct PxRef {
    Index adrg = kNone;
    std::uint8_t list = 1;
    std::uint8_t combo_group = 0;
    template <class A>
    void serialize(A& ar, unsigned) {
        ar & adrg & list & combo_group;
    }
};

struct PxInfo {
    bool is_or = false;
    bool named = false;
    std::uint32_t ref_begin = 0, ref_end = 0;  // range in DrgCatalog::px_refs
    template <class A>
    void serialize(A& ar, unsigned) {
        ar & is_or & named & ref_begin & ref_end;
    }
};

struct Manifest {
    std::string scheme;                        // "chs-drg"
    std::string version;                       // "1.1"
    std::string region;                        // 统筹区 code, "000000" = national
    std::string effective_from, effective_to;  // ISO dates, empty = open
    std::string source;
    std::string licence;
    std::string parent;                                       // base catalog this one overrides, if any
    std::vector<std::pair<std::string, std::string>> tables;  // file name, sha256
    std::string digest;  // sha256 over the tables' checksums: the catalog's identity
    template <class A>
    void serialize(A& ar, unsigned) {
        ar & scheme & version & region & effective_from & effective_to & source & licence & parent & tables
            & digest;
    }
};

struct DrgCatalog {
    Manifest manifest;
    DrgOptions options;     // the catalog's defaults; a grouper may override
    std::vector<Mdc> mdcs;  // in evaluation order
    std::vector<Adrg> adrgs;
    std::vector<Drg> drgs;
    std::vector<std::string> trauma_regions;

    CodeDictionary dx_codes, px_codes;
    std::vector<DxInfo> dx;             // by dx CodeId
    std::vector<std::string> dx_names;  // by dx CodeId ("" when unnamed)
    std::vector<Index> dx_adrgs;        // ADRG diagnosis-list memberships, grouped by code
    std::vector<PxInfo> px;
    std::vector<std::string> px_names;
    std::vector<PxRef> px_refs;

    // Optional input-code translation (国临版 → 医保版): input text → grouper code.
    std::vector<std::pair<std::string, std::string>> dx_translation, px_translation;

    Index find_mdc(std::string_view code) const;
    Index find_adrg(std::string_view code) const;
    Index find_drg(std::string_view code) const;

    bool dx_in_adrg(CodeId id, Index adrg) const {
        if (id == kUnknownCode) return false;
        const auto& d = dx[id];
        for (auto i = d.adrg_begin; i < d.adrg_end; ++i)
            if (dx_adrgs[i] == adrg) return true;
        return false;
    }

    template <class A>
    void serialize(A& ar, unsigned) {
        ar & manifest & options & mdcs & adrgs & drgs & trauma_regions & dx_codes & px_codes & dx & dx_names
            & dx_adrgs & px & px_names & px_refs & dx_translation & px_translation;
    }
};

}  // namespace dipdrg
