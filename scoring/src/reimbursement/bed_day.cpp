// §4 bed-day payment: per-diem standards by level and stage, day counters that continue
// across linked readmissions and restart with the year, and the three capping models.
#include <algorithm>
#include <map>

#include "dipdrg/reimbursement/reimburse.hpp"
#include "mode_handlers.hpp"

namespace dipdrg::detail {
namespace {

const BedDayRate* find_rate(const BedDayScheme& s, int level, const std::string& stage, Insurance ins) {
    const BedDayRate* best = nullptr;
    auto rank = [](const BedDayRate& r) { return (r.level != 0) * 2 + r.insurance.has_value(); };
    for (const auto& r : s.rates)
        if (r.stage == stage && (r.level == 0 || r.level == level) && (!r.insurance || *r.insurance == ins)
            && (!best || rank(r) > rank(*best)))
            best = &r;
    return best;
}

const BedDayStage& stage_of(const BedDayScheme& s, int day) {
    for (const auto& st : s.stages)
        if (st.last_day == 0 || day <= st.last_day) return st;
    return s.stages.back();
}

}  // namespace

void settle_bed_day(const ReimbursementPolicy& policy, const SettlementCase& c, ReimbursementResult& out,
                    Tracer& trace) {
    const BedDayScheme* scheme = nullptr;
    if (policy.bed_day)
        for (const auto& s : policy.bed_day->schemes)
            if (s.scope == c.bed_day_scope) scheme = &s;
    if (!scheme || scheme->stages.empty()) {
        out.status = ReimbursementStatus::BedDayNoRate;
        out.message = "policy " + policy.name + " has no bed-day scheme for scope '" + c.bed_day_scope + "'";
        return;
    }
    if (c.los < 1) {
        out.status = ReimbursementStatus::BadInput;
        out.message = "bed-day settlement needs a length of stay of at least 1 day";
        return;
    }
    const bool reset = !policy.bed_day || policy.bed_day->reset_by_year;
    const int in_this_year = c.los - c.days_in_next_year;

    // Day by day: counter, stage, rate; then per stage a summary line.
    Fen standard = 0;
    FenBp staged_fund = 0;
    bool any_share = false;
    struct Run {
        std::string stage;
        int first, last;
        Fen rate;
    };
    std::vector<Run> runs;
    for (int k = 1; k <= c.los; ++k) {
        const int counter
            = k <= in_this_year ? c.days_before + k : (reset ? k - in_this_year : c.days_before + k);
        const BedDayStage& st = stage_of(*scheme, counter);
        const BedDayRate* rate = find_rate(*scheme, c.level, st.name, c.insurance);
        if (!rate) {
            out.status = ReimbursementStatus::BedDayNoRate;
            out.message = "no per-diem rate for scope '" + scheme->scope + "', level "
                          + std::to_string(c.level) + ", stage '" + st.name + "'";
            return;
        }
        standard += rate->rate;
        if (st.fund_share) {
            any_share = true;
            staged_fund += times(rate->rate, *st.fund_share);
        }
        if (!runs.empty() && runs.back().stage == st.name && runs.back().rate == rate->rate
            && runs.back().last + 1 == counter)
            runs.back().last = counter;
        else
            runs.push_back({st.name, counter, counter, rate->rate});
    }
    for (const auto& r : runs)
        trace.add("BD-stage", r.stage + " days " + std::to_string(r.first) + "–" + std::to_string(r.last)
                                  + ": " + std::to_string(r.last - r.first + 1) + " × " + yuan(r.rate));
    trace.add("BD-standard", "per-diem standard " + yuan(standard));

    const Fen total = total_cost_of(c);
    Fen eligible = 0;
    for (const auto& s : c.segments) eligible += s.eligible;
    out.total_cost = total;
    out.eligible = eligible;
    std::optional<Bp> ratio;
    if (const RatioRow* row = find_ratio_row(scheme->fund_ratio, c.level, c.insurance, c.status);
        row && !row->bands.empty())
        ratio = row->bands.front().ratio;

    switch (scheme->model) {
        case BedDayScheme::Model::PayStandard: {
            if (any_share) {
                out.fund = round_fen(staged_fund);
                trace.add("BD-share", "fund pays its staged shares of the standard: " + yuan(out.fund));
            } else {
                const Bp r = ratio.value_or(kFullBp);
                out.fund = apply_ratio(standard, r);
                trace.add("BD-pay-standard",
                          "fund pays " + pct(r) + " of the standard whatever the actual cost");
            }
            out.patient = standard - out.fund;
            out.hospital_payment = standard;
            break;
        }
        case BedDayScheme::Model::MinActual: {
            SplitAdjust adjust;
            if (!scheme->deductible) adjust.deductible = SplitAdjust::Deductible::None;
            adjust.base_ratio = ratio;
            adjust.eligible_cap = standard;
            trace.add("BD-min-actual", "fund pays on the actual cost up to the standard");
            split_patient(policy, c, c.segments, total, adjust, out, trace);
            if (out.status != ReimbursementStatus::Ok) return;
            const Fen excess = std::max<Fen>(0, eligible - standard);
            out.eligible = eligible;
            out.hospital_payment = total;
            if (!scheme->excess_borne_by_patient && excess > 0) {
                out.patient -= excess;
                out.hospital_payment -= excess;
                trace.add("BD-excess", yuan(excess) + " above the standard borne by the hospital");
            }
            break;
        }
        case BedDayScheme::Model::Collar: {
            auto get = [&](const std::map<Insurance, Bp>& m) {
                auto it = m.find(c.insurance);
                return it == m.end() ? kFullBp : it->second;
            };
            const __int128 a = c.class_a_share.value_or(kFullBp), b = c.class_b_share.value_or(0);
            const __int128 eff = get(scheme->class_a_ratio) * a + get(scheme->class_b_ratio) * b;  // bp²
            const __int128 sq = static_cast<__int128>(kFullBp) * kFullBp;
            auto round_sq = [&](__int128 v) { return static_cast<Fen>((v + sq / 2) / sq); };
            const Fen by_standard = round_sq(static_cast<__int128>(standard) * eff);
            const Fen collar = apply_ratio(eligible, scheme->collar);
            out.fund = std::min(by_standard, collar);
            trace.add("BD-collar", "Σ (r甲·s甲 + r乙·s乙)·rate = " + yuan(by_standard) + ", collar "
                                       + pct(scheme->collar) + " of actual " + yuan(collar) + " → "
                                       + yuan(out.fund));
            out.patient = eligible - round_sq(static_cast<__int128>(eligible) * eff) + (total - eligible);
            out.hospital_payment = out.fund + out.patient;
            break;
        }
    }
    out.hospital_fund_payment = out.hospital_payment - out.patient;
    out.hospital_balance = out.hospital_payment - total;
    if (auto lim = scheme->self_pay_limit.find(c.level);
        lim != scheme->self_pay_limit.end() && total > 0
        && times(c.self_pay, kFullBp) > times(total, lim->second)) {
        trace.add("BD-self-pay", "self-pay share above the " + pct(lim->second) + " limit for level "
                                     + std::to_string(c.level));
        out.message = "self-pay share above the " + pct(lim->second) + " limit";
    }
}

}  // namespace dipdrg::detail

