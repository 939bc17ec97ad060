#include "patient_split.hpp"

#include <algorithm>
#include <numeric>

namespace dipdrg::detail {
namespace {

template <class Row>
int specificity(const Row& row) {
    return (row.level != 0) * 4 + row.insurance.has_value() * 2 + row.status.has_value();
}

template <class Row>
bool matches(const Row& row, int level, Insurance insurance, PersonStatus status) {
    return (row.level == 0 || row.level == level) && (!row.insurance || *row.insurance == insurance)
           && (!row.status || *row.status == status);
}

template <class Row>
const Row* most_specific(const std::vector<Row>& rows, int level, Insurance insurance, PersonStatus status) {
    const Row* best = nullptr;
    for (const Row& row : rows)
        if (matches(row, level, insurance, status) && (!best || specificity(row) > specificity(*best)))
            best = &row;
    return best;
}

const char* insurance_name(Insurance i) {
    return i == Insurance::Employee ? "职工" : "居民";
}

// Splits `total` over `weights` pro rata, largest remainder to the fen, ties to the earlier.
std::vector<Fen> pro_rata(Fen total, const std::vector<Fen>& weights) {
    std::vector<Fen> parts(weights.size(), 0);
    const Fen sum = std::accumulate(weights.begin(), weights.end(), Fen{0});
    if (sum <= 0 || total <= 0) return parts;
    std::vector<std::pair<__int128, std::size_t>> remainders;
    Fen given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const __int128 exact = static_cast<__int128>(total) * weights[i];
        parts[i] = static_cast<Fen>(exact / sum);
        given += parts[i];
        remainders.push_back({exact % sum, i});
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < total && k < remainders.size(); ++k, ++given)
        ++parts[remainders[k].second];
    return parts;
}

std::vector<Fen> chronological(Fen total, const std::vector<Fen>& weights) {
    std::vector<Fen> parts(weights.size(), 0);
    for (std::size_t i = 0; i < weights.size() && total > 0; ++i) {
        parts[i] = std::min(total, weights[i]);
        total -= parts[i];
    }
    return parts;
}

struct Uplift {
    Bp points = 0;
    std::string why;
};

bool dx_matches(const KeySpecialtyRules& rules, const std::string& department, const std::string& dx) {
    if (!rules.require_dx_match) return true;
    auto it = rules.dx_prefixes.find(department);
    if (it == rules.dx_prefixes.end()) return false;
    for (const auto& prefix : it->second)
        if (dx.compare(0, prefix.size(), prefix) == 0) return true;
    return false;
}

// U1–U3, U6 for one segment: the uplift points before the cap.
Uplift key_specialty_uplift(const KeySpecialtyRules& rules, const SettlementCase& c,
                            const std::string& department, Tracer& trace, std::size_t segment) {
    const KeySpecialty* hit = nullptr;
    for (const auto& s : rules.specialties)
        if (s.hospital == c.hospital && s.department == department) {
            hit = &s;
            break;
        }
    if (!hit) return {};
    const bool tcm = hit->kind == KeySpecialty::Kind::Tcm;
    const std::string rule = tcm ? "U2" : "U1";
    const std::string where = "segment " + std::to_string(segment + 1) + " " + department;
    auto points = rules.tier_points.find(hit->tier);
    if (points == rules.tier_points.end()) return {};
    if (!dx_matches(rules, department, c.principal_dx)) {
        trace.add("U6", where + ": principal diagnosis " + c.principal_dx
                            + " does not match the specialty; no uplift");
        return {};
    }
    Bp u = points->second;
    const auto& halving = tcm ? rules.halving_modes_tcm : rules.halving_modes_western;
    if (halving.count(c.mode)) {
        trace.add("U3", where + ": settled as " + settlement_mode_name(c.mode) + ", uplift halved " + pct(u)
                            + " → " + pct(u / 2));
        u /= 2;
    } else if (!rules.full_modes.count(c.mode)) {
        trace.add(rule,
                  where + ": settled as " + settlement_mode_name(c.mode) + ", outside the uplift's modes");
        return {};
    }
    trace.add(rule, where + ": key specialty (" + hit->tier + ") +" + pct(u));
    return {u, hit->tier};
}

Bp clamp_ratio(Bp r) {
    return std::clamp<Bp>(r, 0, kFullBp);
}

}  // namespace

std::string yuan(Fen fen) {
    return format_yuan(fen);
}
std::string pct(Bp bp) {
    std::string s = format_ratio(bp * 100);  // bp*100/10000 = percent
    return s + "%";
}

const RatioRow* find_ratio_row(const std::vector<RatioRow>& rows, int level, Insurance insurance,
                               PersonStatus status) {
    return most_specific(rows, level, insurance, status);
}

