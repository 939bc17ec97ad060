#include "dipdrg/batch.hpp"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>

namespace dipdrg {

void parallel_for(std::size_t n, unsigned threads, const std::function<void(std::size_t, std::size_t)>& fn) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, n / 256)));
    if (threads <= 1) {
        fn(0, n);
        return;
    }
    std::vector<std::thread> pool;
    std::exception_ptr error;
    std::mutex error_mutex;
    std::size_t chunk = (n + threads - 1) / threads;
    for (unsigned t = 0; t < threads; ++t) {
        std::size_t begin = t * chunk, end = std::min(n, begin + chunk);
        if (begin >= end) break;
        pool.emplace_back([&, begin, end] {
            try {
                fn(begin, end);
            } catch (...) {
                std::lock_guard<std::mutex> lock(error_mutex);
                if (!error) error = std::current_exception();
            }
        });
    }
    for (auto& th : pool) th.join();
    if (error) std::rethrow_exception(error);
}

std::vector<GroupResult> group_batch(const DrgGrouper& grouper, std::vector<Case>& cases, unsigned threads,
                                     std::vector<Trace>* traces) {
    std::vector<GroupResult> results(cases.size());
    if (traces) {
        traces->clear();
        traces->resize(cases.size());
    }
    parallel_for(cases.size(), threads, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            grouper.intern(cases[i]);
            results[i] = grouper.group(cases[i], traces ? &(*traces)[i] : nullptr);
        }
    });
    return results;
}

std::vector<DipResult> group_dip_batch(const DipGrouper& grouper, const std::vector<Case>& cases,
                                       unsigned threads, std::vector<Trace>* traces) {
    std::vector<DipResult> results(cases.size());
    if (traces) {
        traces->clear();
        traces->resize(cases.size());
    }
    parallel_for(cases.size(), threads, [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
            results[i] = grouper.group(cases[i], traces ? &(*traces)[i] : nullptr);
    });
    return results;
}

}  // namespace dipdrg