namespace dipdrg {

std::optional<int> parse_civil_date(std::string_view s) {
    if (s.size() < 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    auto num = [&](std::size_t pos, std::size_t len) -> int {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    int y = num(0, 4), m = num(5, 2), d = num(8, 2);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    // days_from_civil (proleptic Gregorian).
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int>(doe) - 719468;
}

std::vector<BedDayCounter> bed_day_counters(const std::vector<BedDayStay>& stays, int link_gap_days,
                                            bool reset_by_year) {
    std::vector<BedDayCounter> out(stays.size());
    struct Parsed {
        int admit, discharge;
        std::size_t index;
    };
    std::map<std::pair<std::string, std::string>, std::vector<Parsed>> chains;
    for (std::size_t i = 0; i < stays.size(); ++i) {
        auto a = parse_civil_date(stays[i].admission), d = parse_civil_date(stays[i].discharge);
        if (!a || !d || *d < *a) {
            out[i].valid = false;
            continue;
        }
        chains[{stays[i].person, stays[i].scope}].push_back({*a, *d, i});
    }
    for (auto& [key, list] : chains) {
        std::sort(list.begin(), list.end(),
                  [](const Parsed& x, const Parsed& y) { return x.admit < y.admit; });
        int running = 0;   // days counted in the current chain
        int last_end = 0;  // discharge day of the previous stay
        std::string year;  // calendar year the counter belongs to
        for (std::size_t k = 0; k < list.size(); ++k) {
            const Parsed& p = list[k];
            const std::size_t i = p.index;
            const int los = std::max(1, p.discharge - p.admit);
            const std::string admit_year = stays[i].admission.substr(0, 4);
            const bool linked
                = k > 0 && p.admit - last_end <= link_gap_days && (!reset_by_year || admit_year == year);
            if (!linked) running = 0;
            // Days on or after 1 January of the next year restart the counter.
            const std::string next_jan = std::to_string(std::stoi(admit_year) + 1) + "-01-01";
            const int jan = *parse_civil_date(next_jan);
            const int last_day = p.admit + los - 1;  // the last counted day
            const int next_year_days = reset_by_year && last_day >= jan ? last_day - jan + 1 : 0;
            out[i] = {los, running, next_year_days, true};
            if (next_year_days > 0) {
                running = next_year_days;
                year = next_jan.substr(0, 4);
            } else {
                running += los;
                year = admit_year;
            }
            last_end = p.discharge;
        }
    }
    return out;
}

}  // namespace dipdrg
