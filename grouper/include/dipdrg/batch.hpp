#pragma once
// Batch grouping over all cores. Each case writes only its own result slot, so the output
// is identical whatever the thread count.
#include <functional>
#include <vector>

#include "dipdrg/dip_grouper.hpp"
#include "dipdrg/drg_grouper.hpp"

namespace dipdrg {

// Runs fn(begin, end) over [0, n) in contiguous chunks on `threads` threads
// (0 = all hardware threads; at most one thread per 256 items, since smaller chunks cost
// more to start than they save). Exceptions from a worker are rethrown in the caller.
void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t, std::size_t)>& fn);

// Interns and groups every case. With `traces`, it is resized and filled per case.
std::vector<GroupResult> group_batch(const DrgGrouper& grouper, std::vector<Case>& cases,
                                     unsigned threads = 0, std::vector<Trace>* traces = nullptr);

// Groups every case into DIP. With `traces`, it is resized and filled per case.
std::vector<DipResult> group_dip_batch(const DipGrouper& grouper, const std::vector<Case>& cases,
                                       unsigned threads = 0, std::vector<Trace>* traces = nullptr);

}  // namespace dipdrg
