#include "dipdrg/drg_grouper.hpp"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "dipdrg/case_fields.hpp"

namespace dipdrg {
namespace {

// An empty diagnosis list groups like a list holding one empty code (reference behaviour).
const std::string kEmptyCode;

std::string int_text(std::int32_t v) {
    return v == kAbsent ? "None" : std::to_string(v);
}

std::string raw_of(const Case& c, const char* field) {
    for (const auto& f : c.invalid_fields)
        if (f.field == field) return f.raw;
    return {};
}

}  // namespace

// Per-case facts computed once before the MDC loop.
struct CaseView {
    const Case& c;
    CodeId pdx = kUnknownCode;
    std::size_t n_dx = 0;
    CodeId ppx = kUnknownCode;
    bool has_ppx = false;
    bool any_or = false;
};

const char* status_code(GroupStatus s) {
    switch (s) {
        case GroupStatus::Ok:
            return "OK";
        case GroupStatus::CheckFailed:
            return "CHECK_FAILED";
        case GroupStatus::Ungroupable:
            return "UNGROUPABLE";
        case GroupStatus::Ambiguous:
            return "AMBIGUOUS";
        case GroupStatus::TranslationFailed:
            return "TRANSLATION_FAILED";
    }
    return "?";
}

const char* status_text_zh(GroupStatus s) {
    switch (s) {
        case GroupStatus::Ok:
            return "分组成功";
        case GroupStatus::CheckFailed:
            return "信息校验不通过";
        case GroupStatus::Ungroupable:
            return "无法入组";
        case GroupStatus::Ambiguous:
            return "歧义病案";
        case GroupStatus::TranslationFailed:
            return "诊断/手术操作不能转换为分组器支持的编码";
    }
    return "?";
}

std::string GroupWarning::message() const {
    switch (kind) {
        case WarningKind::UnknownDiagnosis:
            return "unknown diagnosis code '" + code + "' at position " + std::to_string(position + 1);
        case WarningKind::UnknownProcedure:
            return "unknown procedure code '" + code + "' at position " + std::to_string(position + 1);
        case WarningKind::SexMismatch:
            return "principal diagnosis " + code + " belongs to " + detail + " of the other sex";
        case WarningKind::InvalidField:
            return "field " + code + " could not be parsed: '" + detail + "'";
        case WarningKind::OutOfRange:
            return "field " + code + ": " + detail;
    }
    return {};
}

DrgGrouper::DrgGrouper(std::shared_ptr<const DrgCatalog> catalog)
    : DrgGrouper(catalog, catalog ? catalog->options : DrgOptions{}) {}

DrgGrouper::DrgGrouper(std::shared_ptr<const DrgCatalog> catalog, DrgOptions options)
    : catalog_(std::move(catalog)), options_(options) {
    if (!catalog_) throw std::invalid_argument("DrgGrouper needs a catalog");
    if (options_.translate_codes) {
        dx_map_.reserve(catalog_->dx_translation.size());
        for (const auto& [from, to] : catalog_->dx_translation) dx_map_.emplace(from, to);
        px_map_.reserve(catalog_->px_translation.size());
        for (const auto& [from, to] : catalog_->px_translation) px_map_.emplace(from, to);
    }
}

void DrgGrouper::intern(Case& c) const {
    auto resolve = [&](CodeList& list, const CodeDictionary& dict, const TranslationMap& map) {
        list.ids.resize(list.text.size());
        list.untranslated = -1;
        for (std::size_t i = 0; i < list.text.size(); ++i) {
            std::string_view code = list.text[i];
            if (options_.translate_codes) {
                auto it = map.find(code);
                if (it == map.end()) {
                    if (list.untranslated < 0) list.untranslated = static_cast<std::int32_t>(i);
                    list.ids[i] = kUnknownCode;
                    continue;
                }
                code = it->second;
            }
            list.ids[i] = dict.find(code);
        }
    };
    resolve(c.diagnoses, catalog_->dx_codes, dx_map_);
    resolve(c.procedures, catalog_->px_codes, px_map_);
}

bool DrgGrouper::validate(const Case& c, GroupResult& r, Trace* trace) const {
    auto fail = [&](const char* rule, std::string value, std::string message) {
        r.status = GroupStatus::CheckFailed;
        r.check_message = message;
        if (trace)
            trace->push_back(
                TraceEvent{TraceKind::ValidationFailed, rule, std::move(value), std::move(message)});
        return false;
    };
    if (c.sex == kInvalid) {
        auto raw = raw_of(c, "sex");
        return fail("V1", raw, "病人性别取值必须为1或2：" + raw);
    }
    if (c.sex != 1 && c.sex != 2)
        return fail("V1", int_text(c.sex), "病人性别取值必须为1或2：" + int_text(c.sex));
    if (c.age_years == kInvalid) {
        auto raw = raw_of(c, "age");
        return fail("V0", raw, "病人年龄必须为整数：" + raw);
    }
    if (c.age_years == kAbsent) return fail("V2", "None", "病人年龄为空");
    if (c.age_years == 0) {
        if (c.age_days == kInvalid) {
            auto raw = raw_of(c, "age_days");
            return fail("V0", raw, "婴儿日龄必须为整数：" + raw);
        }
        if (c.age_days == kAbsent) return fail("V3", "None", "婴儿的日龄必须有值");
        if (c.age_days <= 28) {
            if (c.birth_weight_g == kInvalid) {
                auto raw = raw_of(c, "weight_g");
                return fail("V0", raw, "新生儿的出生体重必须为整数：" + raw);
            }
            if (c.birth_weight_g == kAbsent) return fail("V4", "None", "新生儿的出生体重必须有值");
        }
    }
    return true;
}

bool DrgGrouper::adrg_holds(const Adrg& adrg, Index a, const CaseView& v) const {
    const auto& cat = *catalog_;
    const Case& c = v.c;
    const auto cond = adrg.conditions;
    if ((cond & kPrincipalDx) && !cat.dx_in_adrg(v.pdx, a)) return false;
    if (cond & kAnyDx) {
        bool any = false;
        for (std::size_t i = 0; !any && i < c.diagnoses.ids.size(); ++i)
            any = cat.dx_in_adrg(c.diagnoses.ids[i], a);
        if (!any) return false;
    }
    if ((cond & kAgeDaysMax)
        && (c.age_days == kAbsent || c.age_days == kInvalid || c.age_days > adrg.max_age_days))
        return false;
    if (cond & kBirthWeight) {
        auto w = c.birth_weight_g;
        if (w == kAbsent || w == kInvalid || w == 0) return false;
        if (adrg.birth_weight_min_g != Adrg::kNoLimit && w < adrg.birth_weight_min_g) return false;
        if (adrg.birth_weight_max_g != Adrg::kNoLimit && w >= adrg.birth_weight_max_g) return false;
    }
    if ((cond & kPrincipalPxIsOr) && !(v.has_ppx && v.ppx != kUnknownCode && cat.px[v.ppx].is_or))
        return false;
    if ((cond & kNoOrPx) && v.any_or) return false;
    if (cond & kPrincipalPx) {
        if (!v.has_ppx || v.ppx == kUnknownCode) return false;
        const auto& p = cat.px[v.ppx];
        bool hit = false;
        for (auto i = p.ref_begin; i < p.ref_end && !hit; ++i)
            hit = cat.px_refs[i].adrg == a && cat.px_refs[i].list == 1;
        if (!hit) return false;
    }
    if (cond & (kAnyPxList1 | kAnyPxList2 | kPxCombination)) {
        bool list1 = false, list2 = false;
        unsigned combo = 0;
        for (CodeId id : c.procedures.ids) {
            if (id == kUnknownCode) continue;
            const auto& p = cat.px[id];
            for (auto i = p.ref_begin; i < p.ref_end; ++i) {
                const auto& ref = cat.px_refs[i];
                if (ref.adrg != a) continue;
                list1 |= ref.list == 1;
                list2 |= ref.list == 2;
                if (ref.combo_group) combo |= 1u << (ref.combo_group - 1);
            }
        }
        if ((cond & kAnyPxList1) && !list1) return false;
        if ((cond & kAnyPxList2) && !list2) return false;
        if ((cond & kPxCombination) && !adrg.combo_holds(combo)) return false;
    }
    if ((cond & kUnconditional) && options_.pv1_min_age_days > 0 && c.age_years == 0
        && c.age_days < options_.pv1_min_age_days)
        return false;
    return true;
}

// The codes and values that satisfied an ADRG's rule, for the trace (only when tracing).
std::vector<std::string> DrgGrouper::matched_codes(const Adrg& adrg, Index a, const CaseView& v) const {
    const auto& cat = *catalog_;
    const Case& c = v.c;
    const auto cond = adrg.conditions;
    std::vector<std::string> out;
    if (cond & kPrincipalDx) out.push_back(c.diagnoses.text.at(0));
    if (cond & kAnyDx)
        for (std::size_t i = 0; i < c.diagnoses.ids.size(); ++i)
            if (cat.dx_in_adrg(c.diagnoses.ids[i], a)) {
                out.push_back(c.diagnoses.text[i]);
                break;
            }
    if (cond & (kPrincipalPx | kPrincipalPxIsOr)) out.push_back(cat.px_codes.code(v.ppx));
    if (cond & (kAnyPxList1 | kAnyPxList2 | kPxCombination))
        for (std::size_t i = 0; i < c.procedures.ids.size(); ++i) {
            CodeId id = c.procedures.ids[i];
            if (id == kUnknownCode) continue;
            const auto& p = cat.px[id];
            for (auto r = p.ref_begin; r < p.ref_end; ++r)
                if (cat.px_refs[r].adrg == a) {
                    out.push_back(c.procedures.text[i]);
                    break;
                }
        }
    if (cond & kAgeDaysMax) out.push_back("age_days=" + std::to_string(c.age_days));
    if (cond & kBirthWeight) out.push_back("weight_g=" + std::to_string(c.birth_weight_g));
    return out;
}

bool DrgGrouper::has_cc(CcLevel level, const CaseView& v, GroupResult& r, Trace* trace) const {
    const auto& cat = *catalog_;
    const auto& dx = v.c.diagnoses;
    if (v.n_dx < 2) return false;
    std::int16_t table = v.pdx == kUnknownCode ? -1 : cat.dx[v.pdx].principal_table;
    if (trace && table >= 0)
        trace->push_back(TraceEvent{TraceKind::PrincipalExclusion, "cc_exclusion", dx.text[0], "", table});
    for (std::size_t i = 1; i < dx.ids.size(); ++i) {
        CodeId id = dx.ids[i];
        if (id == kUnknownCode) continue;
        const auto& info = cat.dx[id];
        if (info.cc_level != level) continue;
        bool counted = !(table >= 0 && info.cc_table == table);
        if (trace)
            trace->push_back(TraceEvent{TraceKind::SecondaryCc,
                                        "cc_mcc",
                                        dx.text[i],
                                        level == CcLevel::Mcc ? "MCC" : "CC",
                                        info.cc_table,
                                        {},
                                        counted});
        if (counted) {
            r.deciding_code = dx.text[i];
            r.deciding_level = level;
            return true;
        }
    }
    return false;
}

GroupResult DrgGrouper::group(const Case& c, Trace* trace) const {
    const auto& cat = *catalog_;
    GroupResult r;

    for (const CodeList* list : {&c.diagnoses, &c.procedures}) {
        if (list->untranslated < 0) continue;
        const std::string& code = list->text[static_cast<std::size_t>(list->untranslated)];
        r.status = GroupStatus::TranslationFailed;
        r.check_message
            = std::string(list == &c.diagnoses ? "诊断" : "手术操作") + code + "不能转换为分组器支持的编码";
        if (trace)
            trace->push_back(TraceEvent{TraceKind::TranslationFailed, "translation", code, "",
                                        list == &c.diagnoses ? 0 : 1});
        return r;
    }
    if (!validate(c, r, trace)) return r;
    if (c.diagnoses.ids.size() != c.diagnoses.text.size()
        || c.procedures.ids.size() != c.procedures.text.size())
        throw std::logic_error("DrgGrouper::group: case codes not interned (call intern())");

    for (std::size_t i = 0; i < c.diagnoses.size(); ++i)
        if (c.diagnoses.ids[i] == kUnknownCode)
            r.warnings.push_back(
                {WarningKind::UnknownDiagnosis, c.diagnoses.text[i], static_cast<std::int32_t>(i)});
    for (std::size_t i = 0; i < c.procedures.size(); ++i)
        if (c.procedures.ids[i] == kUnknownCode)
            r.warnings.push_back(
                {WarningKind::UnknownProcedure, c.procedures.text[i], static_cast<std::int32_t>(i)});
    for (const auto& f : c.invalid_fields)
        if (f.field != "sex" && f.field != "age" && f.field != "age_days" && f.field != "weight_g")
            r.warnings.push_back({WarningKind::InvalidField, f.field, 0, f.raw});
    for (auto& [field, what] : out_of_range_fields(c))
        r.warnings.push_back({WarningKind::OutOfRange, field, 0, what});

    CaseView v{c};
    v.n_dx = std::max<std::size_t>(1, c.diagnoses.size());
    v.pdx = c.diagnoses.empty() ? kUnknownCode : c.diagnoses.ids[0];
    for (CodeId id : c.procedures.ids)
        if (id != kUnknownCode && cat.px[id].is_or) {
            v.any_or = true;
            break;
        }
    if (!c.procedures.empty()) {
        v.has_ppx = true;
        v.ppx = c.procedures.ids[0];
        if (options_.principal_procedure == PrincipalProcedure::FirstOr)
            for (CodeId id : c.procedures.ids)
                if (id != kUnknownCode && cat.px[id].is_or) {
                    v.ppx = id;
                    break;
                }
    }

    if (trace) {
        auto name = [](const std::vector<std::string>& names, CodeId id) -> std::string {
            return id == kUnknownCode ? std::string() : names[id];
        };
        if (c.diagnoses.empty())
            trace->push_back(TraceEvent{TraceKind::CodeName, "icd10_dx", kEmptyCode, "", 0});
        for (std::size_t i = 0; i < c.diagnoses.size(); ++i)
            trace->push_back(TraceEvent{TraceKind::CodeName, "icd10_dx", c.diagnoses.text[i],
                                        name(cat.dx_names, c.diagnoses.ids[i]), 0});
        for (std::size_t i = 0; i < c.procedures.size(); ++i)
            trace->push_back(TraceEvent{TraceKind::CodeName, "icd9cm3_px", c.procedures.text[i],
                                        name(cat.px_names, c.procedures.ids[i]), 1});
        if (options_.translate_codes) {
            for (std::size_t i = 0; i < c.diagnoses.size(); ++i)
                if (c.diagnoses.ids[i] != kUnknownCode
                    && cat.dx_codes.code(c.diagnoses.ids[i]) != c.diagnoses.text[i])
                    trace->push_back(TraceEvent{TraceKind::CodeTranslated,
                                                "dx_map",
                                                c.diagnoses.text[i],
                                                cat.dx_codes.code(c.diagnoses.ids[i]),
                                                0,
                                                {},
                                                true,
                                                true});
            for (std::size_t i = 0; i < c.procedures.size(); ++i)
                if (c.procedures.ids[i] != kUnknownCode
                    && cat.px_codes.code(c.procedures.ids[i]) != c.procedures.text[i])
                    trace->push_back(TraceEvent{TraceKind::CodeTranslated,
                                                "px_map",
                                                c.procedures.text[i],
                                                cat.px_codes.code(c.procedures.ids[i]),
                                                1,
                                                {},
                                                true,
                                                true});
        }
    }

    const std::uint32_t pdx_mask = v.pdx == kUnknownCode ? 0u : cat.dx[v.pdx].mdc_mask;
    for (Index m = 0; m < static_cast<Index>(cat.mdcs.size()); ++m) {
        const Mdc& mdc = cat.mdcs[static_cast<std::size_t>(m)];
        const auto cond = mdc.conditions;
        const bool on_list = (pdx_mask >> m) & 1u;
        if (cond & (kMdcMale | kMdcFemale)) {
            bool mismatch = on_list && ((cond & kMdcMale) ? c.sex == 2 : c.sex == 1);
            if (mismatch) r.warnings.push_back({WarningKind::SexMismatch, c.diagnoses.text[0], 0, mdc.code});
        }
        if ((cond & kMdcPrincipalDxOnList) && !on_list) continue;
        if ((cond & kMdcPrincipalPxIsOr) && !(v.has_ppx && v.ppx != kUnknownCode && cat.px[v.ppx].is_or))
            continue;
        if ((cond & kMdcMale) && c.sex != 1) continue;
        if ((cond & kMdcFemale) && c.sex != 2) continue;
        if ((cond & kMdcAgeYearsZero) && c.age_years != 0) continue;
        if (cond & kMdcTraumaRegions) {
            std::vector<std::string> codes;
            std::vector<std::int16_t> regions;
            for (std::size_t i = 0; i < c.diagnoses.size(); ++i) {
                CodeId id = c.diagnoses.ids[i];
                if (id == kUnknownCode || !((cat.dx[id].mdc_mask >> m) & 1u)) continue;
                if (std::find(codes.begin(), codes.end(), c.diagnoses.text[i]) == codes.end())
                    codes.push_back(c.diagnoses.text[i]);
                auto region = cat.dx[id].trauma_region;
                if (region >= 0 && std::find(regions.begin(), regions.end(), region) == regions.end())
                    regions.push_back(region);
            }
            if (trace) {
                trace->push_back(TraceEvent{TraceKind::TraumaDiagnoses, "mdc_dx", mdc.code, "", -1, codes});
                std::vector<std::string> names;
                for (auto region : regions)
                    names.push_back(cat.trauma_regions[static_cast<std::size_t>(region)]);
                trace->push_back(TraceEvent{TraceKind::TraumaRegions, "mdc_dx", mdc.code, "",
                                            static_cast<std::int32_t>(regions.size()), names});
                if (regions.size() < 2)
                    trace->push_back(TraceEvent{TraceKind::TraumaTooFewRegions,
                                                "dx_in_>=2_trauma_regions",
                                                mdc.code,
                                                "",
                                                static_cast<std::int32_t>(regions.size()),
                                                {},
                                                false});
            }
            if (regions.size() < 2) continue;
        }

        std::size_t entered_at = trace ? trace->size() : 0;
        if (trace)
            trace->push_back(TraceEvent{
                TraceKind::MdcEntered,
                mdc.entry_rule,
                mdc.code,
                mdc.entry_label,
                -1,
                {(cond & kMdcPrincipalPxIsOr) ? cat.px_codes.code(v.ppx) : c.diagnoses.text.at(0)}});
        bool qy_checked = false;
        // QY means "an OR procedure that fits none of the surgical ADRGs of the principal
        // diagnosis's MDC", so it applies only to MDCs entered by principal diagnosis (not
        // the pre-MDC MDCA, which every OR-first case enters).
        const bool qy_applies = options_.ambiguous_group && (cond & kMdcPrincipalDxOnList);
        auto ambiguous = [&]() {
            qy_checked = true;
            if (!qy_applies || !v.any_or) return false;
            r.status = GroupStatus::Ambiguous;
            r.mdc = m;
            if (trace) trace->push_back(TraceEvent{TraceKind::AmbiguousGroup, "ambiguous_group", mdc.code});
            return true;
        };
        for (Index a : mdc.adrgs) {
            const Adrg& adrg = cat.adrgs[static_cast<std::size_t>(a)];
            if (!adrg.surgical && !qy_checked && ambiguous()) return r;
            if (!adrg_holds(adrg, a, v)) continue;
            if (trace)
                trace->push_back(TraceEvent{TraceKind::AdrgMatched, adrg.rule_kind, adrg.code,
                                            adrg.rule_label, -1, matched_codes(adrg, a, v)});
            for (Index d : adrg.drgs) {
                const Drg& drg = cat.drgs[static_cast<std::size_t>(d)];
                bool holds = drg.split == SplitRule::Otherwise || has_cc(CcLevel::Mcc, v, r, trace)
                             || (drg.split == SplitRule::MccOrCc && has_cc(CcLevel::Cc, v, r, trace));
                if (!holds) continue;
                if (drg.split == SplitRule::Otherwise) {
                    r.deciding_code.clear();
                    r.deciding_level = CcLevel::None;
                }
                r.status = GroupStatus::Ok;
                r.mdc = m;
                r.adrg = a;
                r.drg = d;
                if (trace)
                    trace->push_back(
                        TraceEvent{TraceKind::DrgAssigned, "split", drg.code, drg.name, -1, {}, true, true});
                return r;
            }
            throw std::logic_error("ADRG " + adrg.code + " has no DRG that always holds");
        }
        if (!qy_checked && ambiguous()) return r;
        if (trace) {
            trace->push_back(TraceEvent{
                TraceKind::MdcNoAdrg, "fall_through", mdc.code, "", -1, {}, false, mdc.quiet_fallthrough});
            (*trace)[entered_at].reference_silent = mdc.quiet_fallthrough;
        }
    }
    r.status = GroupStatus::Ungroupable;
    if (trace) trace->push_back(TraceEvent{TraceKind::Ungroupable, "", "", "", -1, {}, false});
    return r;
}

std::string DrgGrouper::mdc_code(const GroupResult& r) const {
    return r.mdc == kNone ? "0000" : catalog_->mdcs[static_cast<std::size_t>(r.mdc)].code;
}
std::string DrgGrouper::adrg_code(const GroupResult& r) const {
    if (r.status == GroupStatus::Ambiguous) return "QY";
    return r.adrg == kNone ? "00" : catalog_->adrgs[static_cast<std::size_t>(r.adrg)].code;
}
std::string DrgGrouper::drg_code(const GroupResult& r) const {
    if (r.status == GroupStatus::Ambiguous) {
        const std::string mdc = mdc_code(r);
        return (mdc.size() > 3 ? mdc.substr(3) : mdc) + "QY";
    }
    return r.drg == kNone ? "0000" : catalog_->drgs[static_cast<std::size_t>(r.drg)].code;
}
std::string DrgGrouper::drg_name(const GroupResult& r) const {
    return r.drg == kNone ? std::string() : catalog_->drgs[static_cast<std::size_t>(r.drg)].name;
}

}  // namespace dipdrg