void split_patient(const ReimbursementPolicy& policy, const SettlementCase& c,
                   const std::vector<CostSegment>& segments, Fen total_cost, const SplitAdjust& adjust,
                   ReimbursementResult& out, Tracer& trace) {
    // 1. Eligible cost, with an optional course cap (taken from the last segments first).
    std::vector<Fen> eligible, tcm;
    for (const auto& s : segments) {
        eligible.push_back(s.eligible);
        tcm.push_back(std::min(s.tcm_eligible, s.eligible));
    }
    Fen E = std::accumulate(eligible.begin(), eligible.end(), Fen{0});
    if (adjust.eligible_cap && E > *adjust.eligible_cap) {
        Fen excess = E - *adjust.eligible_cap;
        trace.add("DW-cap",
                  "eligible " + yuan(E) + " capped at " + yuan(*adjust.eligible_cap) + " per course");
        for (std::size_t i = eligible.size(); i-- > 0 && excess > 0;) {
            const Fen cut = std::min(excess, eligible[i]);
            eligible[i] -= cut;
            tcm[i] = std::min(tcm[i], eligible[i]);
            excess -= cut;
        }
        E = *adjust.eligible_cap;
    }
    out.eligible = E;
    out.total_cost = total_cost;

    // 2. Deductible.
    const bool therapy_t2
        = policy.tcm_therapy && c.tcm_hospital && policy.tcm_therapy->tcm_institution_deductible_cut > 0;
    const bool therapy_t3
        = policy.tcm_therapy && c.pure_tcm && policy.tcm_therapy->pure_tcm_deductible_cut > 0;
    int level_d = c.level;
    if (policy.tcm_hospital_level && policy.tcm_hospital_level->deductible_next_lower_level && c.tcm_hospital
        && c.level > 1) {
        level_d = c.level - 1;
        trace.add("W1", "TCM hospital: deductible of level " + std::to_string(level_d));
    }
    Fen D = 0;
    if (adjust.deductible != SplitAdjust::Deductible::None && !policy.deductibles.empty()) {
        const DeductibleRow* row = most_specific(policy.deductibles, level_d, c.insurance, c.status);
        if (!row || row->by_nth.empty()) {
            out.status = ReimbursementStatus::NoRatio;
            out.message
                = "no deductible for level " + std::to_string(level_d) + ", " + insurance_name(c.insurance);
            return;
        }
        const int nth
            = adjust.deductible == SplitAdjust::Deductible::FractionOfFirst ? 1 : std::max(1, c.nth_stay);
        D = row->by_nth[std::min<std::size_t>(nth - 1, row->by_nth.size() - 1)];
        if (adjust.deductible == SplitAdjust::Deductible::FractionOfFirst) {
            const Fen full = D;
            D = apply_ratio(full, adjust.deductible_fraction);
            trace.add("DW-deductible", pct(adjust.deductible_fraction) + " of the first-stay deductible "
                                           + yuan(full) + " = " + yuan(D));
        } else {
            trace.add("deductible",
                      "level " + std::to_string(level_d) + ", stay " + std::to_string(nth) + ": " + yuan(D));
        }
        Fen cut = 0;
        if (therapy_t2 && therapy_t3 && policy.tcm_therapy->stack_deductible_cuts) {
            cut = policy.tcm_therapy->tcm_institution_deductible_cut
                  + policy.tcm_therapy->pure_tcm_deductible_cut;
            trace.add("T2+T3",
                      "TCM institution and pure TCM therapy: deductible −" + yuan(cut) + " (stacked)");
        } else if (therapy_t2 || therapy_t3) {
            cut = std::max(therapy_t2 ? policy.tcm_therapy->tcm_institution_deductible_cut : 0,
                           therapy_t3 ? policy.tcm_therapy->pure_tcm_deductible_cut : 0);
            trace.add(therapy_t3 ? "T3" : "T2",
                      std::string(therapy_t3 ? "pure TCM therapy" : "TCM institution") + ": deductible −"
                          + yuan(cut));
        }
        D = std::max<Fen>(0, D - cut);
        if (c.paired_deductible && policy.referral) {
            if (policy.referral->deductible == ReferralRules::Deductible::WaiveSecond) {
                trace.add("R1", "referral pair: the second stay's deductible is waived");
                D = 0;
            } else {
                const Fen topup = std::max<Fen>(0, D - *c.paired_deductible);
                trace.add("R1", "referral pair: " + yuan(*c.paired_deductible) + " already paid, top-up "
                                    + yuan(topup));
                D = topup;
            }
        }
    } else if (adjust.deductible == SplitAdjust::Deductible::None) {
        trace.add("deductible", "none for this settlement mode");
    }
    D = std::min(D, E);
    out.deductible = D;

    // 3. Deductible per segment, and per segment its non-TCM / TCM parts.
    const std::vector<Fen> d_seg
        = policy.deductible_chronological ? chronological(D, eligible) : pro_rata(D, eligible);

    // 4. Ratios.
    int level_r = c.level;
    if (policy.tcm_hospital_level && policy.tcm_hospital_level->employee_ratio_next_lower_level
        && c.tcm_hospital && c.insurance == Insurance::Employee && c.level > 1) {
        level_r = c.level - 1;
        trace.add("W2", "TCM hospital, employee: ratio of level " + std::to_string(level_r));
    }
    std::vector<RatioBand> bands;
    if (adjust.base_ratio) {
        bands = {{0, *adjust.base_ratio}};
    } else {
        const RatioRow* row = find_ratio_row(policy.ratios, level_r, c.insurance, c.status);
        if (!row || row->bands.empty()) {
            out.status = ReimbursementStatus::NoRatio;
            out.message
                = "no ratio for level " + std::to_string(level_r) + ", " + insurance_name(c.insurance);
            return;
        }
        bands = row->bands;
    }
    Bp adjustment = 0;
    if (policy.tcm_hospital_level && policy.tcm_hospital_level->resident_tcm_hospital_bonus && c.tcm_hospital
        && c.insurance == Insurance::Resident) {
        adjustment += policy.tcm_hospital_level->resident_tcm_hospital_bonus;
        trace.add("W3", "resident at a TCM hospital: +"
                            + pct(policy.tcm_hospital_level->resident_tcm_hospital_bonus));
    }
    if (policy.referral) {
        if (c.referral == ReferralDirection::Downward && policy.referral->downward_bonus) {
            adjustment += policy.referral->downward_bonus;
            trace.add("R2", "referred down: +" + pct(policy.referral->downward_bonus));
        }
        if (c.cross_county && policy.referral->cross_county_adjustment) {
            adjustment += policy.referral->cross_county_adjustment;
            trace.add("R3", "crossing county lines: " + pct(policy.referral->cross_county_adjustment));
        }
        if (c.out_of_city_unauthorised && policy.referral->out_of_city_unauthorised_adjustment) {
            adjustment += policy.referral->out_of_city_unauthorised_adjustment;
            trace.add("R3", "out of city without an approved transfer: "
                                + pct(policy.referral->out_of_city_unauthorised_adjustment));
        }
    }
    const bool w4 = policy.tcm_hospital_level && policy.tcm_hospital_level->grassroots_tcm_floor
                    && c.grassroots && c.tcm_treatment;
    std::optional<Bp> pure;
    if (policy.tcm_therapy && policy.tcm_therapy->pure_tcm_enabled && c.pure_tcm) {
        if (c.insurance == Insurance::Resident)
            pure = policy.tcm_therapy->pure_tcm_resident;
        else if (c.status == PersonStatus::Working)
            pure = policy.tcm_therapy->pure_tcm_working;
        else if (auto it = policy.tcm_therapy->pure_tcm_retired_by_level.find(c.level);
                 it != policy.tcm_therapy->pure_tcm_retired_by_level.end())
            pure = it->second;
        if (pure) trace.add("T3", "pure TCM therapy: ratio " + pct(*pure));
    }
    const bool t1 = policy.tcm_therapy && policy.tcm_therapy->tcm_items_bonus && !pure;

    // Base ratio for a band after W3/W4/R2/R3; uplift u (U4 cap); then T3.
    auto band_ratio = [&](Bp r0, Bp u, const KeySpecialtyRules* ks, bool note) {
        r0 = clamp_ratio(r0 + adjustment);
        if (w4 && r0 < *policy.tcm_hospital_level->grassroots_tcm_floor) {
            if (note)
                trace.add("W4", "grass-roots TCM treatment: ratio raised to "
                                    + pct(*policy.tcm_hospital_level->grassroots_tcm_floor));
            r0 = *policy.tcm_hospital_level->grassroots_tcm_floor;
        }
        Bp r = r0;
        if (u > 0 && ks) {
            if (r0 > ks->cap) {
                if (note)
                    trace.add("U4", "base ratio " + pct(r0) + " already above " + pct(ks->cap) + ": kept");
            } else {
                const Bp raised = ks->relative ? static_cast<Bp>(round_fen(times(r0, kFullBp + u))) : r0 + u;
                r = std::min(raised, ks->cap);
                if (note && raised > ks->cap) trace.add("U4", pct(raised) + " capped at " + pct(ks->cap));
            }
        }
        if (pure) r = std::max(r, *pure);
        return r;
    };
    auto tcm_ratio = [&](Bp r) {
        const Bp cap = policy.tcm_therapy->tcm_items_cap.value_or(kFullBp);
        if (r > cap) return r;
        return std::min<Bp>(r + policy.tcm_therapy->tcm_items_bonus, cap);
    };

    // 5. Walk the cost axis: segments in order, non-TCM part before TCM part; bands by position.
    Fen position = (policy.bands_on_year ? c.eligible_ytd : 0) + D;
    const auto cap_it = policy.annual_cap.find(c.insurance);
    const bool capped = cap_it != policy.annual_cap.end();
    FenBp room = capped ? times(std::max<Fen>(0, cap_it->second - c.fund_paid_ytd), kFullBp) : 0;
    Fen overflow = 0;
    out.segment_ratios.clear();
    out.segment_fund.clear();
    Fen fund = 0;
    for (std::size_t s = 0; s < segments.size(); ++s) {
        Bp u = 0;
        const KeySpecialtyRules* ks = policy.key_specialty ? &*policy.key_specialty : nullptr;
        if (ks) u = key_specialty_uplift(*ks, c, segments[s].department, trace, s).points;
        const Fen d_tcm = t1 ? pro_rata(d_seg[s], {eligible[s] - tcm[s], tcm[s]})[1] : 0;
        const Fen net_other = eligible[s] - (t1 ? tcm[s] : 0) - (d_seg[s] - d_tcm);
        const Fen net_tcm = t1 ? tcm[s] - d_tcm : 0;
        FenBp units = 0;
        bool first_piece = true;
        auto walk = [&](Fen amount, bool is_tcm) {
            while (amount > 0) {
                std::size_t b = 0;
                while (b + 1 < bands.size() && bands[b + 1].from <= position) ++b;
                const Fen band_end = b + 1 < bands.size() ? bands[b + 1].from : amount + position;
                const Fen piece = std::min(amount, band_end - position);
                Bp r = band_ratio(bands[b].ratio, u, ks, first_piece || b > 0);
                if (is_tcm) {
                    const Bp rt = tcm_ratio(r);
                    trace.add("T1",
                              "TCM items " + yuan(piece) + " at " + pct(rt) + " (+" + pct(rt - r) + ")");
                    r = rt;
                }
                if (first_piece) out.segment_ratios.push_back(r);
                first_piece = false;
                FenBp piece_units = times(piece, r);
                if (capped) {
                    if (piece_units > room) {
                        const Fen covered = r > 0 ? static_cast<Fen>(room / r) : piece;
                        overflow += piece - covered;
                        piece_units = room;
                    }
                    room -= piece_units;
                }
                units += piece_units;
                position += piece;
                amount -= piece;
            }
        };
        walk(net_other, false);
        walk(net_tcm, true);
        if (first_piece) out.segment_ratios.push_back(band_ratio(bands[0].ratio, u, ks, false));
        const Fen seg_fund = round_fen(units);
        out.segment_fund.push_back(seg_fund);
        fund += seg_fund;
    }
    if (capped) {
        const Fen left = std::max<Fen>(0, cap_it->second - c.fund_paid_ytd);
        if (overflow > 0)
            trace.add("cap", "basic fund yearly cap " + yuan(cap_it->second) + " reached; " + yuan(overflow)
                                 + " above it");
        fund = std::min(fund, left);
    }
    out.fund = fund;

    // 6. Layers above the basic fund.
    out.layers.clear();
    Fen layered = 0;
    for (std::size_t i = 0; i < policy.layers.size(); ++i) {
        const FundLayer& layer = policy.layers[i];
        if (layer.insurance && *layer.insurance != c.insurance) continue;
        const Fen base_ytd = i < c.layer_base_ytd.size() ? c.layer_base_ytd[i] : 0;
        const Fen paid_ytd = i < c.layer_paid_ytd.size() ? c.layer_paid_ytd[i] : 0;
        const bool special
            = c.special_group
              && (layer.special_deductible || layer.special_ratio_bonus || layer.special_no_cap);
        Fen base = layer.kind == FundLayer::Kind::Overflow ? overflow : std::max<Fen>(0, E - fund - layered);
        if (layer.kind == FundLayer::Kind::Residual) {
            const Fen d = special && layer.special_deductible ? *layer.special_deductible : layer.deductible;
            base = std::max<Fen>(0, base_ytd + base - d) - std::max<Fen>(0, base_ytd - d);
        }
        const Bp ratio = clamp_ratio(layer.ratio + (special ? layer.special_ratio_bonus : 0));
        Fen paid = apply_ratio(base, ratio);
        if (layer.cap && !(special && layer.special_no_cap))
            paid = std::min(paid, std::max<Fen>(0, *layer.cap - paid_ytd));
        if (paid > 0)
            trace.add("layer", layer.name + ": " + yuan(base) + " × " + pct(ratio) + " = " + yuan(paid));
        out.layers.push_back({layer.name, paid});
        layered += paid;
    }
    out.patient = total_cost - fund - layered;
}

}  // namespace dipdrg::detail
