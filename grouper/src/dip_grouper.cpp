#include "dipdrg/dip_grouper.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "dipdrg/case_fields.hpp"

namespace dipdrg {

struct DipGrouper::Prepared {
    const Case& c;
    std::vector<std::string_view> dx;  // codes as grouped (translated when enabled)
    std::vector<std::string_view> px;
    std::string_view principal;  // the principal procedure used; empty = conservative
    std::size_t principal_pos = static_cast<std::size_t>(-1);
    bool resistant = false;                      // drug-resistant tuberculosis
    std::vector<const DxKeyEntry*> pdx_entries;  // [0] exact key of the principal dx, then prefixes
    std::vector<const PxKeyEntry*> px_info;      // per procedure (null when the catalog lacks it)
    const PxKeyEntry* principal_info = nullptr;
};

struct DipGrouper::Match {
    std::uint32_t rule = 0;
    bool ok = false;
    bool dx_matched = false;   // the row's diagnosis conditions held
    bool px_mismatch = false;  // failed only on the principal procedure (not traced)
    std::string why;           // why the row failed
    int matched = 0;           // procedure codes of the row found on the case
    int related = 0;           // of which related procedures
    bool exact = false;        // every procedure of the case is accounted for by the row
    bool contains_principal = false;
    PxAttribute attribute = PxAttribute::None;
    std::vector<std::string> codes;
};

namespace {

bool any_matches(const std::vector<DxSpec>& specs, std::string_view code) {
    if (specs.empty()) return true;
    for (const auto& s : specs)
        if (s.matches(code)) return true;
    return false;
}

// Higher = more specific, for comprehensive rows.
int specificity(const DxSpec& s) {
    switch (s.kind) {
        case DxSpec::Kind::Exact:
            return 1000;
        case DxSpec::Kind::Dagger:
            return 900;
        case DxSpec::Kind::Prefix:
            return 100 + static_cast<int>(s.key.size());
        case DxSpec::Kind::Range:
            return 50 - std::min(49, s.hi - s.lo);
        case DxSpec::Kind::Any:
            return 0;
    }
    return 0;
}

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

}  // namespace

const char* dip_status_code(DipStatus s) {
    constexpr const char* names[]
        = {"OK", "FALLBACK", "NOT_GROUPED", "EXCLUDED", "CHECK_FAILED", "TRANSLATION_FAILED"};
    return names[static_cast<std::size_t>(s)];
}

const char* dip_status_zh(DipStatus s) {
    constexpr const char* names[]
        = {"入组成功",   "入空白病组",     "未入核心病种",
           "不纳入分组", "信息校验不通过", "诊断/手术操作不能转换为分组器支持的编码"};
    return names[static_cast<std::size_t>(s)];
}

DipGrouper::DipGrouper(std::shared_ptr<const DipCatalog> catalog)
    : DipGrouper(catalog, catalog ? catalog->policy : DipPolicy{}) {}

DipGrouper::DipGrouper(std::shared_ptr<const DipCatalog> catalog, DipPolicy policy, bool translate_codes,
                       const CodeTranslation* translation)
    : catalog_(std::move(catalog)), policy_(std::move(policy)), translate_(translate_codes) {
    if (!catalog_) throw std::invalid_argument("DipGrouper needs a catalog");
    if (translate_) {
        const auto& dx = translation ? translation->dx : catalog_->dx_translation;
        const auto& px = translation ? translation->px : catalog_->px_translation;
        for (const auto& [from, to] : dx) dx_map_.emplace(from, to);
        for (const auto& [from, to] : px) px_map_.emplace(from, to);
    }
}

bool DipGrouper::code_matches(std::string_view spec, std::string_view code) const {
    if (spec == code) return true;
    return policy_.short_code_prefix && spec.size() < 7 && code.substr(0, spec.size()) == spec;
}

PxAttribute DipGrouper::attribute_of(const PxKeyEntry* e) const {
    PxAttribute a = (e && e->has_attribute) ? e->attribute : PxAttribute::None;
    if (a == PxAttribute::Interventional)
        a = policy_.interventional_as_surgery ? PxAttribute::Surgery : PxAttribute::Therapeutic;
    return a;
}

PxAttribute DipGrouper::attribute_of(std::string_view code) const {
    if (code.empty()) return PxAttribute::None;
    return attribute_of(catalog_->index.px.find(code));
}

bool DipGrouper::prepare(const Case& c, Prepared& p, DipResult& r, Trace* trace) const {
    const auto& cat = *catalog_;
    auto translate = [&](const std::vector<std::string>& codes, const auto& map,
                         std::vector<std::string_view>& out, int kind) {
        for (const auto& code : codes) {
            if (!translate_) {
                out.push_back(code);
                continue;
            }
            auto it = map.find(code);
            if (it == map.end()) {
                r.status = DipStatus::TranslationFailed;
                r.message
                    = std::string(kind == 0 ? "诊断" : "手术操作") + code + "不能转换为分组器支持的编码";
                if (trace)
                    trace->push_back(TraceEvent{TraceKind::TranslationFailed, "translation", code, "", kind});
                return false;
            }
            if (trace && it->second != code)
                trace->push_back(
                    TraceEvent{TraceKind::CodeTranslated, "translation", code, it->second, kind});
            out.push_back(it->second);
        }
        return true;
    };
    if (!translate(c.diagnoses.text, dx_map_, p.dx, 0) || !translate(c.procedures.text, px_map_, p.px, 1))
        return false;
    if (p.dx.empty() || p.dx[0].empty()) {
        r.status = DipStatus::CheckFailed;
        r.message = "主要诊断为空";
        if (trace) trace->push_back(TraceEvent{TraceKind::ValidationFailed, "D1", "", r.message});
        return false;
    }
    const std::string_view pdx = p.dx[0];
    cat.index.dx.entries(pdx, p.pdx_entries);
    if (p.pdx_entries[0] && p.pdx_entries[0]->excluded) {
        r.status = DipStatus::Excluded;
        r.message = "主要诊断" + std::string(pdx) + "不纳入分组";
        if (trace) trace->push_back(TraceEvent{TraceKind::DipExcludedDx, "excluded_dx", std::string(pdx)});
        return false;
    }
    p.px_info.reserve(p.px.size());
    for (auto code : p.px) {
        p.px_info.push_back(cat.index.px.find(code));
    }
    for (std::size_t pos = 0; pos < p.px.size(); ++pos) {
        std::string_view code = p.px[pos];
        const PxKeyEntry* info = p.px_info[pos];
        if (!info || info->excluded < 0) {
            p.principal = code;
            p.principal_pos = pos;
            p.principal_info = info;
            break;
        }
        const auto& ex = cat.excluded_px[static_cast<std::size_t>(info->excluded)];
        if (!ex.allowed_dx.empty() && any_matches(ex.allowed_dx, pdx)) {
            if (trace)
                trace->push_back(
                    TraceEvent{TraceKind::DipExcludedPx, "excluded_px", std::string(code), "allowed"});
            p.principal = code;
            p.principal_pos = pos;
            p.principal_info = info;
            break;
        }
        if (ex.adjunct && policy_.skip_adjunct_principal) {
            if (trace)
                trace->push_back(
                    TraceEvent{TraceKind::DipExcludedPx, "excluded_px", std::string(code), "skipped"});
            continue;
        }
        if (trace)
            trace->push_back(
                TraceEvent{TraceKind::DipExcludedPx, "excluded_px", std::string(code), "conservative"});
        break;
    }
    if (p.pdx_entries[0] && p.pdx_entries[0]->tb_resistant) p.resistant = true;
    for (std::size_t i = 1; i < p.dx.size() && !p.resistant; ++i)
        p.resistant = p.dx[i] == cat.tb_resistance_code;
    return true;
}

std::vector<std::uint32_t> DipGrouper::candidate_rules(const Prepared& p, bool all_rows) const {
    const auto& idx = catalog_->index;
    const std::string_view pdx = p.dx[0];
    std::vector<std::uint32_t> out;
    for (const auto* e : p.pdx_entries)
        if (e) out.insert(out.end(), e->rules.begin(), e->rules.end());
    if (!pdx.empty() && pdx[0] >= 'A' && pdx[0] <= 'Z') {
        const auto& ranged = idx.dx.ranges[DxIndex::Rules][static_cast<std::size_t>(pdx[0] - 'A')];
        out.insert(out.end(), ranged.begin(), ranged.end());
    }
    // Rows open to every diagnosis only when one of the case's procedures can satisfy them;
    // any-position rows when some diagnosis matches.
    bool open_reachable = policy_.short_code_prefix || all_rows;
    for (const auto* info : p.px_info) open_reachable = open_reachable || (info && info->opens_any_rule);
    if (open_reachable)
        out.insert(out.end(), idx.dx.any[DxIndex::Rules].begin(), idx.dx.any[DxIndex::Rules].end());
    for (auto r : idx.any_position_rules) {
        const auto& specs = catalog_->rules[r].principal_dx;
        if (std::any_of(p.dx.begin(), p.dx.end(), [&](std::string_view d) { return any_matches(specs, d); }))
            out.push_back(r);
    }
    // Rows at principal position that do not list the principal procedure cannot hold
    // (exact codes only; prefix and anywhere policies evaluate every row).
    if (!all_rows && !policy_.procedures_anywhere && !policy_.short_code_prefix) {
        static const std::vector<std::uint32_t> kNoRules;
        const auto& listed = p.principal_info ? p.principal_info->rules : kNoRules;
        const auto& rules = catalog_->rules;
        out.erase(std::remove_if(out.begin(), out.end(),
                                 [&](std::uint32_t r) {
                                     const auto& rule = rules[r];
                                     return !rule.conservative() && !rule.px_any_position
                                            && !std::binary_search(listed.begin(), listed.end(), r);
                                 }),
                  out.end());
    }
    if (out.size() > 1) {
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
    }
    return out;
}

DipGrouper::Match DipGrouper::evaluate(std::uint32_t ri, const Prepared& p, bool detail) const {
    const auto& rule = catalog_->rules[ri];
    const Case& c = p.c;
    Match m;
    m.rule = ri;
    // Failure reasons and matched codes are built only for traces (detail), never in batch runs.
    auto fail = [&](auto&& why) {
        if (detail) m.why = why();
        return m;
    };
    if (rule.dx_any_position) {
        bool any = false;
        for (auto d : p.dx) any = any || any_matches(rule.principal_dx, d);
        if (!any)
            return fail([&] { return std::string("no diagnosis in " + dx_specs_text(rule.principal_dx)); });
    } else if (!any_matches(rule.principal_dx, p.dx[0])) {
        return fail(
            [&] { return std::string("principal diagnosis not in " + dx_specs_text(rule.principal_dx)); });
    }
    m.dx_matched = true;
    if (!rule.secondary_dx.empty()) {
        bool any = false;
        for (std::size_t i = 1; i < p.dx.size() && !any; ++i) any = any_matches(rule.secondary_dx, p.dx[i]);
        if (!any)
            return fail(
                [&] { return std::string("no other diagnosis in " + dx_specs_text(rule.secondary_dx)); });
    }
    if (rule.max_age_days >= 0
        && (c.age_days == kAbsent || c.age_days == kInvalid || c.age_days > rule.max_age_days))
        return fail(
            [&] { return std::string("age in days must be <= " + std::to_string(rule.max_age_days)); });
    if (rule.min_weight_g >= 0 || rule.max_weight_g >= 0) {
        auto w = c.birth_weight_g;
        if (w == kAbsent || w == kInvalid || (rule.min_weight_g >= 0 && w < rule.min_weight_g)
            || (rule.max_weight_g >= 0 && w > rule.max_weight_g))
            return fail([&] {
                return std::string("birth weight outside " + std::to_string(rule.min_weight_g) + "-"
                                   + std::to_string(rule.max_weight_g) + " g");
            });
    }
    if (rule.drug_resistant >= 0 && p.resistant != (rule.drug_resistant == 1))
        return fail([&] {
            return std::string(rule.drug_resistant == 1 ? "needs drug-resistant tuberculosis"
                                                        : "needs non-resistant tuberculosis");
        });
    if (!rule.treatment_type.empty() && c.treatment_type.rfind(rule.treatment_type, 0) != 0)
        return fail([&] { return std::string("needs treatment type " + rule.treatment_type); });

    auto present = [&](std::string_view spec, std::size_t skip) {
        for (std::size_t i = 0; i < p.px.size(); ++i)
            if (i != skip && code_matches(spec, p.px[i])) return true;
        return false;
    };
    std::vector<const std::string*> used;  // the row's codes found on the case
    if (rule.conservative()) {
        if (!policy_.conservative_fallback && !p.principal.empty())
            return fail([&] {
                return std::string("conservative row; the case has principal procedure "
                                   + std::string(p.principal));
            });
    } else {
        const bool anywhere = rule.px_any_position || policy_.procedures_anywhere;
        const ProcSet* best = nullptr;
        bool best_has_principal = false;
        for (const auto& set : rule.principal_px) {
            bool has_principal = false, all = true;
            for (const auto& code : set.codes) {
                bool is_principal = !p.principal.empty() && code_matches(code, p.principal);
                has_principal = has_principal || is_principal;
                if (!is_principal && !present(code, p.principal_pos)) all = false;
            }
            if (!all || (!anywhere && !has_principal)) continue;
            if (!best || set.codes.size() > best->codes.size()) {
                best = &set;
                best_has_principal = has_principal;
            }
        }
        m.px_mismatch = !best;
        if (!best)
            return fail([&] {
                return std::string(p.principal.empty()
                                       ? "no principal procedure (conservative case)"
                                       : "principal procedure " + std::string(p.principal) + " not in "
                                             + proc_sets_text(rule.principal_px));
            });
        for (const auto& code : best->codes) used.push_back(&code);
        m.contains_principal = best_has_principal;
        m.attribute = best_has_principal ? attribute_of(p.principal_info) : attribute_of(best->codes.front());
    }
    if (!rule.related_px.empty()) {
        const ProcSet* best = nullptr;
        for (const auto& set : rule.related_px) {
            bool all = std::all_of(set.codes.begin(), set.codes.end(),
                                   [&](const std::string& code) { return present(code, p.principal_pos); });
            if (all && (!best || set.codes.size() > best->codes.size())) best = &set;
        }
        if (!best)
            return fail([&] {
                return std::string("related procedures " + proc_sets_text(rule.related_px) + " absent");
            });
        m.related = static_cast<int>(best->codes.size());
        for (const auto& code : best->codes) used.push_back(&code);
    }
    m.matched = static_cast<int>(used.size());
    m.exact = std::all_of(p.px.begin(), p.px.end(), [&](std::string_view code) {
        return std::any_of(used.begin(), used.end(),
                           [&](const std::string* u) { return code_matches(*u, code); });
    });
    if (detail)
        for (const auto* u : used) m.codes.push_back(*u);
    m.ok = true;
    return m;
}

struct DipGrouper::Decision {
    std::string criterion = kCatalogOrder;  // a tie_break_code, or catalog_order (ambiguous)
    double winner = 0, loser = 0;           // the values compared (counts, flags, distances, ranks)
};

int DipGrouper::dx_specificity(const Match& m, const Prepared& p) const {
    const auto& rule = catalog_->rules[m.rule];
    if (rule.principal_dx.empty()) return 0;
    int best = 0;
    for (const auto& spec : rule.principal_dx)
        for (std::size_t i = 0; i < (rule.dx_any_position ? p.dx.size() : 1); ++i)
            if (spec.matches(p.dx[i])) best = std::max(best, specificity(spec));
    return best;
}

bool DipGrouper::better(const Match& a, const Match& b, const Prepared& p, Decision* why) const {
    const auto& cat = *catalog_;
    const auto& ga = cat.groups[static_cast<std::size_t>(cat.rules[a.rule].group)];
    const auto& gb = cat.groups[static_cast<std::size_t>(cat.rules[b.rule].group)];
    auto avg_cost = [&](const DipGroup& g) {
        int level = p.c.hospital_level;
        double v = (level >= 1 && level <= 3) ? g.avg_cost[static_cast<std::size_t>(level)] : kUnknownValue;
        return std::isnan(v) ? g.avg_cost[0] : v;
    };
    auto type_rank = [&](const DipGroup& g, PxAttribute attr) {
        std::string cls = (g.grassroots || g.kind == DipKind::Grassroots) ? "grassroots"
                          : g.kind == DipKind::Comprehensive              ? "comprehensive"
                          : g.kind == DipKind::Ungrouped                  ? "ungrouped"
                                                                          : "core";
        std::string token = cls + ":" + px_attribute_code(attr);
        auto it = std::find(policy_.type_priority.begin(), policy_.type_priority.end(), token);
        return static_cast<double>(it - policy_.type_priority.begin());
    };
    auto cost_distance = [&](const DipGroup& g) {
        double d = std::abs(static_cast<double>(p.c.total_cost_fen) / 100.0 - avg_cost(g));
        return std::isnan(d) ? INFINITY : d;
    };
    auto score = [](const DipGroup& g) { return std::isnan(g.score) ? -INFINITY : g.score; };
    for (TieBreak t : policy_.tie_breaks) {
        double va = 0, vb = 0;
        bool lower_first = false;  // distances and ranks: the smaller value ranks first
        switch (t) {
            case TieBreak::NonConservative:
                va = !cat.rules[a.rule].conservative(), vb = !cat.rules[b.rule].conservative();
                break;
            case TieBreak::Exact:
                va = a.exact, vb = b.exact;
                break;
            case TieBreak::RelatedCount:
                va = a.related, vb = b.related;
                break;
            case TieBreak::ContainsPrincipal:
                va = a.contains_principal, vb = b.contains_principal;
                break;
            case TieBreak::MatchedCount:
                va = a.matched, vb = b.matched;
                break;
            case TieBreak::ClosestCost:
                va = cost_distance(ga), vb = cost_distance(gb), lower_first = true;
                break;
            case TieBreak::HigherScore:
                va = score(ga), vb = score(gb);
                break;
            case TieBreak::TypePriority:
                va = type_rank(ga, a.attribute), vb = type_rank(gb, b.attribute), lower_first = true;
                break;
            case TieBreak::DxSpecificity:
                va = dx_specificity(a, p), vb = dx_specificity(b, p);
                break;
        }
        if (va == vb) continue;
        const bool a_first = lower_first ? va < vb : va > vb;
        if (why) *why = Decision{tie_break_code(t), a_first ? va : vb, a_first ? vb : va};
        return a_first;
    }
    if (why) *why = Decision{};
    return a.rule < b.rule;
}

DipResult DipGrouper::group(const Case& c, Trace* trace) const {
    const auto& cat = *catalog_;
    DipResult r;
    for (const auto& f : c.invalid_fields)
        r.warnings.push_back("field " + f.field + " could not be parsed: '" + f.raw + "'");
    for (const auto& [field, what] : out_of_range_fields(c))
        r.warnings.push_back("field " + field + ": " + what);
    Prepared p{c};
    if (!prepare(c, p, r, trace)) return r;

    std::array<std::vector<Match>, static_cast<std::size_t>(DipLayer::Count)> satisfied;
    for (auto ri : candidate_rules(p, false)) {
        Match m = evaluate(ri, p, trace != nullptr);
        const auto& rule = cat.rules[ri];
        // Trace the rows the diagnosis reached; "any diagnosis" rows only when they hold.
        const bool specific_dx
            = !rule.principal_dx.empty() && rule.principal_dx.front().kind != DxSpec::Kind::Any;
        if (trace && (m.ok || (m.dx_matched && specific_dx && !m.px_mismatch)))
            trace->push_back(TraceEvent{TraceKind::DipCandidate,
                                        std::string(dip_layer_code(rule.layer)) + "@" + rule.source,
                                        cat.groups[static_cast<std::size_t>(rule.group)].code, m.why,
                                        static_cast<std::int32_t>(ri), m.codes, m.ok});
        if (m.ok) satisfied[static_cast<std::size_t>(rule.layer)].push_back(std::move(m));
    }
    for (std::size_t layer = 0; layer < satisfied.size() && r.group == kNone; ++layer) {
        auto& rows = satisfied[layer];
        if (rows.empty()) continue;
        std::size_t best = 0;
        for (std::size_t i = 1; i < rows.size(); ++i)
            if (better(rows[i], rows[best], p, nullptr)) best = i;
        const Match& win = rows[best];
        if (trace) {
            trace->push_back(TraceEvent{TraceKind::DipLayerDecided, "layer",
                                        dip_layer_code(static_cast<DipLayer>(layer)), "",
                                        static_cast<std::int32_t>(rows.size())});
            if (rows.size() > 1) {
                std::vector<std::string> losers;
                std::string criteria;
                for (std::size_t i = 0; i < rows.size(); ++i) {
                    if (i == best) continue;
                    Decision why;
                    better(win, rows[i], p, &why);
                    const auto& g = cat.groups[static_cast<std::size_t>(cat.rules[rows[i].rule].group)];
                    // "CODE (criterion winner>loser)"; equal rows: "CODE (catalog_order)".
                    std::string entry = g.code + " (" + why.criterion;
                    if (why.criterion != kCatalogOrder)
                        entry += " " + number_text(why.winner) + ">" + number_text(why.loser);
                    losers.push_back(entry + ")");
                    if (criteria.find(why.criterion) == std::string::npos)
                        criteria += (criteria.empty() ? "" : ",") + why.criterion;
                }
                trace->push_back(
                    TraceEvent{TraceKind::DipTieBreak, policy_.name,
                               cat.groups[static_cast<std::size_t>(cat.rules[win.rule].group)].code, criteria,
                               -1, losers});
            }
        }
        r.status = DipStatus::Ok;
        r.rule = static_cast<Index>(win.rule);
        r.group = cat.rules[win.rule].group;
        r.attribute = win.attribute;
    }
    if (r.group == kNone) {
        PxAttribute attr = attribute_of(p.principal_info);
        if (policy_.comprehensive_max_attribute)
            for (const auto* info : p.px_info) attr = std::max(attr, attribute_of(info));
        const ComprehensiveRule* best = nullptr;
        std::vector<std::uint32_t> rows;
        if (!cat.comprehensive.empty()) {
            cat.index.dx.candidates(p.dx[0], DxIndex::Comprehensive, rows);
            const auto& any = cat.index.dx.any[DxIndex::Comprehensive];
            rows.insert(rows.end(), any.begin(), any.end());
        }
        for (auto ci : rows) {
            const auto& row = cat.comprehensive[ci];
            PxAttribute row_attr
                = row.attribute == PxAttribute::Interventional
                      ? (policy_.interventional_as_surgery ? PxAttribute::Surgery : PxAttribute::Therapeutic)
                      : row.attribute;
            if (row_attr != attr || !row.dx.matches(p.dx[0])) continue;
            if (!best || specificity(row.dx) > specificity(best->dx)) best = &row;
        }
        if (best) {
            r.status = DipStatus::Ok;
            r.group = best->group;
            r.attribute = attr;
            if (trace)
                trace->push_back(TraceEvent{TraceKind::DipComprehensive, best->dx.text,
                                            cat.groups[static_cast<std::size_t>(best->group)].code,
                                            px_attribute_code(attr)});
        }
    }
    if (r.group == kNone) {
        if (cat.ungrouped_group != kNone) {
            r.status = DipStatus::Fallback;
            r.group = cat.ungrouped_group;
            if (trace)
                trace->push_back(TraceEvent{TraceKind::DipFallback, "ungrouped",
                                            cat.groups[static_cast<std::size_t>(r.group)].code});
        } else {
            r.status = DipStatus::NotGrouped;
            r.message = "未匹配任何核心病种或综合病种";
            if (trace) trace->push_back(TraceEvent{TraceKind::DipNotGrouped, "", "", "", -1, {}, false});
        }
    }
    r.principal_px = std::string(p.principal);

    const DipGroup* g = r.group == kNone ? nullptr : &cat.groups[static_cast<std::size_t>(r.group)];
    r.grassroots = g && g->grassroots;
    std::vector<std::uint32_t> rows;
    if (g && !r.grassroots && g->kind != DipKind::Ungrouped && !cat.grassroots.empty()) {
        for (const auto* e : p.pdx_entries)
            if (e) rows.insert(rows.end(), e->grassroots.begin(), e->grassroots.end());
        if (p.dx[0][0] >= 'A' && p.dx[0][0] <= 'Z') {
            const auto& ranged
                = cat.index.dx.ranges[DxIndex::Grassroots][static_cast<std::size_t>(p.dx[0][0] - 'A')];
            rows.insert(rows.end(), ranged.begin(), ranged.end());
        }
    }
    for (auto gi : rows) {
        const auto& row = cat.grassroots[gi];
        if (r.grassroots) break;
        if (!row.dx.matches(p.dx[0])) continue;
        bool px_ok
            = row.principal_px.empty()
                  ? p.principal.empty()
                  : std::any_of(row.principal_px.begin(), row.principal_px.end(), [&](const ProcSet& set) {
                        return !p.principal.empty() && code_matches(set.codes.front(), p.principal);
                    });
        if (px_ok) {
            r.grassroots = true;
            if (trace) trace->push_back(TraceEvent{TraceKind::DipGrassroots, "grassroots", row.source});
        }
    }

    const bool core
        = g && g->kind != DipKind::Tcm && g->kind != DipKind::Comprehensive && g->kind != DipKind::Ungrouped;
    if (core && !cat.aux.empty()) {
        double cci = 0;
        for (const auto& a : cat.aux)
            if (a.kind == AuxRule::Kind::CciWeight)
                for (std::size_t i = 1; i < p.dx.size(); ++i)
                    if (any_matches(a.dx, p.dx[i])) {
                        cci += a.lo;
                        break;
                    }
        const AuxRule* best = nullptr;
        for (const auto& a : cat.aux) {
            if (!a.group.empty() && a.group != g->code) continue;
            bool hit = false;
            switch (a.kind) {
                case AuxRule::Kind::AgeDays:
                    hit = c.age_days != kAbsent && c.age_days != kInvalid && c.age_days >= a.lo
                          && c.age_days <= a.hi;
                    break;
                case AuxRule::Kind::AgeYears:
                    hit = c.age_years != kAbsent && c.age_years != kInvalid && c.age_years >= a.lo
                          && c.age_years <= a.hi;
                    break;
                case AuxRule::Kind::DischargeMode:
                    hit = c.discharge_mode == a.code;
                    break;
                case AuxRule::Kind::SecondaryDx:
                    for (std::size_t i = 1; i < p.dx.size() && !hit; ++i) hit = any_matches(a.dx, p.dx[i]);
                    break;
                case AuxRule::Kind::CciBand:
                    hit = cci >= a.lo && cci <= a.hi;
                    break;
                case AuxRule::Kind::CciWeight:
                    break;
            }
            if (!hit) continue;
            double fa = std::isnan(a.factor) ? -INFINITY : a.factor;
            double fb = best ? (std::isnan(best->factor) ? -INFINITY : best->factor) : -INFINITY;
            if (!best || fa > fb) best = &a;  // the highest factor wins (DIP 3.0 §5.2)
        }
        if (best) {
            r.subtype = best->subtype;
            r.factor = best->factor;
            if (trace)
                trace->push_back(TraceEvent{TraceKind::DipSubtype, best->catalog, best->subtype,
                                            std::isnan(best->factor) ? "" : number_text(best->factor)});
        }
    }
    if (trace && g)
        trace->push_back(TraceEvent{TraceKind::DipAssigned, dip_kind_code(g->kind), g->code, g->name});
    return r;
}

std::vector<DipCandidate> DipGrouper::recommend(const Case& c) const {
    const auto& cat = *catalog_;
    std::vector<DipCandidate> out;
    DipResult r;
    Prepared p{c};
    if (c.diagnoses.empty()) return out;
    if (!prepare(c, p, r, nullptr) && r.status != DipStatus::Excluded) return out;
    if (r.status == DipStatus::Excluded) return out;
    for (auto ri : candidate_rules(p, true)) {
        const auto& rule = cat.rules[ri];
        // Rows open to every diagnosis (transplants, ECMO) only when the case satisfies them.
        const bool any_dx = rule.principal_dx.empty() || rule.principal_dx.front().kind == DxSpec::Kind::Any;
        if (!rule.dx_any_position && !any_matches(rule.principal_dx, p.dx[0])) continue;
        Match m = evaluate(ri, p, false);
        if ((any_dx || rule.dx_any_position) && !m.ok) continue;
        std::string req = rule.conservative() ? "保守治疗" : proc_sets_text(rule.principal_px);
        if (!rule.related_px.empty()) req += " + " + proc_sets_text(rule.related_px);
        if (!rule.secondary_dx.empty()) req += " ; 其他诊断 " + dx_specs_text(rule.secondary_dx);
        out.push_back({rule.group, static_cast<Index>(ri), rule.layer, m.ok, req});
    }
    for (const auto& row : cat.comprehensive)
        if (row.dx.matches(p.dx[0]))
            out.push_back({row.group, kNone, DipLayer::Local, attribute_of(p.principal_info) == row.attribute,
                           std::string("综合: ") + px_attribute_code(row.attribute)});
    return out;
}

std::string DipGrouper::group_code(const DipResult& r) const {
    return r.group == kNone ? "" : catalog_->groups[static_cast<std::size_t>(r.group)].code;
}
std::string DipGrouper::group_name(const DipResult& r) const {
    return r.group == kNone ? "" : catalog_->groups[static_cast<std::size_t>(r.group)].name;
}

}  // namespace dipdrg
